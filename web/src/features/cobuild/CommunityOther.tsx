/** 社区工作台 · 资源清单 (claim what paired units and members offer) and 项目清单. */
import { DatePicker, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { COBUILD_PROJECT_STATUSES } from '../../../../common/enums.ts';
import { fmtDate } from '../../lib/format.ts';
import { cobuildApi } from './api.ts';
import { CATEGORY_OPTIONS, type Category, day } from './CommunityNeeds.tsx';
import { ClaimTag, useManagedCommunities, useMyClaims } from './model.tsx';
import { ActionButton, FormButton } from './widgets.tsx';
import { QueryTable } from '../../components/QueryTable.tsx';

export function ResourcesTab({ communityId }: { communityId: number }) {
  const offered = useQuery({
    queryKey: ['cobuild', 'resources', 'for', communityId],
    queryFn: () => cobuildApi.resources({ forCommunityId: communityId, pageSize: 100 }),
  });
  const claimed = new Map(
    (useMyClaims().data?.items ?? []).filter((k) => k.target === 'resource').map((k) => [k.resource?.id, k]),
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        结对共建单位和在本社区报到的党员提供的资源,可由社区认领,提供方答复。
      </Typography.Text>
      <QueryTable
        query={offered}
        emptyText="暂无可认领的资源"
        columns={[
          { title: '资源', dataIndex: 'title' },
          { title: '提供方', dataIndex: 'owner' },
          { title: '类别', dataIndex: 'category', responsive: ['md'] },
          {
            title: '可提供时间',
            render: (_, r) => `${fmtDate(r.availableFrom)}—${fmtDate(r.availableTo)}`,
            responsive: ['md'],
          },
          { title: '联系方式', dataIndex: 'contact', responsive: ['lg'] },
          {
            title: '认领',
            render: (_, r) => {
              const k = claimed.get(r.id);
              return k ? (
                <ClaimTag s={k.status} />
              ) : (
                <ActionButton
                  type="primary"
                  run={() => cobuildApi.claimResource(r.id, { communityId })}
                  ok="已认领,等待提供方答复"
                >
                  认领
                </ActionButton>
              );
            },
          },
        ]}
      />
    </Space>
  );
}

export function ProjectsTab({ communityId }: { communityId: number }) {
  const q = useQuery({
    queryKey: ['cobuild', 'projects', communityId],
    queryFn: () => cobuildApi.projects({ communityId, pageSize: 100 }),
  });
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <NewProjectButton communityId={communityId} />
      </Space>
      <QueryTable
        query={q}
        columns={[
          { title: '项目', dataIndex: 'title' },
          { title: '牵头单位', dataIndex: ['lead', 'name'] },
          { title: '负责人', render: (_, p) => p.leadMember?.name ?? '', responsive: ['md'] },
          { title: '周期', render: (_, p) => `${fmtDate(p.startDate)}—${fmtDate(p.endDate)}`, responsive: ['md'] },
          { title: '活动', dataIndex: 'activities' },
          { title: '状态', dataIndex: 'status', render: (_, p) => <Tag>{COBUILD_PROJECT_STATUSES[p.status]}</Tag> },
          {
            title: '操作',
            render: (_, p) =>
              p.canManage && p.status === 'active' ? (
                <ActionButton run={() => cobuildApi.completeProject(p.id)} ok="项目已完成,已为牵头单位记分">
                  完成
                </ActionButton>
              ) : null,
          },
        ]}
      />
    </>
  );
}

interface ProjectForm {
  title: string;
  leadOrgId: number;
  category: Category;
  range: [Dayjs, Dayjs];
  description?: string;
}

function NewProjectButton({ communityId }: { communityId: number }) {
  return (
    <FormButton<ProjectForm>
      label="立项共建项目"
      button={{ type: 'primary' }}
      title="立项共建项目"
      okText="立项"
      ok="项目已立项"
      initialValues={{ category: '环境整治' }}
      submit={(v) =>
        cobuildApi.createProject({
          communityId,
          leadOrgId: v.leadOrgId,
          title: v.title,
          category: v.category,
          description: v.description || null,
          startDate: day(v.range[0]),
          endDate: day(v.range[1]),
        })
      }
    >
      <Form.Item name="title" label="项目名称" rules={[{ required: true, min: 2, message: '请填写项目名称' }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item
        name="leadOrgId"
        label="牵头单位(本社区或已结对的共建单位)"
        rules={[{ required: true, message: '请选择牵头单位' }]}
      >
        <LeadSelect communityId={communityId} />
      </Form.Item>
      <Form.Item name="category" label="类别" rules={[{ required: true }]}>
        <Select options={CATEGORY_OPTIONS} />
      </Form.Item>
      <Form.Item name="range" label="项目周期" rules={[{ required: true, message: '请选择项目周期' }]}>
        <DatePicker.RangePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="description" label="项目内容">
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </FormButton>
  );
}

/** The community itself or a unit actively paired with it; read only while the dialog is open. */
function LeadSelect({
  communityId,
  ...field
}: {
  communityId: number;
  value?: number;
  onChange?: (v: number) => void;
}) {
  const units = useQuery({
    queryKey: ['cobuild', 'registrations', communityId, 'units'],
    queryFn: () => cobuildApi.registrations({ communityId, kind: 'unit', status: 'active', pageSize: 100 }),
  });
  const self = useManagedCommunities().data?.items.find((c) => c.id === communityId);
  const leads = [
    ...(self ? [{ value: self.id, label: `${self.name}(本社区)` }] : []),
    ...(units.data?.items ?? []).map((r) => ({ value: r.unit.id, label: r.unit.name })),
  ];
  return <Select {...field} options={leads} loading={units.isLoading} />;
}
