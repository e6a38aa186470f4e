import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, Row, Select, Statistic } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, PieChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { ProjectTimeline } from '../../../../common/contracts/supervision.ts';
import { LIGHTS, type Light, MILESTONE_STATES, type MilestoneState } from '../../../../common/enums.ts';
import { fmtDate } from '../../lib/format.ts';
import { LIGHT_COLOR } from '../tasks/TaskTags.tsx';
import { dashboardApi, dashboardKeys } from './api.ts';
import { OverdueCasesCard } from '../windows/OverdueCasesCard.tsx';

// Only the charts used here are registered (tree-shaken bundle; no CDN).
echarts.use([PieChart, BarChart, ScatterChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

const LIGHT_ORDER: Light[] = ['red', 'yellow', 'green'];
const STATE_COLOR: Record<MilestoneState, string> = {
  done: '#52c41a',
  done_late: '#faad14',
  late: '#f5222d',
  pending: '#1677ff',
};
interface Point {
  data: { name: string; due: string; done: string | null; light?: Light };
}

/** 督查工作台: lights of my scope, units ranked by overdue tasks, a key project's milestones. */
export default function DashboardPage() {
  const navigate = useNavigate();
  const dash = useQuery({ queryKey: dashboardKeys.dashboard({}), queryFn: () => dashboardApi.get({}) });
  const [chosen, setProject] = useState<number | null>(null);
  const project = chosen ?? dash.data?.keyProjects[0]?.id ?? null;
  const timeline = useQuery({
    queryKey: dashboardKeys.project(project ?? 0),
    queryFn: () => dashboardApi.project(project ?? 0),
    enabled: project !== null,
  });
  if (dash.error) return <Alert type="error" showIcon title={dash.error.message} />;
  const d = dash.data;
  if (!d) return <Card loading />;
  const tl: ProjectTimeline | undefined = timeline.data;

  const pie = {
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['45%', '70%'],
        data: LIGHT_ORDER.map((l) => ({
          name: LIGHTS[l],
          value: d.lights[l],
          itemStyle: { color: LIGHT_COLOR[l] },
          light: l,
        })),
      },
    ],
  };
  const bar = {
    tooltip: {},
    grid: { left: 120, right: 20, top: 10, bottom: 20 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: d.ranking.map((r) => r.orgName) },
    series: [{ type: 'bar', data: d.ranking.map((r) => r.overdue), itemStyle: { color: '#f5222d' } }],
  };
  const chart = tl && {
    tooltip: {
      formatter: (p: Point) =>
        `${p.data.name}(${MILESTONE_STATES[tl.milestones.find((m) => m.name === p.data.name)?.state ?? 'pending']})<br/>计划 ${fmtDate(p.data.due)}${p.data.done ? `<br/>完成 ${fmtDate(p.data.done)}` : ''}`,
    },
    grid: { left: 80, right: 30, top: 20, bottom: 30 },
    xAxis: { type: 'time' },
    yAxis: { type: 'category', data: ['计划', '实际'] },
    series: [
      {
        type: 'scatter',
        symbolSize: 14,
        data: tl.milestones.map((m) => ({
          name: m.name,
          value: [m.dueDate, '计划'],
          due: m.dueDate,
          done: m.doneDate,
          itemStyle: { color: STATE_COLOR[m.state] },
        })),
        label: { show: true, position: 'top', formatter: (p: Point) => p.data.name },
      },
      {
        type: 'scatter',
        symbolSize: 14,
        symbol: 'diamond',
        data: tl.milestones
          .filter((m) => m.doneDate)
          .map((m) => ({
            name: m.name,
            value: [m.doneDate, '实际'],
            due: m.dueDate,
            done: m.doneDate,
            itemStyle: { color: STATE_COLOR[m.state] },
          })),
        label: { show: true, position: 'bottom', formatter: (p: Point) => p.data.name },
      },
    ],
  };

  return (
    <Row gutter={[12, 12]}>
      {LIGHT_ORDER.map((l) => (
        <Col xs={8} md={4} key={l}>
          <Card size="small">
            <Link to={`/tasks?light=${l}`}>
              <Statistic
                title={LIGHTS[l]}
                value={d.lights[l]}
                styles={{ content: { color: LIGHT_COLOR[l] } }}
                suffix="项"
              />
            </Link>
          </Card>
        </Col>
      ))}
      <Col xs={8} md={4}>
        <Card size="small">
          <Link to="/tasks?overdue=true">
            <Statistic title="逾期" value={d.overdue} suffix="项" />
          </Link>
        </Card>
      </Col>
      <Col xs={8} md={4}>
        <Card size="small">
          <Statistic title="待签收" value={d.status.pending ?? 0} suffix="项" />
        </Card>
      </Col>
      <Col xs={8} md={4}>
        <Card size="small">
          <Statistic title="已办结 / 全部" value={`${d.status.done ?? 0} / ${d.total}`} />
        </Card>
      </Col>
      <Col xs={24} md={10}>
        <Card size="small" title="未办结任务红黄绿灯">
          {d.lights.red + d.lights.yellow + d.lights.green > 0 ? (
            <ReactEChartsCore
              echarts={echarts}
              option={pie}
              style={{ height: 280 }}
              onEvents={{ click: (p: Point) => navigate(`/tasks?light=${p.data.light}`) }}
            />
          ) : (
            <Empty description="没有未办结的任务" />
          )}
        </Card>
      </Col>
      <Col xs={24} md={14}>
        <Card size="small" title="逾期任务单位排名">
          {d.ranking.length ? (
            <ReactEChartsCore echarts={echarts} option={bar} style={{ height: 280 }} />
          ) : (
            <Empty description="没有逾期任务" />
          )}
        </Card>
      </Col>
      <Col span={24}>
        <Card
          size="small"
          title="重点项目节点"
          extra={
            d.keyProjects.length > 0 && (
              <Select
                style={{ width: 320 }}
                value={project ?? undefined}
                onChange={setProject}
                options={d.keyProjects.map((p) => ({ value: p.id, label: `${p.text.slice(0, 24)}(${p.leadName})` }))}
              />
            )
          }
        >
          {chart && tl.milestones.length ? (
            <ReactEChartsCore echarts={echarts} option={chart} style={{ height: 200 }} />
          ) : (
            <Empty description="暂无重点项目节点" />
          )}
        </Card>
      </Col>
      <OverdueCasesCard />
    </Row>
  );
}
