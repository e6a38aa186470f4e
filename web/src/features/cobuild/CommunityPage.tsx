import { useState } from 'react';
import { Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { COBUILD_REG_STATUSES } from '../../../../common/enums.ts';
import { FilterSelect } from '../../components/FilterSelect.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { fmtDate } from '../../lib/format.ts';
import { cobuildApi, type Registration } from './api.ts';
import { ActivitiesTab, PendingTab } from './CommunityActivities.tsx';
import { NeedsTab } from './CommunityNeeds.tsx';
import { ProjectsTab, ResourcesTab } from './CommunityOther.tsx';
import { RegTag, useManagedCommunities, Workbench } from './model.tsx';
import { ActionButton, ReasonButton } from './widgets.tsx';

type RegStatus = keyof typeof COBUILD_REG_STATUSES;

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

const KINDS = { member: '在职党员', unit: '共建单位' } as const;

function RegistrationsTab({ communityId }: { communityId: number }) {
  const [status, setStatus] = useState<RegStatus | undefined>('pending');
  const [kind, setKind] = useState<keyof typeof KINDS | undefined>();
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ['cobuild', 'registrations', communityId, status, kind, page],
    queryFn: () => cobuildApi.registrations({ communityId, status, kind, page, pageSize: 20 }),
  });
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <FilterSelect
          label="报到状态"
          width={130}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={COBUILD_REG_STATUSES}
        />
        <FilterSelect
          label="类型"
          width={130}
          value={kind}
          onChange={(v) => {
            setKind(v);
            setPage(1);
          }}
          options={KINDS}
        />
      </Space>
      <ListTable<Registration>
        query={q}
        page={page}
        onPageChange={setPage}
        totalText={(n) => `共 ${n} 条`}
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
                    <ActionButton type="primary" run={() => cobuildApi.acceptRegistration(r.id)} ok="已确认报到">
                      确认
                    </ActionButton>
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
