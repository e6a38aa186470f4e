import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, Result, Spin } from 'antd';
import { cobuildApi, type ScanResult } from './api.ts';
import { hhmm } from './model.tsx';

/** The phone's position if it offers one within a few seconds; never required. */
function position(): Promise<{ lat: number; lng: number; accuracy: number } | null> {
  if (!('geolocation' in navigator)) return Promise.resolve(null);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), 4000);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        clearTimeout(timer);
        resolve({ lat: p.coords.latitude, lng: p.coords.longitude, accuracy: p.coords.accuracy });
      },
      () => {
        clearTimeout(timer);
        resolve(null);
      },
      { enableHighAccuracy: true, timeout: 3500, maximumAge: 60_000 },
    );
  });
}

/**
 * Where the QR code on site leads (/cobuild/scan?t=…, outside the app frame, login required): signs
 * the member in or out at the server's time, with the phone's location when it gives one.
 */
export default function ScanPage() {
  const [params] = useSearchParams();
  const token = params.get('t') ?? '';
  const [state, setState] = useState<{ ok?: ScanResult; error?: string } | null>(null);
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    (async () => {
      const loc = await position();
      try {
        setState({ ok: await cobuildApi.scan({ token, ...(loc ?? {}) }) });
      } catch (e) {
        setState({ error: (e as Error).message });
      }
    })();
  }, [token]);
  const back = (
    <Link to="/my/cobuild?tab=activities">
      <Button type="primary">返回我的活动</Button>
    </Link>
  );
  return (
    <div style={{ maxWidth: 480, margin: '0 auto', padding: '24px 12px' }}>
      <div style={{ textAlign: 'center', color: '#b5121b', fontWeight: 600, letterSpacing: 2, marginBottom: 8 }}>
        落实 · 共驻共建扫码
      </div>
      {!state && (
        <div style={{ textAlign: 'center', padding: 48 }}>
          <Spin />
          <div style={{ marginTop: 12, color: '#888' }}>正在签到,如手机询问位置,可以允许或拒绝</div>
        </div>
      )}
      {state?.ok && (
        <Result
          status="success"
          title={state.ok.action === 'in' ? `签到成功 ${hhmm(state.ok.at)}` : `签退成功 ${hhmm(state.ok.at)}`}
          subTitle={
            <>
              <div>{state.ok.activity.title}</div>
              <div>{state.ok.activity.place}</div>
              {state.ok.hours != null && <div>本次服务 {state.ok.hours} 小时,社区核验后计入积分</div>}
              {state.ok.distanceM != null && <div>距活动地点约 {state.ok.distanceM} 米</div>}
            </>
          }
          extra={back}
        />
      )}
      {state?.error && <Result status="warning" title="未能完成" subTitle={state.error} extra={back} />}
    </div>
  );
}
