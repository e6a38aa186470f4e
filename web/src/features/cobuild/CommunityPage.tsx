import { useState } from 'react';
import { Button, Select, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { fmtDate } from '../../lib/format.ts';
import { cobuildApi } from './api.ts';
import { ActivitiesTab, PendingTab } from './CommunityActivities.tsx';
import { NeedsTab } from './CommunityNeeds.tsx';
import { ProjectsTab, ResourcesTab } from './CommunityOther.tsx';
import { ReasonButton, RegTag, useManagedCommunities, useRun, Workbench } from './model.tsx';

/**
 * 社区工作台: for a 村/社区 党组织 (or the township above it) — who reported here, the three lists,
 * activities with their QR codes, and the participations waiting for verification.
 */
export default function CommunityPage() {
  const communities = useManagedCommunities();
  const list = communities.data?.items ?? [];
  return (
    <Workbench
      title="社区工作台"
      param="communityId"
      pickerLabel="选择社区"
      options={list.map((c) => ({ value: c.id, label: c.township ? `${c.name}(${c.township})` : c.name }))}
      loading={communities.isLoading}
      emptyText={communities.isSuccess && !list.length ? '您的管辖范围内没有已登记的报到社区(村/社区党组织)' : null}
      defaultTab="registrations"
      tabs={(id) => [
        { key: 'registrations', label: '报到管理', children: <RegistrationsTab communityId={id} /> },
        { key: 'needs', label: '需求清单', children: <NeedsTab communityId={id} /> },
        { key: 'resources', label: '资源清单', children: <ResourcesTab communityId={id} /> },
        { key: 'projects', label: '项目清单', children: <ProjectsTab communityId={id} /> },
        { key: 'activities', label: '活动', children: <ActivitiesTab communityId={id} /> },
        { key: 'verify', label: '待核验', children: <PendingTab communityId={id} /> },
      ]}
    />
  );
}

function RegistrationsTab({ communityId }: { communityId: number }) {
  const run = useRun();
  const [status, setStatus] = useState<'pending' | 'active' | 'declined' | 'ended' | undefined>('pending');
  const [kind, setKind] = useState<'member' | 'unit' | undefined>();
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ['cobuild', 'registrations', communityId, status, kind, page],
    queryFn: () => cobuildApi.registrations({ communityId, status, kind, page, pageSize: 20 }),
  });
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label="报到状态"
          allowClear
          placeholder="全部状态"
          style={{ width: 130 }}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={[
            { value: 'pending', label: '待确认' },
            { value: 'active', label: '已报到' },
            { value: 'declined', label: '已退回' },
            { value: 'ended', label: '已结束' },
          ]}
        />
        <Select
          aria-label="类型"
          allowClear
          placeholder="党员和单位"
          style={{ width: 130 }}
          value={kind}
          onChange={(v) => {
            setKind(v);
            setPage(1);
          }}
          options={[
            { value: 'member', label: '在职党员' },
            { value: 'unit', label: '共建单位' },
          ]}
        />
      </Space>
      <Table
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items}
        scroll={{ x: true }}
        pagination={{
          current: page,
          total: q.data?.total,
          pageSize: 20,
          onChange: setPage,
          showTotal: (n) => `共 ${n} 条`,
        }}
        columns={[
          {
            title: '报到人/单位',
            render: (_, r) =>
              r.member ? (
                <span>
                  {r.member.name}
                  {r.member.phone && <Typography.Text type="secondary"> {r.member.phone}</Typography.Text>}
                </span>
              ) : (
                <Tag color="purple">共建单位</Tag>
              ),
          },
          { title: '工作单位', dataIndex: ['unit', 'name'] },
          { title: '居住地址/共建内容', render: (_, r) => r.address ?? r.note ?? '', responsive: ['md'] },
          { title: '特长', dataIndex: 'skills', responsive: ['lg'] },
          { title: '报到日期', dataIndex: 'reportedDate', render: fmtDate },
          { title: '复核到期', dataIndex: 'dueDate', render: fmtDate, responsive: ['md'] },
          { title: '状态', render: (_, r) => <RegTag s={r.status} lapsed={r.lapsed} /> },
          {
            title: '操作',
            render: (_, r) => (
              <Space size={4} wrap>
                {r.canDecide && (
                  <>
                    <Button
                      size="small"
                      type="primary"
                      onClick={() => run(() => cobuildApi.acceptRegistration(r.id), '已确认报到')}
                    >
                      确认
                    </Button>
                    <ReasonButton
                      label="退回"
                      title="退回报到"
                      ok="已退回"
                      danger
                      placeholder="如:经核实不在本社区居住"
                      onReason={(x) => cobuildApi.declineRegistration(r.id, x)}
                    />
                  </>
                )}
                {r.status === 'active' && (
                  <ReasonButton
                    label="结束"
                    title="结束报到"
                    ok="已结束"
                    onReason={(x) => cobuildApi.endRegistration(r.id, x)}
                  />
                )}
                {r.declineReason && <Typography.Text type="secondary">{r.declineReason}</Typography.Text>}
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}
