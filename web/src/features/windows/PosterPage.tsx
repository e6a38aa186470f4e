import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Space, Spin } from 'antd';
import { useParams } from 'react-router';
import { windowsApi } from './api.ts';

const STARS = ['★★★★★', '★★★★', '★★★', '★★', '★'];
const PRINT = `@media print { .no-print, .ant-layout-sider, .ant-layout-header, .ant-breadcrumb, header { display: none !important; }
  .ant-layout, .ant-layout-content, main { padding: 0 !important; margin: 0 !important; background: #fff !important; }
  .poster { box-shadow: none !important; margin: 0 !important; } @page { size: A4; margin: 0; } }`;

/** The A4 poster for a window: QR code (rendered by the server, offline), short code, the five levels. */
export default function PosterPage() {
  const id = Number(useParams().id);
  const p = useQuery({ queryKey: ['windows', 'poster', id], queryFn: () => windowsApi.poster(id) });
  const s = useQuery({ queryKey: ['windows', 'settings'], queryFn: () => windowsApi.settings() });
  if (p.error) return <Alert type="error" message={(p.error as Error).message} />;
  if (!p.data) return <Spin />;
  const d = p.data;
  return (
    <div>
      <style>{PRINT}</style>
      <Space className="no-print" direction="vertical" style={{ marginBottom: 16, width: '100%' }}>
        {d.loopback && (
          <Alert
            type="warning"
            showIcon
            message="二维码地址是本机地址(localhost/127.0.0.1),手机无法访问。请由管理员配置 PUBLIC_URL 后再打印。"
          />
        )}
        <Space wrap>
          <Button type="primary" onClick={() => window.print()}>
            打印海报(A4)
          </Button>
          <span>评价地址:{d.url}</span>
        </Space>
      </Space>
      <div
        className="poster"
        style={{
          width: '210mm',
          minHeight: '297mm',
          maxWidth: '100%',
          boxSizing: 'border-box',
          margin: '0 auto',
          padding: '14mm 16mm',
          background: '#fff',
          boxShadow: '0 0 8px rgba(0,0,0,.15)',
          textAlign: 'center',
          fontFamily: '"SimHei","Microsoft YaHei",sans-serif',
        }}
      >
        <div style={{ fontSize: 40, fontWeight: 700, color: '#a8071a', letterSpacing: 4 }}>政务服务"好差评"</div>
        <div style={{ fontSize: 20, marginTop: 6 }}>一次一评 · 差评必回访 · 整改必反馈</div>
        <div style={{ fontSize: 30, fontWeight: 700, marginTop: 18 }}>{d.name}</div>
        <div style={{ fontSize: 18, color: '#555' }}>
          {d.orgName}
          {d.location ? ` · ${d.location}` : ''}
        </div>
        <img src={d.qrSvg} alt={`评价二维码 ${d.code}`} style={{ width: '92mm', height: '92mm', marginTop: 14 }} />
        <div style={{ fontSize: 20 }}>微信或手机相机扫码评价,无需登录</div>
        <div style={{ fontSize: 18, marginTop: 8 }}>无法扫码?打开 {d.url.replace(/\/r\/[^/]+$/, '/r')} 输入窗口码</div>
        <div
          style={{
            fontSize: 44,
            fontWeight: 700,
            letterSpacing: 10,
            fontFamily: 'monospace',
            border: '3px solid #a8071a',
            display: 'inline-block',
            padding: '2px 18px',
            marginTop: 6,
          }}
        >
          {d.code}
        </div>
        <table style={{ margin: '16px auto 0', fontSize: 20, borderCollapse: 'collapse' }}>
          <tbody>
            {d.levels.map((l, i) => (
              <tr key={l}>
                <td style={{ padding: '3px 16px', textAlign: 'left' }}>{l}</td>
                <td style={{ padding: '3px 16px', color: '#d48806', textAlign: 'left', letterSpacing: 2 }}>
                  {STARS[i]}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div style={{ fontSize: 17, marginTop: 14, color: '#333' }}>
          "不满意""非常不满意"将在 {s.data?.caseWorkdays ?? 5} 个工作日内核实、回访、整改,您可凭复评码对整改结果再评价。
        </div>
        {d.items.length > 0 && (
          <div style={{ fontSize: 15, marginTop: 10, color: '#555' }}>服务事项:{d.items.join('、')}</div>
        )}
        <div style={{ fontSize: 14, marginTop: 14, color: '#888' }}>
          评价不收集个人信息;被评价单位不能修改或删除评价。
        </div>
      </div>
    </div>
  );
}
