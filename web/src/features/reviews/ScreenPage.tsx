import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Progress } from 'antd';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { reviewKeys, reviewsApi } from './api.ts';

const mmss = (s: number) =>
  `${s < 0 ? '-' : ''}${String(Math.floor(Math.abs(s) / 60)).padStart(2, '0')}:${String(Math.abs(s) % 60).padStart(2, '0')}`;

/** The meeting big screen: agenda, each speaker's countdown, then live turnout. Never results. */
export default function ScreenPage() {
  const id = Number(useParams().id);
  const q = useQuery({
    queryKey: reviewKeys.part(id, 'screen'),
    queryFn: async () => {
      const s = await reviewsApi.screen(id);
      // The countdown runs on the server's clock: remember how far this browser's clock is off.
      return { ...s, offset: new Date(s.serverTime).getTime() - Date.now() };
    },
    refetchInterval: 3000,
    staleTime: 0,
  });
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(t);
  }, []);
  const s = q.data;
  if (q.error && !s) return <Alert type="error" title={q.error.message} />;
  if (!s) return null;
  const remaining = s.speaker
    ? s.speaker.limitSec - Math.floor((now + s.offset - new Date(s.speaker.startedAt).getTime()) / 1000)
    : 0;
  const pct = s.turnout.issued ? Math.round((s.turnout.used / s.turnout.issued) * 100) : 0;
  return (
    <div
      style={{
        background: '#8b0000',
        color: '#fff',
        minHeight: '80vh',
        padding: 'clamp(12px, 4vw, 32px)',
        textAlign: 'center',
        borderRadius: 8,
      }}
    >
      <Button size="small" style={{ float: 'right' }} onClick={() => document.documentElement.requestFullscreen?.()}>
        全屏
      </Button>
      <h1 style={{ color: '#ffd54f', fontSize: 'clamp(22px, 5vw, 36px)' }}>{s.title}</h1>
      <h2 style={{ color: '#fff' }} data-testid="phase">
        {s.phase}
      </h2>
      {s.phase === '大会述职' && s.speaker && (
        <div>
          <div style={{ fontSize: 'clamp(20px, 5vw, 32px)' }}>
            第 {s.speaker.order} 位:{s.speaker.orgName}
            {s.speaker.secretary ? ` ${s.speaker.secretary} 同志` : ''}
          </div>
          <div
            data-testid="countdown"
            style={{
              fontSize: 'clamp(64px, 18vw, 120px)',
              fontWeight: 700,
              color: remaining < 0 ? '#ff5252' : remaining < 60 ? '#ffd54f' : '#fff',
              fontVariantNumeric: 'tabular-nums',
            }}
          >
            {mmss(remaining)}
          </div>
          {remaining < 0 && <div style={{ fontSize: 28 }}>已超时</div>}
        </div>
      )}
      {s.phase === '民主评议' && (
        <div data-testid="turnout">
          <div style={{ fontSize: 'clamp(20px, 5vw, 32px)' }}>
            已投票 {s.turnout.used} / 已发放 {s.turnout.issued}
          </div>
          <Progress
            percent={pct}
            strokeColor="#ffd54f"
            railColor="rgba(255,255,255,.3)"
            style={{ maxWidth: 700 }}
            format={(p) => <span style={{ color: '#fff' }}>{p}%</span>}
          />
          <div style={{ marginTop: 16 }}>投票结束前,评议结果对任何人密封</div>
        </div>
      )}
      {(s.phase === '准备' || s.phase === '大会述职') && (
        <ol style={{ textAlign: 'left', maxWidth: 640, margin: '24px auto', fontSize: 20 }}>
          {s.agenda.map((a) => (
            <li key={a.order}>
              {a.orgName}
              {a.secretary ? ` ${a.secretary}` : ''}({Math.round(a.limitSec / 60)} 分钟)
            </li>
          ))}
        </ol>
      )}
      {s.phase === '已结束' && <div style={{ fontSize: 28 }}>投票已结束,感谢参与</div>}
    </div>
  );
}
