import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { Campaign, Participant, ParticipantIn } from '../../../../common/contracts/reviews.ts';
import { useAction } from '../../components/useAction.ts';
import { reviewKeys, reviewsApi } from './api.ts';

/** One person per line: 姓名 单位 (the unit is optional). */
function parseLines(text: string, attend: boolean): ParticipantIn[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [name, ...unit] = l.split(/\s+/);
      return { name, ...(unit.length ? { unit: unit.join(' ') } : {}), kind: attend ? '列席' : '正式' };
    });
}

/**
 * 参评人员名单 (including 列席 people outside the tree) and issuing a token to each: the list
 * records only that a person received a token, never which one; the code is shown once here.
 */
export default function ParticipantsCard({ campaign }: { campaign: Campaign }) {
  const { modal } = App.useApp();
  const id = campaign.id;
  const q = useQuery({ queryKey: reviewKeys.part(id, 'participants'), queryFn: () => reviewsApi.participants(id) });
  const rows = q.data?.items ?? [];
  const [adding, setAdding] = useState(false);
  const [text, setText] = useState('');
  const [attend, setAttend] = useState(false);
  const invalidate = [reviewKeys.campaign(id)];
  const add = useAction((items: ParticipantIn[]) => reviewsApi.addParticipants(id, items), {
    success: (r) => `已添加 ${r.count} 人`,
    invalidate,
    onSuccess: () => {
      setAdding(false);
      setText('');
    },
  });
  const issue = useAction((p: Participant) => reviewsApi.issue(id, p.id), {
    invalidate,
    onSuccess: (r, p) =>
      modal.info({
        title: `发给 ${p.name} 的选票码`,
        content: (
          <>
            <Typography.Title level={3} copyable>
              {r.token}
            </Typography.Title>
            <div>请当面交给本人。系统只记录「已领取」,不记录是哪一张,关闭后无法再次查看。</div>
          </>
        ),
      }),
  });
  const received = rows.filter((r) => r.received).length;
  return (
    <Card
      size="small"
      title={`参评人员名单(${rows.length} 人,已领取 ${received})`}
      extra={
        campaign.status !== 'closed' && (
          <Button size="small" onClick={() => setAdding(true)}>
            添加人员
          </Button>
        )
      }
    >
      <Table
        size="small"
        rowKey="id"
        dataSource={rows}
        loading={q.isPending}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '单位', dataIndex: 'unit', responsive: ['md'] },
          { title: '类别', dataIndex: 'kind', width: 70, render: (k) => (k === '列席' ? <Tag>列席</Tag> : '正式') },
          {
            title: '选票码',
            dataIndex: 'received',
            width: 120,
            render: (r, p) =>
              r ? (
                <Tag color="green">已领取</Tag>
              ) : (
                campaign.status !== 'closed' && (
                  <Button size="small" onClick={() => issue.mutate(p)}>
                    发放
                  </Button>
                )
              ),
          },
        ]}
      />
      <Modal
        open={adding}
        title="添加参评人员"
        okText="添加"
        cancelText="取消"
        confirmLoading={add.isPending}
        onOk={() => {
          const items = parseLines(text, attend);
          if (items.length) add.mutate(items);
        }}
        onCancel={() => setAdding(false)}
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Input.TextArea
            aria-label="人员名单"
            rows={8}
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={'每行一人:姓名 单位\n如:张三 甲镇党委'}
          />
          <Checkbox checked={attend} onChange={(e) => setAttend(e.target.checked)}>
            列席人员
          </Checkbox>
        </Space>
      </Modal>
    </Card>
  );
}
