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
import { barOption, type Dash, pieOption, type Timeline, timelineOption } from './charts.ts';

// Only the charts used here are registered (tree-shaken bundle; no CDN).
echarts.use([PieChart, BarChart, ScatterChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

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

  const pie = pieOption(d);
  const bar = barOption(d);
  const timeline = tl && timelineOption(tl);

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
    </Row>
  );
}
