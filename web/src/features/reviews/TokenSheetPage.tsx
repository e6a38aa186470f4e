import { Alert, Button, InputNumber, Space, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { useAction } from '../../components/useAction.ts';
import { reviewKeys, reviewsApi } from './api.ts';

/**
 * Token print sheet: generates N one-time tokens with their QR codes (rendered by the server as
 * SVG, nothing fetched from outside) and lays them out 3 × 4 per A4 page for cutting and handing
 * out at random. The codes exist only in this page: reloading it does not show them again.
 */
const isLoopback = (host: string) =>
  host === 'localhost' || host.startsWith('127.') || host === '[::1]' || host === '::1';

export default function TokenSheetPage() {
  const id = Number(useParams().id);
  const [count, setCount] = useState(20);
  const gen = useAction(() => reviewsApi.tokens(id, count), { invalidate: [reviewKeys.campaign(id)] });
  const sheet = gen.data;
  // Phones scan the printed link: a loopback address (the server's default HOST) leads nowhere.
  const loopback = sheet?.loopback ?? isLoopback(window.location.hostname);
  const origin = sheet?.links?.[0] ? new URL(sheet.links[0]).origin : window.location.origin;
  return (
    <div>
      <style>{`@media print { .no-print, .ant-layout-sider, .ant-layout-header, .ant-breadcrumb { display: none !important; } .token-sheet { gap: 0 !important; grid-template-columns: repeat(3, 1fr) !important; } .token-card { break-inside: avoid; } @page { size: A4; margin: 10mm; } }`}</style>
      <Space className="no-print" orientation="vertical" style={{ marginBottom: 16 }}>
        <Alert
          type="warning"
          showIcon
          title="选票码明文只显示这一次。请生成后立即打印;关闭或刷新本页后无法再次查看。"
        />
        {loopback && (
          <Alert
            type="error"
            showIcon
            data-testid="loopback-warning"
            title={`二维码中的地址是 ${origin},这是服务器本机地址,参会人员的手机无法打开。`}
            description={
              <>
                请在服务器上设置 PUBLIC_URL 为手机能访问的地址(例如单位内网的 http://192.168.1.10:3000 或
                https://luoshi.example.gov.cn),并让服务监听内网地址(HOST=0.0.0.0),重启后重新生成选票码。 设置方法见
                README「配置」一节。
              </>
            }
          />
        )}
        <Space wrap>
          <span>数量</span>
          <InputNumber aria-label="选票码数量" min={1} max={5000} value={count} onChange={(v) => setCount(v ?? 1)} />
          <Button type="primary" loading={gen.isPending} onClick={() => gen.mutate()} disabled={!!sheet}>
            生成选票码
          </Button>
          {sheet && <Button onClick={() => window.print()}>打印</Button>}
        </Space>
      </Space>
      {sheet && (
        <div
          className="token-sheet"
          data-testid="token-sheet"
          style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))', gap: 8 }}
        >
          {sheet.tokens.map((t, i) => (
            <div
              key={t}
              className="token-card"
              style={{ border: '1px dashed #999', padding: 8, textAlign: 'center', height: '64mm' }}
            >
              <div style={{ fontWeight: 600 }}>民主评议选票码</div>
              <img src={sheet.qr?.[i]} alt={`二维码 ${t}`} style={{ width: '36mm', height: '36mm' }} />
              <Typography.Text code style={{ fontSize: 18 }} data-testid="token-code">
                {t}
              </Typography.Text>
              <div style={{ fontSize: 11, wordBreak: 'break-all' }} data-testid="token-link">
                {sheet.links?.[i]?.replace(/^https?:\/\//, '')}
              </div>
              <div style={{ fontSize: 11 }}>手机扫码或打开上面的网址;只能使用一次</div>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
