import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Space, Typography } from 'antd';
import { useParams } from 'react-router';
import { fmtTime } from '../../lib/format.ts';
import { orglife } from './api.ts';

/**
 * The printed 签到表: one line per expected (and invited) member with a one-time personal code, for
 * members without an account — they open the meeting's QR address and type their code — and a
 * column to sign by hand. The codes are shown only here, once; printing again replaces them.
 */
export default function SigninSheetPage() {
  const id = Number(useParams().id);
  const { message } = App.useApp();
  const gen = useMutation({
    mutationFn: () => orglife.signinCodes(id),
    onError: (e) => message.error((e as Error).message),
  });
  const s = gen.data;
  return (
    <div>
      <style>{`@media print { .no-print, .ant-layout-sider, .ant-layout-header, .ant-breadcrumb { display: none !important; } .sheet td, .sheet th { padding: 6px 4px !important; } @page { size: A4; margin: 12mm; } }`}</style>
      <Space className="no-print" direction="vertical" style={{ marginBottom: 16 }}>
        <Alert
          type="warning"
          showIcon
          title="个人签到码只显示这一次;重新生成后,此前打印的签到码作废。请生成后立即打印。"
        />
        <Space>
          <Button type="primary" loading={gen.isPending} disabled={!!s} onClick={() => gen.mutate()}>
            生成签到表
          </Button>
          {s && <Button onClick={() => window.print()}>打印</Button>}
        </Space>
      </Space>
      {s && (
        <div className="sheet" data-testid="signin-sheet">
          <Typography.Title level={3} style={{ textAlign: 'center' }}>
            签 到 表
          </Typography.Title>
          <p style={{ textAlign: 'center' }}>
            {s.orgName} · {s.topic} · {fmtTime(s.heldAt)}
          </p>
          <p>
            没有账号的党员:用手机扫描会场大屏上的二维码(或打开 {s.url}{' '}
            并输入大屏上的签到码),再输入下表中自己的个人签到码。
          </p>
          <table style={{ width: '100%', borderCollapse: 'collapse' }}>
            <thead>
              <tr>
                {['序号', '姓名', '个人签到码', '本人签名'].map((h) => (
                  <th key={h} style={cell}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {s.items.map((it, i) => (
                <tr key={it.memberId}>
                  <td style={cell}>{i + 1}</td>
                  <td style={cell}>{it.name}</td>
                  <td
                    style={{ ...cell, fontFamily: 'monospace', fontSize: 16, letterSpacing: 2 }}
                    data-testid={`code-${it.memberId}`}
                  >
                    {it.code}
                  </td>
                  <td style={{ ...cell, width: '35%' }} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
const cell: React.CSSProperties = { border: '1px solid #595959', padding: '8px 6px', textAlign: 'center' };
