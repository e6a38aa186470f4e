import type { ReactNode } from 'react';
import { Card } from 'antd';

/** The plain frame of the pages shown before the app: login, first-run setup, password change. */
export default function AuthFrame({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div style={{ minHeight: '100vh', background: 'linear-gradient(180deg, #b5121b 0, #b5121b 220px, #f3f4f6 220px)', padding: '48px 16px' }}>
      <div style={{ textAlign: 'center', color: '#fff', marginBottom: 28 }}>
        <div style={{ fontSize: 30, fontWeight: 700, letterSpacing: 6 }}>落 实</div>
        <div style={{ fontSize: 15, opacity: 0.9, marginTop: 6, letterSpacing: 2 }}>党建工作落实平台</div>
      </div>
      <Card title={title} style={{ maxWidth: 400, margin: '0 auto', boxShadow: '0 2px 12px rgba(0,0,0,.08)' }}>
        {children}
      </Card>
      <div style={{ textAlign: 'center', color: '#999', marginTop: 24, fontSize: 12 }}>请妥善保管账号密码,离开时请退出登录</div>
    </div>
  );
}
