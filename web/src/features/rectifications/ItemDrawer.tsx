import { useCallback, useEffect, useState } from 'react';
import { App, Button, Descriptions, Drawer, Input, InputNumber, Space, Tag, Timeline, Typography, Upload } from 'antd';
import { api } from '../../api/client.ts';
import { useAuth } from '../../lib/session.tsx';
import { fmtDate, fmtTime } from '../../lib/format.ts';

export interface Item {
  id: number;
  org: { id: number; name: string };
  issuer: { id: number; name: string };
  problem: string;
  source: string;
  measures: string | null;
  owner: string | null;
  deadlineDate: string | null;
  status: string;
  overdue: boolean;
  reboundCount: number;
  recheckDueDate: string | null;
  closedDate: string | null;
}
interface Detail extends Item {
  mySides: string[];
  steps: { step: string; opinion: string | null; at: string; actor: string | null }[];
  evidence: { id: number; note: string; fileName: string | null; uploadedAt: string; uploader: string }[];
  rechecks: { id: number; dueDate: string; status: string; note: string | null }[];
}
export const statusColor = (s: string) => (s === '已销号' ? 'green' : s === '申请销号' ? 'blue' : 'orange');

const toB64 = (f: File) =>
  new Promise<string>((resolve) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).split(',')[1] ?? '');
    r.readAsDataURL(f);
  });

/** One item: measures and evidence (rectifying side), 销号 and 回头看 (issuing side). */
export default function ItemDrawer({ id, onClose }: { id: number; onClose: (changed: boolean) => void }) {
  const { can } = useAuth();
  const { message } = App.useApp();
  const [d, setD] = useState<Detail | null>(null);
  const [changed, setChanged] = useState(false);
  const [measures, setMeasures] = useState('');
  const [owner, setOwner] = useState('');
  const [note, setNote] = useState('');
  const [months, setMonths] = useState(6);
  const load = useCallback(async () => {
    const r = await api.get<Detail>(`/api/rectifications/${id}`);
    setD(r);
    setMeasures(r.measures ?? '');
    setOwner(r.owner ?? '');
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);
  const run = async (fn: () => Promise<unknown>, ok: string) => {
    try {
      await fn();
      message.success(ok);
      setChanged(true);
      setNote('');
      void load();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  if (!d) return null;
  const owning = d.mySides.includes('整改方') && can('rectification.write');
  const issuing = d.mySides.includes('交办方') && can('rectification.approve');
  const pendingRecheck = d.rechecks.find((r) => r.status === '待回头看');
  const base = `/api/rectifications/${id}`;
  return (
    <Drawer open title={`整改事项 #${d.id}`} width={Math.min(720, window.innerWidth)} onClose={() => onClose(changed)}>
      <Descriptions
        column={1}
        size="small"
        bordered
        items={[
          { label: '问题', children: d.problem },
          { label: '整改单位', children: d.org.name },
          { label: '交办方', children: d.issuer.name },
          { label: '来源', children: d.source },
          {
            label: '状态',
            children: (
              <>
                <Tag color={statusColor(d.status)}>{d.status}</Tag>
                {d.reboundCount ? <Tag color="red">反弹 {d.reboundCount} 次</Tag> : null}
              </>
            ),
          },
          { label: '完成时限', children: fmtDate(d.deadlineDate) },
          { label: '回头看日期', children: fmtDate(d.recheckDueDate) || '—' },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        整改措施
      </Typography.Title>
      <Input.TextArea
        aria-label="整改措施"
        rows={3}
        value={measures}
        disabled={!owning || d.status !== '整改中'}
        onChange={(e) => setMeasures(e.target.value)}
      />
      <Input
        aria-label="责任人"
        placeholder="责任人"
        style={{ marginTop: 8 }}
        value={owner}
        disabled={!owning || d.status !== '整改中'}
        onChange={(e) => setOwner(e.target.value)}
      />
      {owning && d.status === '整改中' && (
        <Button style={{ marginTop: 8 }} onClick={() => run(() => api.patch(base, { measures, owner }), '已保存')}>
          保存措施
        </Button>
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        佐证材料
      </Typography.Title>
      <ul>
        {d.evidence.map((e) => (
          <li key={e.id}>
            {e.note}
            {e.fileName ? `(${e.fileName})` : ''} — {e.uploader} {fmtTime(e.uploadedAt)}
          </li>
        ))}
      </ul>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Input.TextArea
          aria-label="说明"
          rows={2}
          placeholder="说明 / 意见 / 回头看情况"
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
        <Space wrap>
          {owning && d.status !== '已销号' && (
            <>
              <Button
                onClick={() => run(() => api.post(`${base}/evidence`, { note: note || '整改佐证' }), '佐证已上传')}
              >
                添加佐证说明
              </Button>
              <Upload
                showUploadList={false}
                beforeUpload={(f) => {
                  void run(
                    async () =>
                      api.post(`${base}/evidence`, {
                        note: note || f.name,
                        fileName: f.name,
                        contentBase64: await toB64(f),
                      }),
                    '附件已上传',
                  );
                  return false;
                }}
              >
                <Button>上传附件</Button>
              </Upload>
            </>
          )}
          {owning && d.status === '整改中' && (
            <Button
              type="primary"
              onClick={() => run(() => api.post(`${base}/apply-close`, { note: note || undefined }), '已申请销号')}
            >
              申请销号
            </Button>
          )}
          {issuing && d.status === '申请销号' && (
            <>
              <span>回头看间隔</span>
              <InputNumber
                aria-label="回头看间隔(月)"
                min={1}
                max={36}
                value={months}
                onChange={(v) => setMonths(v ?? 6)}
              />
              <span>个月</span>
              <Button
                type="primary"
                onClick={() =>
                  run(
                    () =>
                      api.post(`${base}/approve-close`, { recheckMonths: months, ...(note ? { opinion: note } : {}) }),
                    '已销号',
                  )
                }
              >
                同意销号
              </Button>
              <Button danger onClick={() => run(() => api.post(`${base}/reject-close`, { opinion: note }), '已退回')}>
                退回
              </Button>
            </>
          )}
          {issuing && pendingRecheck && (
            <>
              <Button
                onClick={() =>
                  run(
                    () => api.post(`${base}/recheck`, { recurred: false, note: note || '未发现反弹' }),
                    '已记录:未反弹',
                  )
                }
              >
                回头看:未反弹
              </Button>
              <Button
                danger
                onClick={() =>
                  run(() => api.post(`${base}/recheck`, { recurred: true, note }), '已记录反弹,事项重新整改')
                }
              >
                回头看:反弹
              </Button>
            </>
          )}
        </Space>
      </Space>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        办理过程
      </Typography.Title>
      <Timeline
        items={d.steps.map((s) => ({
          children: (
            <>
              {s.step}
              {s.opinion ? `:${s.opinion}` : ''}{' '}
              <Typography.Text type="secondary">
                {s.actor ?? '系统'} {fmtTime(s.at)}
              </Typography.Text>
            </>
          ),
        }))}
      />
    </Drawer>
  );
}
