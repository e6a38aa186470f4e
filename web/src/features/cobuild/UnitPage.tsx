import { useState } from 'react';
import { Button, Col, Input, Progress, Row, Select, Space, Statistic } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { FilterSelect } from '../../components/FilterSelect.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { fmtDate } from '../../lib/format.ts';
import { useAuth } from '../../lib/session.tsx';
import { cobuildApi, type Roster } from './api.ts';
import { LettersTable } from './ReportsPage.tsx';
import { UnitNeeds, UnitResources } from './UnitPanels.tsx';
import { RegTag, STATE_LABEL, StateTag, useUnits, Workbench } from './model.tsx';
import { useCobuildAction } from './widgets.tsx';
import { QueryTable } from '../../components/QueryTable.tsx';

/**
 * 单位工作台: for a department's (or township's) Party organization — our in-service members'
 * report status, the communities we are paired with, the needs we claim, the resources we offer,
 * and the quarterly letters we receive.
 */
export default function UnitPage() {
  const units = useUnits();
  const list = units.data?.items ?? [];
  return (
    <Workbench
      title="单位工作台"
      param="unitId"
      pickerLabel="选择单位"
      options={list.map((u) => ({ value: u.unit.id, label: `${u.unit.name}(报到率 ${u.rate ?? '—'}%)` }))}
      loading={units.isLoading}
      emptyText={units.isSuccess && !list.length ? '您的管辖范围内没有需要报到的在职党员' : null}
      defaultTab="roster"
      tabs={(id) => [
        {
          key: 'roster',
          label: '党员报到情况',
          children: <RosterTab unitId={id} target={units.data?.targetRate ?? 95} />,
        },
        { key: 'pairs', label: '结对社区', children: <PairsTab unitId={id} /> },
        { key: 'needs', label: '认领需求', children: <UnitNeeds unitId={id} /> },
        { key: 'resources', label: '提供资源', children: <UnitResources unitId={id} /> },
        { key: 'letters', label: '季度反馈函', children: <LettersTable unitId={id} /> },
      ]}
    />
  );
}

/** The filter lists the states in the order a secretary follows them up. */
const ROSTER_STATES = {
  none: STATE_LABEL.none,
  lapsed: STATE_LABEL.lapsed,
  pending: STATE_LABEL.pending,
  reported: STATE_LABEL.reported,
};

function RosterTab({ unitId, target }: { unitId: number; target: number }) {
  const [state, setState] = useState<keyof typeof STATE_LABEL | undefined>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const r = useQuery({
    queryKey: ['cobuild', 'roster', unitId, state, q, page],
    queryFn: () => cobuildApi.roster({ unitId, state, q: q || undefined, page, pageSize: 20 }),
  });
  const s = r.data?.summary;
  return (
    <>
      {s && (
        <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
          <Col xs={8} md={6}>
            <Statistic title="在职党员" value={s.inService} suffix="名" />
          </Col>
          <Col xs={8} md={6}>
            <Statistic title="已报到" value={s.reported} suffix="名" />
          </Col>
          <Col xs={8} md={12}>
            <div style={{ color: 'rgba(0,0,0,.45)' }}>报到率(目标 {target}%)</div>
            <Progress
              percent={s.rate ?? 0}
              strokeColor={(s.rate ?? 0) >= target ? '#389e0d' : '#cf1322'}
              format={(p) => `${p}%`}
            />
          </Col>
        </Row>
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <FilterSelect
          label="报到情况"
          width={130}
          value={state}
          onChange={(v) => {
            setState(v);
            setPage(1);
          }}
          options={ROSTER_STATES}
        />
        <Input.Search
          aria-label="姓名"
          placeholder="姓名"
          allowClear
          style={{ width: 160 }}
          onSearch={(v) => {
            setQ(v);
            setPage(1);
          }}
        />
      </Space>
      <ListTable<Roster['items'][number]>
        rowKey="memberId"
        query={r}
        page={page}
        onPageChange={setPage}
        totalText={(n) => `共 ${n} 名`}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '所在支部', dataIndex: 'branch', responsive: ['md'] },
          { title: '报到情况', dataIndex: 'state', render: (x) => <StateTag s={x} /> },
          { title: '报到社区', render: (_, m) => m.community?.name ?? '' },
          { title: '复核到期', dataIndex: 'dueDate', render: fmtDate, responsive: ['md'] },
          { title: '本年服务(小时)', dataIndex: 'yearHours' },
          { title: '本年积分', dataIndex: 'yearPoints' },
        ]}
      />
    </>
  );
}

function PairsTab({ unitId }: { unitId: number }) {
  const { can } = useAuth();
  const [community, setCommunity] = useState<number>();
  const pair = useCobuildAction(
    (communityId: number) => cobuildApi.reportUnit({ unitId, communityId }),
    '已作为共建单位报到,等待社区确认',
  );
  const regs = useQuery({
    queryKey: ['cobuild', 'registrations', 'unit', unitId],
    queryFn: () => cobuildApi.registrations({ unitId, kind: 'unit', pageSize: 100 }),
  });
  const dir = useQuery({ queryKey: ['cobuild', 'communities', 'all'], queryFn: () => cobuildApi.communities() });
  return (
    <>
      {can('cobuild.manage') && (
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            aria-label="结对社区"
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="选择要结对的社区"
            style={{ width: 280, maxWidth: '100%' }}
            value={community}
            onChange={setCommunity}
            options={(dir.data?.items ?? []).map((c) => ({
              value: c.id,
              label: `${c.name}${c.township ? `(${c.township})` : ''}`,
            }))}
          />
          <Button
            type="primary"
            disabled={!community}
            loading={pair.isPending}
            onClick={() => community && pair.mutate(community)}
          >
            作为共建单位报到
          </Button>
        </Space>
      )}
      <QueryTable
        query={regs}
        emptyText="尚未与社区结对"
        columns={[
          { title: '结对社区', dataIndex: ['community', 'name'] },
          { title: '报到日期', dataIndex: 'reportedDate', render: fmtDate },
          { title: '确认日期', dataIndex: 'acceptedDate', render: fmtDate },
          { title: '状态', render: (_, r) => <RegTag s={r.status} /> },
          { title: '说明', render: (_, r) => r.declineReason ?? r.endReason ?? r.note ?? '' },
        ]}
      />
    </>
  );
}
