import { useEffect, type ReactNode } from 'react';

/**
 * The plain frame of the pages shown before the app: login, first-run setup, password change.
 * `page` is the browser tab's title (「登录 - 落实」).
 */
export default function AuthFrame({ title, page, children }: { title: string; page: string; children: ReactNode }) {
  useEffect(() => {
    document.title = `${page} - 落实`;
  }, [page]);
  return (
    <div
      style={{
        minHeight: '100vh',
        background: 'linear-gradient(180deg, #b5121b 0, #b5121b 220px, #f3f4f6 220px)',
        padding: '48px 16px',
      }}
    >
      <div style={{ textAlign: 'center', color: '#fff', marginBottom: 28 }}>
        <div style={{ fontSize: 30, fontWeight: 700, letterSpacing: 6 }}>落 实</div>
        <div style={{ fontSize: 15, opacity: 0.9, marginTop: 6, letterSpacing: 2 }}>党建工作落实平台</div>
      </div>
      {/* A plain panel rather than antd Card: the login page stays small (bench/web-size.ts). */}
      <section
        style={{
          maxWidth: 400,
          margin: '0 auto',
          background: '#fff',
          borderRadius: 2,
          boxShadow: '0 2px 12px rgba(0,0,0,.08)',
        }}
      >
        <h1
          style={{ margin: 0, padding: '14px 24px', fontSize: 16, fontWeight: 600, borderBottom: '1px solid #f0f0f0' }}
        >
          {title}
        </h1>
        <div style={{ padding: 24 }}>{children}</div>
      </section>
      <div style={{ textAlign: 'center', color: '#999', marginTop: 24, fontSize: 12 }}>
        请妥善保管账号密码,离开时请退出登录
      </div>
    </div>
  );
}
