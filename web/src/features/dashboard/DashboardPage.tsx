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
import { LIGHTS, type Light } from '../../../../common/enums.ts';
import { LIGHT_COLOR } from '../tasks/TaskTags.tsx';
import { dashboardApi, dashboardKeys } from './api.ts';
import { barOption, pieOption, timelineOption } from './charts.ts';
import { OverdueCasesCard } from '../windows/OverdueCasesCard.tsx';
import { ProjectsTable } from '../projects/ProjectsTable.tsx';

// Only the charts used here are registered (tree-shaken bundle; no CDN).
echarts.use([PieChart, BarChart, ScatterChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

const LIGHT_ORDER: Light[] = ['red', 'yellow', 'green'];

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

  const pie = pieOption(d);
  const bar = barOption(d);
  const chart = tl && timelineOption(tl);

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
              onEvents={{ click: (p: { data: { light: Light } }) => navigate(`/tasks?light=${p.data.light}`) }}
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
      <Col span={24}>
        <Card size="small" title="重点项目投资与红黄绿灯" extra={<Link to="/projects">全部项目</Link>}>
          <ProjectsTable query={{}} compact />
        </Card>
      </Col>
      <OverdueCasesCard />
    </Row>
  );
}
