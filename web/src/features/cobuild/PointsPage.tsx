import { useState } from 'react';
import { Button, Card, Drawer, InputNumber, Segmented, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { COBUILD_ACTIONS } from '../../../../common/enums.ts';
import { fmtDate, fmtTime } from '../../lib/format.ts';
import { useAuth } from '../../lib/session.tsx';
import { cobuildApi } from './api.ts';
import { pct } from './model.tsx';
import { AdjustButton, RulesTab, VetoButton, VetoesTable } from './RulesPanels.tsx';

/** 积分与排名: rankings, each ledger with the reason and source of every entry, rules, vetoes. */
export default function PointsPage() {
  const { can } = useAuth();
  return (
    <Card title="积分与排名">
      <Tabs
        destroyOnHidden
        items={[
          { key: 'rank', label: '排名', children: <RankingTab /> },
          { key: 'rules', label: '积分规则', children: <RulesTab /> },
          {
            key: 'veto',
            label: '否决与调整',
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                {can('cobuild.settings') && (
                  <Space wrap>
                    <VetoButton />
                    <AdjustButton />
                  </Space>
                )}
                <VetoesTable />
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}

function RankingTab() {
  const [kind, setKind] = useState<'member' | 'unit' | 'community'>('member');
  const [year, setYear] = useState(dayjs().year());
  const [page, setPage] = useState(1);
  const [ledger, setLedger] = useState<{ memberId?: number; unitId?: number; name: string } | null>(null);
  const q = useQuery({
    queryKey: ['cobuild', 'rankings', kind, year, page],
    queryFn: () => cobuildApi.rankings({ kind, year, page, pageSize: 20 }),
  });
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          aria-label="排名对象"
          value={kind}
          onChange={(v) => {
            setKind(v as typeof kind);
            setPage(1);
          }}
          options={[
            { value: 'member', label: '党员积分' },
            { value: 'unit', label: '单位' },
            { value: 'community', label: '村/社区' },
          ]}
        />
        <InputNumber
          aria-label="年度"
          value={year}
          min={2020}
          max={2100}
          onChange={(v) => v && setYear(v)}
          suffix="年"
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
          showTotal: (n) => `共 ${n} 名`,
        }}
        columns={[
          { title: '名次', dataIndex: 'rank', width: 64 },
          {
            title: kind === 'member' ? '党员' : kind === 'unit' ? '单位' : '村/社区',
            dataIndex: 'name',
            render: (n, r) =>
              kind === 'community' ? (
                n
              ) : (
                <a
                  onClick={() => setLedger(kind === 'member' ? { memberId: r.id, name: n } : { unitId: r.id, name: n })}
                >
                  {n}
                </a>
              ),
          },
          { title: kind === 'member' ? '工作单位' : '上级', dataIndex: 'parent', responsive: ['md'] },
          ...(kind === 'unit' ? [{ title: '报到率', dataIndex: 'rate', render: pct }] : []),
          ...(kind === 'community'
            ? [
                { title: '报到党员', dataIndex: 'rate' },
                { title: '活动场次', dataIndex: 'activities' },
              ]
            : [{ title: '积分', dataIndex: 'points' }]),
          { title: '服务时长(小时)', dataIndex: 'hours' },
        ]}
      />
      {ledger && <LedgerDrawer subject={ledger} year={year} onClose={() => setLedger(null)} />}
    </>
  );
}

export function LedgerDrawer({
  subject,
  year,
  onClose,
}: {
  subject: { memberId?: number; unitId?: number; name: string };
  year: number;
  onClose: () => void;
}) {
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ['cobuild', 'points', subject.memberId, subject.unitId, year, page],
    queryFn: () => cobuildApi.points({ memberId: subject.memberId, unitId: subject.unitId, year, page, pageSize: 20 }),
  });
  return (
    <Drawer open onClose={onClose} size={720} title={`积分台账:${subject.name}(${year}年)`}>
      <Space size={32} style={{ marginBottom: 12 }}>
        <Statistic
          title={q.data?.yearlyReset === false ? '累计积分' : '本年积分'}
          value={q.data?.sum ?? 0}
          suffix="分"
        />
        <Statistic title="超出封顶(不计入)" value={q.data?.cappedSum ?? 0} suffix="分" />
      </Space>
      <Table
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items}
        scroll={{ x: true }}
        pagination={{ current: page, total: q.data?.total, pageSize: 20, onChange: setPage }}
        columns={[
          { title: '日期', dataIndex: 'entryDate', render: fmtDate },
          { title: '类别', dataIndex: 'action', render: (a: keyof typeof COBUILD_ACTIONS) => COBUILD_ACTIONS[a] },
          { title: '事由', dataIndex: 'reason' },
          {
            title: '分值',
            render: (_, e) => (
              <Space size={4}>
                <Typography.Text delete={e.capped || e.vetoed}>{e.points}</Typography.Text>
                {e.capped && <Tag color="orange">超出封顶</Tag>}
                {e.vetoed && <Tag color="red">已否决</Tag>}
              </Space>
            ),
          },
          { title: '来源', dataIndex: 'source', responsive: ['md'] },
          { title: '规则', render: (_, e) => (e.ruleVersion ? `第${e.ruleVersion}版` : '—'), responsive: ['md'] },
          { title: '记入时间', dataIndex: 'at', render: fmtTime, responsive: ['lg'] },
        ]}
      />
      <Button onClick={onClose}>关闭</Button>
    </Drawer>
  );
}
