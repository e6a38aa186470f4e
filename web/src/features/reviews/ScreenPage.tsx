import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Progress } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
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
  useEffect(() => {
    if (s) document.title = `${s.title} · 会议大屏`;
  }, [s]);
  if (q.error && !s) return <Alert type="error" title={q.error.message} />;
  if (!s) return <div style={{ position: 'fixed', inset: 0, background: '#8b0000' }} />;
  const remaining = s.speaker
    ? s.speaker.limitSec - Math.floor((now + s.offset - new Date(s.speaker.startedAt).getTime()) / 1000)
    : 0;
  const pct = s.turnout.issued ? Math.round((s.turnout.used / s.turnout.issued) * 100) : 0;
  return (
    // The whole window, outside the app frame: sizes follow the screen so that a hall projector at
    // 1920×1080 shows the speaker and the countdown legibly from the back row.
    <div
      style={{
        position: 'fixed',
        inset: 0,
        overflow: 'auto',
        background: '#8b0000',
        color: '#fff',
        padding: 'clamp(12px, 3vw, 48px)',
        textAlign: 'center',
      }}
    >
      <div className="screen-tools" style={{ position: 'absolute', top: 12, right: 12, display: 'flex', gap: 8 }}>
        <Link to={`/reviews/${id}`} style={{ color: 'rgba(255,255,255,.7)', lineHeight: '24px' }}>
          返回
        </Link>
        <Button size="small" ghost onClick={() => document.documentElement.requestFullscreen?.()}>
          全屏
        </Button>
      </div>
      <h1 style={{ color: '#ffd54f', fontSize: 'clamp(24px, 3.4vw, 72px)', margin: '0.4em 0', letterSpacing: 2 }}>
        {s.title}
      </h1>
      <h2 style={{ color: '#fff', fontSize: 'clamp(20px, 2.4vw, 48px)' }} data-testid="phase">
        {s.phase}
      </h2>
      {s.phase === '大会述职' && s.speaker && (
        <div>
          <div style={{ fontSize: 'clamp(22px, 3vw, 60px)', fontWeight: 600 }}>
            第 {s.speaker.order} 位:{s.speaker.orgName}
            {s.speaker.secretary ? ` ${s.speaker.secretary} 同志` : ''}
          </div>
          <div
            data-testid="countdown"
            style={{
              fontSize: 'clamp(72px, 16vw, 300px)',
              lineHeight: 1.1,
              fontWeight: 700,
              color: remaining < 0 ? '#ff5252' : remaining < 60 ? '#ffd54f' : '#fff',
              fontVariantNumeric: 'tabular-nums',
            }}
          >
            {mmss(remaining)}
          </div>
          {remaining < 0 && <div style={{ fontSize: 'clamp(24px, 2.6vw, 52px)' }}>已超时</div>}
        </div>
      )}
      {s.phase === '民主评议' && (
        <div data-testid="turnout">
          <div style={{ fontSize: 'clamp(24px, 3.4vw, 72px)', fontWeight: 600 }}>
            已投票 {s.turnout.used} / 已发放 {s.turnout.issued}
          </div>
          <Progress
            percent={pct}
            strokeColor="#ffd54f"
            railColor="rgba(255,255,255,.3)"
            size={{ height: 28 }}
            style={{ maxWidth: '70vw', margin: '2vh auto' }}
            format={(p) => <span style={{ color: '#fff', fontSize: 'clamp(18px, 2vw, 40px)' }}>{p}%</span>}
          />
          <div style={{ marginTop: 16, fontSize: 'clamp(16px, 1.6vw, 32px)' }}>投票结束前,评议结果对任何人密封</div>
        </div>
      )}
      {(s.phase === '准备' || s.phase === '大会述职') && (
        <ol style={{ textAlign: 'left', maxWidth: '60vw', margin: '3vh auto', fontSize: 'clamp(18px, 1.7vw, 34px)' }}>
          {s.agenda.map((a) => (
            <li key={a.order}>
              {a.orgName}
              {a.secretary ? ` ${a.secretary}` : ''}({Math.round(a.limitSec / 60)} 分钟)
            </li>
          ))}
        </ol>
      )}
      {s.phase === '已结束' && <div style={{ fontSize: 'clamp(24px, 3vw, 60px)' }}>投票已结束,感谢参与</div>}
    </div>
  );
}
