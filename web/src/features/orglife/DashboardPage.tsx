import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Breadcrumb,
  Button,
  Card,
  Col,
  Empty,
  Progress,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Dashboard } from '../../../../common/contracts/orglife-work.ts';
import { indexTree, useOrgTree } from '../../components/orgTree.tsx';
import { fmtDate } from '../../lib/format.ts';
import { keys, orglife } from './api.ts';
import ComplianceGrid from './ComplianceGrid.tsx';
import { LIGHT, pct, thisYear, TypeTags, useNarrow, yearOptions } from './model.tsx';

// Only the chart types used here are registered (no CDN, small bundle).
echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

/**
 * 组织生活看板: the caller's subtree (or a drilled-into org) for a year — completion of the
 * required meetings (held with quorum), attendance, lights, the children ranked; click a child to
 * drill down from county to township to branch, where the type × period grid shows each requirement.
 */
export default function DashboardPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const narrow = useNarrow();
  const orgId = params.get('orgId') ? Number(params.get('orgId')) : undefined;
  const year = Number(params.get('year') ?? thisYear());
  const f = { orgId, year };
  const { data: d, error } = useQuery({ queryKey: keys.dashboard(f), queryFn: () => orglife.dashboard(f) });
  const { tree } = useOrgTree();
  const trail = useMemo(() => {
    if (!tree || !d) return [];
    const byId = indexTree(tree);
    const parents = new Map<number, number>();
    for (const n of byId.values()) for (const c of n.children) parents.set(c.id, n.id);
    const out = [];
    for (let id: number | undefined = d.org.id; id; id = parents.get(id)) out.unshift(byId.get(id)!);
    return out;
  }, [tree, d]);
  const go = (o: { orgId?: number; year?: number }) => {
    const n = new URLSearchParams(params);
    for (const [k, v] of Object.entries(o)) v == null ? n.delete(k) : n.set(k, String(v));
    setParams(n);
  };
  if (error) return <Alert type="error" showIcon title={(error as Error).message} />;
  if (!d) return <Card loading />;

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Breadcrumb
            items={trail.map((n) => ({
              title: n.id === d.org.id ? <b>{n.name}</b> : <a onClick={() => go({ orgId: n.id })}>{n.name}</a>,
            }))}
          />
          <Space wrap>
            <Select
              aria-label="年度"
              value={year}
              options={yearOptions()}
              onChange={(y) => go({ year: y })}
              style={{ width: 110 }}
            />
            <Button onClick={() => orglife.complianceXlsx({ orgId: d.org.id, year })}>导出落实情况(.xlsx)</Button>
            {(d.isBranch || d.org.type === '党总支') && (
              <Button onClick={() => orglife.ledgerXlsx({ orgId: d.org.id, year })}>组织生活台账(.xlsx)</Button>
            )}
          </Space>
        </Space>
        <Typography.Text type="secondary">
          截至 {fmtDate(d.today)}。"已开"只计签到达到法定人数的会议;完成率只计已到期的周期。
        </Typography.Text>
      </Card>
      <Row gutter={[12, 12]}>
        {[
          ['按期召开率', d.rate == null ? '—' : d.rate, d.rate == null ? '' : '%'],
          ['应开(已到期)', d.required, '次'],
          ['缺开', d.missing, '次'],
          ['出勤率', d.attendanceRate ?? '—', d.attendanceRate == null ? '' : '%'],
          ['未达法定人数', d.belowQuorum, '次'],
          ['连续6个月以上未参加', d.longAbsent, '人'],
        ].map(([title, value, suffix]) => (
          <Col key={String(title)} xs={12} sm={8} lg={4}>
            <Card size="small">
              <Statistic title={title} value={value as number} suffix={suffix} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card
        size="small"
        title="支部红黄绿灯"
        extra={<Link to={`/org-life/absences?orgId=${d.org.id}`}>连续缺席党员</Link>}
      >
        <Space wrap size={24}>
          {(['red', 'yellow', 'green'] as const).map((l) => (
            <span key={l} data-testid={`light-${l}`}>
              <span
                style={{
                  display: 'inline-block',
                  width: 12,
                  height: 12,
                  borderRadius: 6,
                  background: LIGHT[l].color,
                  marginRight: 6,
                }}
              />
              {LIGHT[l].label} <b>{d.lights[l]}</b> 个
            </span>
          ))}
          <Typography.Text type="secondary">红:上一周期有会议未按期召开;黄:本周期临期未开</Typography.Text>
        </Space>
      </Card>
      {d.children.length > 0 && <Children d={d} narrow={narrow} onDrill={(id) => go({ orgId: id })} />}
      {d.byType.length > 0 && (
        <Card size="small" title="各类会议(已到期周期)">
          <ReactEChartsCore
            echarts={echarts}
            style={{ height: 260 }}
            option={{
              tooltip: { trigger: 'axis' },
              legend: { bottom: 0 },
              grid: { left: 40, right: 10, top: 10, bottom: 60 },
              xAxis: {
                type: 'category',
                data: d.byType.map((t) => t.type),
                axisLabel: { interval: 0, rotate: narrow ? 40 : 0 },
              },
              yAxis: { type: 'value', minInterval: 1 },
              series: [
                { name: '应开', type: 'bar', data: d.byType.map((t) => t.required), itemStyle: { color: '#bfbfbf' } },
                { name: '已开', type: 'bar', data: d.byType.map((t) => t.held), itemStyle: { color: '#b5121b' } },
              ],
            }}
          />
        </Card>
      )}
      {(d.isBranch || d.children.length === 0) && <ComplianceGrid orgId={d.org.id} year={year} />}
      <Card size="small" title={`未达到法定人数的会议(${d.belowQuorum})`}>
        {d.belowQuorumMeetings.length ? (
          <Table
            size="small"
            rowKey="id"
            pagination={{ pageSize: 8 }}
            scroll={{ x: 600 }}
            dataSource={d.belowQuorumMeetings}
            onRow={(m) => ({ onClick: () => navigate(`/org-life/meetings/${m.id}`), style: { cursor: 'pointer' } })}
            columns={[
              { title: '日期', dataIndex: 'heldDate', render: fmtDate, width: 130 },
              { title: '组织', dataIndex: 'orgName' },
              { title: '类型', dataIndex: 'types', render: (t: string[]) => <TypeTags types={t} /> },
              { title: '实到/应到', render: (_: unknown, m) => `${m.present}/${m.expected}`, width: 100 },
            ]}
          />
        ) : (
          <Empty description="没有未达到法定人数的会议" />
        )}
      </Card>
    </Space>
  );
}

function Children({ d, narrow, onDrill }: { d: Dashboard; narrow: boolean; onDrill: (id: number) => void }) {
  const ranked = [...d.children].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9));
  const top = ranked.slice(0, 20);
  return (
    <Card size="small" title="按期召开率排名(点击下钻)">
      <ReactEChartsCore
        echarts={echarts}
        style={{ height: Math.max(180, top.length * 26 + 40) }}
        onEvents={{ click: (e: { dataIndex: number }) => onDrill(top[e.dataIndex].orgId) }}
        option={{
          tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
          grid: { left: narrow ? 110 : 200, right: 56, top: 10, bottom: 20 },
          xAxis: { type: 'value', max: 100 },
          yAxis: {
            type: 'category',
            inverse: true,
            data: top.map((c) => c.name),
            axisLabel: { width: narrow ? 100 : 190, overflow: 'truncate' },
          },
          series: [
            {
              type: 'bar',
              data: top.map((c) => ({
                value: c.rate ?? 0,
                itemStyle: {
                  color: c.rate == null ? '#d9d9d9' : c.rate >= 90 ? '#52c41a' : c.rate >= 75 ? '#faad14' : '#f5222d',
                },
              })),
              label: { show: true, position: 'right', formatter: '{c}%' },
            },
          ],
        }}
      />
      <Table
        size="small"
        rowKey="orgId"
        pagination={false}
        scroll={{ x: 720 }}
        dataSource={ranked}
        onRow={(c) => ({ onClick: () => onDrill(c.orgId), style: { cursor: 'pointer' } })}
        columns={[
          { title: '排名', dataIndex: 'rank', width: 60, render: (r) => r ?? '—' },
          { title: '单位', dataIndex: 'name', render: (n: string, c) => <a data-testid={`drill-${c.orgId}`}>{n}</a> },
          { title: '支部数', dataIndex: 'branches', width: 70 },
          { title: '应开', dataIndex: 'required', width: 70 },
          { title: '已开', dataIndex: 'held', width: 70 },
          {
            title: '缺开',
            dataIndex: 'missing',
            width: 70,
            render: (m: number) => (m ? <b style={{ color: '#cf1322' }}>{m}</b> : 0),
          },
          {
            title: '按期召开率',
            dataIndex: 'rate',
            width: 160,
            render: (r: number | null) =>
              r == null ? '—' : <Progress percent={r} size="small" status={r < 75 ? 'exception' : 'normal'} />,
          },
          { title: '出勤率', dataIndex: 'attendanceRate', width: 80, render: pct },
          {
            title: '灯',
            dataIndex: 'light',
            width: 70,
            render: (l: keyof typeof LIGHT | null) => (l ? <Tag color={LIGHT[l].color}>{LIGHT[l].label}</Tag> : ''),
          },
        ]}
      />
    </Card>
  );
}
