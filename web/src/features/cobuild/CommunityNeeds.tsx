/** 社区工作台 · 需求清单: publish, answer claims, fulfil or close, turn into an activity. */
import { useState } from 'react';
import { Button, DatePicker, Drawer, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { COBUILD_CATEGORIES } from '../../../../common/enums.ts';
import { ListTable } from '../../components/ListTable.tsx';
import { fmtDate, fmtTime } from '../../lib/format.ts';
import { cobuildApi, type Need } from './api.ts';
import { NewActivityButton } from './CommunityActivities.tsx';
import { ClaimTag, NeedTag } from './model.tsx';
import { ActionButton, FormButton, ReasonButton } from './widgets.tsx';
import { QueryTable } from '../../components/QueryTable.tsx';

export type Category = (typeof COBUILD_CATEGORIES)[number];
export const CATEGORY_OPTIONS = COBUILD_CATEGORIES.map((c) => ({ value: c, label: c }));
export const day = (d: Dayjs) => d.format('YYYY-MM-DD');

export function NeedsTab({ communityId }: { communityId: number }) {
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<Need | null>(null);
  const q = useQuery({
    queryKey: ['cobuild', 'needs', communityId, page],
    queryFn: () => cobuildApi.needs({ communityId, page, pageSize: 20 }),
  });
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <NewNeedButton communityId={communityId} />
      </Space>
      <ListTable<Need>
        query={q}
        page={page}
        onPageChange={setPage}
        columns={[
          { title: '需求', dataIndex: 'title', render: (t, n) => <a onClick={() => setOpen(n)}>{t}</a> },
          { title: '类别', dataIndex: 'category', responsive: ['md'] },
          { title: '时间', render: (_, n) => `${fmtDate(n.startDate)}—${fmtDate(n.endDate)}`, responsive: ['md'] },
          { title: '人数', render: (_, n) => `${n.claimedCount}/${n.headcount}` },
          {
            title: '待答复',
            dataIndex: 'pendingClaims',
            render: (x) => (x ? <Typography.Text type="warning">{x}</Typography.Text> : 0),
          },
          { title: '状态', dataIndex: 'status', render: (s) => <NeedTag s={s} /> },
          {
            title: '操作',
            render: (_, n) =>
              n.status === 'open' && n.canManage ? (
                <Space size={4} wrap>
                  <Button size="small" onClick={() => setOpen(n)}>
                    认领情况
                  </Button>
                  <NewActivityButton communityId={communityId} need={n} />
                  <ActionButton run={() => cobuildApi.fulfilNeed(n.id)} ok="需求已完成,已为认领方记分">
                    完成
                  </ActionButton>
                  <ReasonButton
                    label="关闭"
                    title="关闭需求"
                    ok="已关闭"
                    onReason={(r) => cobuildApi.closeNeed(n.id, r)}
                  />
                </Space>
              ) : (
                <Typography.Text type="secondary">
                  {n.closeReason ?? (n.doneDate ? `${fmtDate(n.doneDate)}完成` : '')}
                </Typography.Text>
              ),
          },
        ]}
      />
      {open && <ClaimsDrawer need={open} onClose={() => setOpen(null)} />}
    </>
  );
}

/** A claim's 接受 / 婉拒, for the side that answers it (the community for needs, the unit for resources). */
export function ClaimAnswer({ id }: { id: number }) {
  return (
    <Space size={4}>
      <ActionButton type="primary" run={() => cobuildApi.acceptClaim(id)} ok="已接受">
        接受
      </ActionButton>
      <ReasonButton label="婉拒" title="婉拒认领" ok="已婉拒" onReason={(r) => cobuildApi.declineClaim(id, r)} />
    </Space>
  );
}

function ClaimsDrawer({ need, onClose }: { need: Need; onClose: () => void }) {
  const q = useQuery({
    queryKey: ['cobuild', 'claims', 'need', need.id],
    queryFn: () => cobuildApi.claims({ needId: need.id, pageSize: 100 }),
  });
  return (
    <Drawer open title={`认领情况:${need.title}`} onClose={onClose} size={640}>
      <Typography.Paragraph type="secondary">
        需要 {need.headcount} 人 · {need.place ?? ''} · {fmtDate(need.startDate)}—{fmtDate(need.endDate)}
        {need.skills ? ` · ${need.skills}` : ''}
      </Typography.Paragraph>
      <QueryTable
        query={q}
        columns={[
          {
            title: '认领方',
            render: (_, k) => `${k.claimantName}${k.claimant === 'unit' ? `(${k.headcount} 人)` : ''}`,
          },
          { title: '说明', dataIndex: 'note' },
          { title: '时间', dataIndex: 'createdAt', render: fmtTime },
          { title: '状态', render: (_, k) => <ClaimTag s={k.status} /> },
          { title: '答复', render: (_, k) => (k.canDecide ? <ClaimAnswer id={k.id} /> : k.reason) },
        ]}
      />
    </Drawer>
  );
}

interface NeedForm {
  title: string;
  category: Category;
  description?: string;
  place?: string;
  range: [Dayjs, Dayjs];
  headcount: number;
  skills?: string;
}

function NewNeedButton({ communityId }: { communityId: number }) {
  return (
    <FormButton<NeedForm>
      label="发布需求"
      button={{ type: 'primary' }}
      title="发布需求"
      okText="发布"
      ok="需求已发布,已通知结对单位"
      initialValues={{ headcount: 5, category: '环境整治' }}
      submit={(v) =>
        cobuildApi.createNeed({
          communityId,
          title: v.title,
          category: v.category,
          description: v.description || null,
          place: v.place || null,
          startDate: day(v.range[0]),
          endDate: day(v.range[1]),
          headcount: v.headcount,
          skills: v.skills || null,
        })
      }
    >
      <Form.Item name="title" label="需求名称" rules={[{ required: true, min: 2, message: '请填写需求名称' }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="category" label="类别" rules={[{ required: true }]}>
        <Select options={CATEGORY_OPTIONS} />
      </Form.Item>
      <Form.Item name="description" label="需求内容">
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Form.Item name="place" label="地点">
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="range" label="时间范围" rules={[{ required: true, message: '请选择时间范围' }]}>
        <DatePicker.RangePicker style={{ width: '100%' }} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="headcount" label="需要人数" rules={[{ required: true }]}>
          <InputNumber min={1} max={500} />
        </Form.Item>
        <Form.Item name="skills" label="技能要求">
          <Input maxLength={200} style={{ width: 260 }} />
        </Form.Item>
      </Space>
    </FormButton>
  );
}
