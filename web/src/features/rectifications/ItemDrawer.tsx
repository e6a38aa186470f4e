import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Descriptions,
  Drawer,
  Input,
  InputNumber,
  Space,
  Spin,
  Tag,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import type { RectDetail } from '../../../../common/contracts/rectifications.ts';
import type { RectStatus } from '../../../../common/enums.ts';
import { useAction } from '../../components/useAction.ts';
import { fmtDate, fmtTime } from '../../lib/format.ts';
import { useAuth } from '../../lib/session.tsx';
import { rectApi, rectKeys } from './api.ts';

export const statusColor = (s: RectStatus) => (s === '已销号' ? 'green' : s === '申请销号' ? 'blue' : 'orange');

const toB64 = (f: File) =>
  new Promise<string>((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).split(',')[1] ?? '');
    r.onerror = () => reject(new Error(`无法读取文件「${f.name}」`));
    r.readAsDataURL(f);
  });

/** One item: measures and evidence (rectifying side), 销号 and 回头看 (issuing side). */
export default function ItemDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const q = useQuery({ queryKey: rectKeys.detail(id), queryFn: () => rectApi.get(id) });
  return (
    <Drawer open title={`整改事项 #${id}`} size={Math.min(720, window.innerWidth)} onClose={onClose}>
      {q.error && <Alert type="error" showIcon title={q.error.message} />}
      {q.data ? <ItemBody key={q.data.updatedAt} d={q.data} /> : !q.error && <Spin />}
    </Drawer>
  );
}

/** The item as loaded; keyed by its last change, so the fields start from what is saved. */
function ItemBody({ d }: { d: RectDetail }) {
  const { can } = useAuth();
  const id = d.id;
  const [measures, setMeasures] = useState(d.measures ?? '');
  const [owner, setOwner] = useState(d.owner ?? '');
  const [note, setNote] = useState('');
  const [months, setMonths] = useState(d.recheckMonths);
  const done = (success: string) => ({ success, invalidate: [rectKeys.all], onSuccess: () => setNote('') });
  const save = useAction(() => rectApi.update(id, { measures, owner }), done('已保存'));
  const evidence = useAction(() => rectApi.addEvidence(id, { note: note || '整改佐证' }), done('佐证已上传'));
  const attach = useAction(
    async (f: File) =>
      rectApi.addEvidence(id, { note: note || f.name, fileName: f.name, contentBase64: await toB64(f) }),
    done('附件已上传'),
  );
  const apply = useAction(() => rectApi.applyClose(id, note || undefined), done('已申请销号'));
  const approve = useAction(
    () => rectApi.approveClose(id, { recheckMonths: months, ...(note ? { opinion: note } : {}) }),
    done('已销号'),
  );
  const reject = useAction(() => rectApi.rejectClose(id, note), done('已退回'));
  const fine = useAction(
    () => rectApi.recheck(id, { recurred: false, note: note || '未发现反弹' }),
    done('已记录:未反弹'),
  );
  const rebound = useAction(() => rectApi.recheck(id, { recurred: true, note }), done('已记录反弹,事项重新整改'));
  const file = useAction((e: { id: number; fileName: string | null }) => rectApi.downloadEvidence(id, e));

  const owning = d.mySides.includes('整改方') && can('rectification.write');
  const issuing = d.mySides.includes('交办方') && can('rectification.approve');
  const pendingRecheck = d.rechecks.find((r) => r.status === '待回头看');
  return (
    <>
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
          { label: '完成时限', children: fmtDate(d.deadlineDate) || '—' },
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
        <Button style={{ marginTop: 8 }} loading={save.isPending} onClick={() => save.mutate()}>
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
            {e.fileName && (
              <>
                (<Typography.Link onClick={() => file.mutate(e)}>{e.fileName}</Typography.Link>)
              </>
            )}{' '}
            — {e.uploader} {fmtTime(e.uploadedAt)}
          </li>
        ))}
      </ul>
      <Space orientation="vertical" style={{ width: '100%' }}>
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
              <Button loading={evidence.isPending} onClick={() => evidence.mutate()}>
                添加佐证说明
              </Button>
              <Upload
                showUploadList={false}
                beforeUpload={(f) => {
                  attach.mutate(f);
                  return false;
                }}
              >
                <Button loading={attach.isPending}>上传附件</Button>
              </Upload>
            </>
          )}
          {owning && d.status === '整改中' && (
            <Button type="primary" loading={apply.isPending} onClick={() => apply.mutate()}>
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
              <Button type="primary" loading={approve.isPending} onClick={() => approve.mutate()}>
                同意销号
              </Button>
              <Button danger loading={reject.isPending} onClick={() => reject.mutate()}>
                退回
              </Button>
            </>
          )}
          {issuing && pendingRecheck && (
            <>
              <Button loading={fine.isPending} onClick={() => fine.mutate()}>
                回头看:未反弹
              </Button>
              <Button danger loading={rebound.isPending} onClick={() => rebound.mutate()}>
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
          content: (
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
    </>
  );
}
