import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert, Card, Col, Empty, Row, Select, Statistic } from 'antd';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, PieChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { api } from '../../api/client.ts';
import { LIGHT_COLOR, type Light } from '../tasks/model.tsx';
import { OverdueCasesCard } from '../windows/OverdueCasesCard.tsx';

// Only the charts used here are registered (tree-shaken bundle; no CDN).
echarts.use([PieChart, BarChart, ScatterChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

interface Dash {
  today: string;
  total: number;
  overdue: number;
  lights: Record<Light, number>;
  status: Record<string, number>;
  ranking: { orgId: number; orgName: string; overdue: number }[];
  keyProjects: { id: number; text: string; light: Light; progress: number; leadName: string }[];
}
interface Timeline {
  task: { id: number; text: string };
  milestones: { name: string; dueDate: string; doneDate: string | null; state: string }[];
}

/** 督查工作台: lights of my scope, units ranked by overdue tasks, a key project's milestones. */
export default function DashboardPage() {
  const navigate = useNavigate();
  const [d, setD] = useState<Dash | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [project, setProject] = useState<number | null>(null);
  const [tl, setTl] = useState<Timeline | null>(null);
  useEffect(() => {
    api.get<Dash>('/api/dashboard').then(
      (x) => {
        setD(x);
        setProject(x.keyProjects[0]?.id ?? null);
      },
      (e) => setError((e as Error).message),
    );
  }, []);
  useEffect(() => {
    if (project) api.get<Timeline>(`/api/dashboard/projects/${project}`).then(setTl, () => setTl(null));
  }, [project]);
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!d) return <Card loading />;

  const pie = {
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['45%', '70%'],
        data: (['red', 'yellow', 'green'] as Light[]).map((l) => ({
          name: { red: '红灯', yellow: '黄灯', green: '绿灯' }[l],
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
  const stateColor: Record<string, string> = {
    done: '#52c41a',
    done_late: '#faad14',
    late: '#f5222d',
    pending: '#1677ff',
  };
  const timeline = tl && {
    tooltip: {
      formatter: (p: any) => `${p.data.name}<br/>计划 ${p.data.due}${p.data.done ? `<br/>完成 ${p.data.done}` : ''}`,
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
          itemStyle: { color: stateColor[m.state] },
        })),
        label: { show: true, position: 'top', formatter: (p: any) => p.data.name },
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
            itemStyle: { color: stateColor[m.state] },
          })),
        label: { show: true, position: 'bottom', formatter: (p: any) => p.data.name },
      },
    ],
  };

  return (
    <Row gutter={[12, 12]}>
      {(['red', 'yellow', 'green'] as Light[]).map((l) => (
        <Col xs={8} md={4} key={l}>
          <Card size="small">
            <Link to={`/tasks?light=${l}`}>
              <Statistic
                title={{ red: '红灯', yellow: '黄灯', green: '绿灯' }[l]}
                value={d.lights[l]}
                valueStyle={{ color: LIGHT_COLOR[l] }}
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
              onEvents={{ click: (p: any) => navigate(`/tasks?light=${p.data.light}`) }}
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
          {timeline && tl!.milestones.length ? (
            <ReactEChartsCore echarts={echarts} option={timeline} style={{ height: 200 }} />
          ) : (
            <Empty description="暂无重点项目节点" />
          )}
        </Card>
      </Col>
      <OverdueCasesCard />
    </Row>
  );
}
