import { useState } from 'react';
import { App, Button, Card, Descriptions, Input, Space, Table, Tag, Timeline } from 'antd';
import dayjs from 'dayjs';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useAuth } from '../../lib/session.tsx';
import { fmtDate, fmtTime } from '../../lib/format.ts';
import { STATUS_COLORS, acceptProblem, addProgress, getPlan, stdKeys } from './api.ts';

/** One 整顿 plan: its problems (rectification-ledger items) accepted one by one, monthly progress. */
export default function PlanPage() {
  const id = Number(useParams().id);
  const { me, can } = useAuth();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const q = useQuery({ queryKey: stdKeys.plan(id), queryFn: () => getPlan(id) });
  const [progress, setProgress] = useState('');
  const [notes, setNotes] = useState<Record<number, string>>({});
  const ok = (t: string) => () => {
    message.success(t);
    qc.invalidateQueries({ queryKey: stdKeys.all });
  };
  const fail = (e: unknown) => message.error((e as Error).message);
  const month = dayjs().format('YYYY-MM');
  const report = useMutation({
    mutationFn: () => addProgress(id, month, progress),
    onSuccess: ok('进展已报送'),
    onError: fail,
  });
  const accept = useMutation({
    mutationFn: (pid: number) => acceptProblem(id, pid, notes[pid] ?? ''),
    onSuccess: ok('已验收'),
    onError: fail,
  });
  const p = q.data;
  if (!p) return <Card loading />;
  const own = me?.scope.id === p.orgId;
  const open = p.status === '整顿中';
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={`整顿:${p.orgName}`} extra={<Tag color={STATUS_COLORS[p.status]}>{p.status}</Tag>}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label="列入依据">{p.basis}</Descriptions.Item>
          <Descriptions.Item label="联系领导">{p.contactLeader}</Descriptions.Item>
          <Descriptions.Item label="列入日期">{fmtDate(p.startDate)}</Descriptions.Item>
          {p.liftedDate && <Descriptions.Item label="摘帽日期">{fmtDate(p.liftedDate)}</Descriptions.Item>}
          <Descriptions.Item label="验收进度">{`${p.accepted} / ${p.items} 项`}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="整顿问题(逐条验收,全部验收后摘帽)">
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={p.problems}
          scroll={{ x: 640 }}
          columns={[
            { title: '问题', dataIndex: 'problem' },
            {
              title: '整改台账',
              dataIndex: 'rectificationItemId',
              width: 110,
              render: (v) => <Link to={`/rectifications?id=${v}`}>第 {v} 号</Link>,
            },
            {
              title: '验收',
              width: 300,
              render: (_, x) =>
                x.acceptedAt ? (
                  <span>
                    <Tag color="green">已验收</Tag>
                    {x.acceptNote} · {fmtTime(x.acceptedAt)}
                  </span>
                ) : open && !own && can('standards.score') ? (
                  <Space.Compact style={{ width: '100%' }}>
                    <Input
                      placeholder="验收意见"
                      value={notes[x.id]}
                      onChange={(e) => setNotes({ ...notes, [x.id]: e.target.value })}
                    />
                    <Button disabled={!notes[x.id]?.trim()} onClick={() => accept.mutate(x.id)}>
                      验收
                    </Button>
                  </Space.Compact>
                ) : (
                  '待验收'
                ),
            },
          ]}
        />
      </Card>
      <Card title="月度进展">
        <Timeline items={p.progress.map((x) => ({ children: `${x.month}:${x.text}` }))} />
        {p.progress.length === 0 && <div style={{ color: '#888' }}>尚未报送进展</div>}
        {open && can('standards.score') && (
          <Space.Compact style={{ width: '100%', maxWidth: 640 }}>
            <Input placeholder={`${month} 整顿进展`} value={progress} onChange={(e) => setProgress(e.target.value)} />
            <Button type="primary" disabled={!progress.trim()} onClick={() => report.mutate()}>
              报送
            </Button>
          </Space.Compact>
        )}
      </Card>
    </Space>
  );
}
