import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Button, Card, Descriptions, Drawer, InputNumber, Select, Space, Table, Tabs, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { ListTable } from '../../components/ListTable.tsx';
import { fmtDate, fmtTime } from '../../lib/format.ts';
import { useAuth } from '../../lib/session.tsx';
import { cobuildApi, type Letter } from './api.ts';
import { pct } from './model.tsx';
import { useCobuildAction } from './widgets.tsx';
import { QueryTable } from '../../components/QueryTable.tsx';

/** 反馈函与通报: the quarterly letters to employer units and the bimonthly county bulletins. */
export default function ReportsPage() {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'letters';
  return (
    <Card title="反馈函与通报">
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'letters', label: '季度反馈函', children: <LettersTab initial={Number(params.get('id')) || null} /> },
          { key: 'bulletins', label: '双月通报', children: <BulletinsTab /> },
        ]}
      />
    </Card>
  );
}

/**
 * 组织部's "generate now" bar: a year, a period within it (the last finished one by default) and
 * the button; the jobs generate the same on their own after each period.
 */
function GenerateBar(props: {
  periodLabel: string;
  periods: { value: number; label: string }[];
  lastPeriod: number;
  generate: (v: { year: number; period: number }) => Promise<unknown>;
  ok: string;
  children: string;
}) {
  const [year, setYear] = useState(dayjs().year());
  const [period, setPeriod] = useState(Math.max(1, props.lastPeriod));
  const action = useCobuildAction(props.generate, props.ok);
  return (
    <Space wrap>
      <InputNumber aria-label="年度" value={year} min={2020} max={2100} onChange={(v) => v && setYear(v)} suffix="年" />
      <Select
        aria-label={props.periodLabel}
        value={period}
        onChange={setPeriod}
        style={{ width: 120 }}
        options={props.periods}
      />
      <Button type="primary" loading={action.isPending} onClick={() => action.mutate({ year, period })}>
        {props.children}
      </Button>
    </Space>
  );
}

function LettersTab({ initial }: { initial: number | null }) {
  const { can } = useAuth();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {can('cobuild.settings') && (
        <Space wrap>
          <GenerateBar
            periodLabel="季度"
            periods={[1, 2, 3, 4].map((q) => ({ value: q, label: `第${q}季度` }))}
            lastPeriod={Math.ceil((dayjs().month() + 1) / 3) - 1}
            generate={(v) => cobuildApi.generateLetters({ year: v.year, quarter: v.period })}
            ok="反馈函已生成并送达各单位"
          >
            生成并送达反馈函
          </GenerateBar>
          <Typography.Text type="secondary">每季度结束后系统自动生成上一季度的反馈函</Typography.Text>
        </Space>
      )}
      <LettersTable initial={initial} />
    </Space>
  );
}

/** Word and Excel of one letter or bulletin. */
function Downloads({ get }: { get: (ext: 'docx' | 'xlsx') => unknown }) {
  return (
    <Space size={4}>
      <Button size="small" onClick={() => get('docx')}>
        Word
      </Button>
      <Button size="small" onClick={() => get('xlsx')}>
        Excel
      </Button>
    </Space>
  );
}

/** Letters in the caller's subtree (a unit secretary sees their own unit's). */
export function LettersTable({ unitId, initial = null }: { unitId?: number; initial?: number | null }) {
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<number | null>(initial);
  const q = useQuery({
    queryKey: ['cobuild', 'letters', unitId, page],
    queryFn: () => cobuildApi.letters({ unitId, page, pageSize: 20 }),
  });
  return (
    <>
      <ListTable<Letter>
        query={q}
        page={page}
        onPageChange={setPage}
        totalText={(n) => `共 ${n} 份`}
        locale={{ emptyText: '暂无反馈函' }}
        columns={[
          { title: '单位', dataIndex: ['unit', 'name'] },
          { title: '反馈函', dataIndex: 'title', render: (t, l) => <a onClick={() => setOpen(l.id)}>{t}</a> },
          { title: '报到率', render: (_, l) => `${l.summary.reported}/${l.summary.inService}(${pct(l.summary.rate)})` },
          { title: '服务(小时)', dataIndex: ['summary', 'hours'] },
          { title: '生成时间', dataIndex: 'updatedAt', render: fmtTime, responsive: ['md'] },
          { title: '下载', render: (_, l) => <Downloads get={(ext) => cobuildApi.downloadLetter(l.id, ext)} /> },
        ]}
      />
      {open && <LetterDrawer id={open} onClose={() => setOpen(null)} />}
    </>
  );
}

function LetterDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const d = useQuery({ queryKey: ['cobuild', 'letter', id], queryFn: () => cobuildApi.letter(id) });
  const l = d.data;
  return (
    <Drawer open onClose={onClose} size={760} title={l ? `${l.unit.name} · ${l.title}` : '反馈函'}>
      {l && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" column={{ xs: 1, sm: 3 }} bordered>
            <Descriptions.Item label="期间">
              {fmtDate(l.fromDate)}—{fmtDate(l.toDate)}
            </Descriptions.Item>
            <Descriptions.Item label="报到率">{pct(l.summary.rate)}</Descriptions.Item>
            <Descriptions.Item label="服务">
              {l.summary.activities} 场 · {l.summary.hours} 小时 · {l.summary.points} 分
            </Descriptions.Item>
          </Descriptions>
          <Table
            rowKey="name"
            size="small"
            bordered
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={l.members}
            expandable={{
              rowExpandable: (m) => m.services.length > 0,
              expandedRowRender: (m) =>
                m.services.map((s) => `${fmtDate(s.date)} ${s.community}「${s.title}」${s.hours} 小时`).join(';'),
            }}
            columns={[
              { title: '姓名', dataIndex: 'name' },
              { title: '报到社区', dataIndex: 'community' },
              { title: '报到状态', dataIndex: 'state' },
              { title: '服务次数', dataIndex: 'activities' },
              { title: '时长', dataIndex: 'hours' },
              { title: '季度积分', dataIndex: 'points' },
              { title: '年度积分', dataIndex: 'yearPoints' },
            ]}
          />
          {(l.pairings.length > 0 || l.claims.length > 0 || l.projects.length > 0) && (
            <Typography.Paragraph>
              结对社区:{l.pairings.map((p) => p.community).join('、') || '无'};认领需求 {l.claims.length} 项;牵头项目{' '}
              {l.projects.length} 个。
            </Typography.Paragraph>
          )}
          <Space>
            <Button onClick={() => cobuildApi.downloadLetter(id, 'docx')}>下载 Word</Button>
            <Button onClick={() => cobuildApi.downloadLetter(id, 'xlsx')}>下载 Excel</Button>
          </Space>
        </Space>
      )}
    </Drawer>
  );
}

function BulletinsTab() {
  const { can } = useAuth();
  const q = useQuery({ queryKey: ['cobuild', 'bulletins'], queryFn: cobuildApi.bulletins });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {can('cobuild.settings') && (
        <GenerateBar
          periodLabel="期次"
          periods={[1, 2, 3, 4, 5, 6].map((b) => ({ value: b, label: `${b * 2 - 1}—${b * 2}月` }))}
          lastPeriod={Math.ceil((dayjs().month() + 1) / 2) - 1}
          generate={(v) => cobuildApi.generateBulletin({ year: v.year, bimester: v.period })}
          ok="通报已生成并印发"
        >
          生成通报
        </GenerateBar>
      )}
      <QueryTable
        query={q}
        emptyText="暂无通报"
        columns={[
          { title: '通报', dataIndex: 'title' },
          { title: '范围', dataIndex: ['org', 'name'], responsive: ['md'] },
          { title: '报到率', render: (_, b) => pct(b.summary.rate) },
          { title: '活动', dataIndex: ['summary', 'activities'] },
          { title: '服务(小时)', dataIndex: ['summary', 'hours'] },
          { title: '下载', render: (_, b) => <Downloads get={(ext) => cobuildApi.downloadBulletin(b.id, ext)} /> },
        ]}
      />
    </Space>
  );
}
