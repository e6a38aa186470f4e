import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Card, Col, InputNumber, Row, Statistic, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import dayjs from 'dayjs';
import { cobuildApi } from './api.ts';
import { pct } from './model.tsx';

// Only the charts used here are registered (tree-shaken bundle; no CDN).
echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, CanvasRenderer]);

/** 共驻共建总览 (county or township): 报到率 by unit, activities by community, the year by month. */
export default function OverviewPage() {
  const [year, setYear] = useState(dayjs().year());
  const q = useQuery({ queryKey: ['cobuild', 'overview', year], queryFn: () => cobuildApi.overview(year) });
  if (q.error) return <Alert type="error" showIcon title={(q.error as Error).message} />;
  const d = q.data;
  const lagging = (d?.unitRates ?? []).filter((u) => (u.rate ?? 0) < (d?.targetRate ?? 95));
  // The 20 lowest rates: who needs a push is what the county looks for.
  const low = (d?.unitRates ?? []).slice(0, 20).reverse();
  const rateChart = {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
    grid: { left: 8, right: 32, top: 10, bottom: 20, containLabel: true },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: low.map((u) => u.name), axisLabel: { width: 130, overflow: 'truncate' } },
    series: [
      {
        type: 'bar',
        name: '报到率',
        data: low.map((u) => ({
          value: u.rate ?? 0,
          itemStyle: { color: (u.rate ?? 0) < (d?.targetRate ?? 95) ? '#cf1322' : '#389e0d' },
        })),
        markLine: {
          symbol: 'none',
          label: { show: false },
          data: [{ xAxis: d?.targetRate ?? 95, name: '目标' }],
          lineStyle: { color: '#fa8c16' },
        },
      },
    ],
  };
  const top = (d?.communityActivities ?? []).slice(0, 15);
  const communityChart = {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 8, right: 8, top: 10, bottom: 56, containLabel: true },
    xAxis: {
      type: 'category',
      data: top.map((c) => c.name),
      axisLabel: { rotate: 40, width: 90, overflow: 'truncate' },
    },
    yAxis: [
      { type: 'value', name: '场次', minInterval: 1 },
      { type: 'value', name: '小时' },
    ],
    series: [
      { type: 'bar', name: '活动场次', data: top.map((c) => c.activities), itemStyle: { color: '#b5121b' } },
      { type: 'line', name: '服务时长', yAxisIndex: 1, data: top.map((c) => c.hours), itemStyle: { color: '#d48806' } },
    ],
  };
  const monthChart = {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 8, right: 8, top: 20, bottom: 36, containLabel: true },
    xAxis: { type: 'category', data: (d?.monthly ?? []).map((m) => `${Number(m.month.slice(5))}月`) },
    yAxis: [
      { type: 'value', name: '场次', minInterval: 1 },
      { type: 'value', name: '小时' },
    ],
    series: [
      {
        type: 'bar',
        name: '活动场次',
        data: (d?.monthly ?? []).map((m) => m.activities),
        itemStyle: { color: '#cf1322' },
      },
      { type: 'line', name: '核验服务时长', yAxisIndex: 1, smooth: true, data: (d?.monthly ?? []).map((m) => m.hours) },
    ],
  };
  const stat = (title: string, value: number | string, suffix?: string, to?: string) => (
    <Col xs={12} md={6} lg={4}>
      <Card size="small" loading={!d}>
        {to ? (
          <Link to={to}>
            <Statistic title={title} value={value} suffix={suffix} />
          </Link>
        ) : (
          <Statistic title={title} value={value} suffix={suffix} />
        )}
      </Card>
    </Col>
  );
  return (
    <Row gutter={[12, 12]}>
      <Col span={24}>
        <Card
          size="small"
          title="共驻共建总览"
          extra={
            <InputNumber
              aria-label="年度"
              value={year}
              min={2020}
              max={2100}
              onChange={(v) => v && setYear(v)}
              suffix="年"
            />
          }
        >
          在职党员到居住地社区报到、共建单位结对、需求认领与志愿服务的情况,全部由报到、认领、签到和核验记录统计。
        </Card>
      </Col>
      {stat('在职党员', d?.inService ?? 0, '名', '/cobuild/unit')}
      {stat('报到率', pct(d?.rate), undefined, '/cobuild/unit')}
      {stat('报到社区', d?.communities ?? 0, '个', '/cobuild/community')}
      {stat('结对单位', d?.pairedUnits ?? 0, '个')}
      {stat('活动场次', d?.activities ?? 0, '场')}
      {stat('核验服务', d?.verifiedHours ?? 0, '小时', '/cobuild/points')}
      <Col xs={24} lg={12}>
        <Card size="small" title={`报到率最低的单位(目标 ${d?.targetRate ?? 95}%)`}>
          <ReactEChartsCore
            echarts={echarts}
            option={rateChart}
            style={{ height: Math.max(260, low.length * 22) }}
            notMerge
          />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title="各社区活动场次(前 15)">
          <ReactEChartsCore echarts={echarts} option={communityChart} style={{ height: 340 }} notMerge />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={`${year}年逐月活动与服务时长`}>
          <ReactEChartsCore echarts={echarts} option={monthChart} style={{ height: 300 }} notMerge />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={`报到率未达标的单位(${lagging.length} 个)`}>
          <Table
            rowKey="id"
            size="small"
            dataSource={lagging}
            pagination={{ pageSize: 8, size: 'small' }}
            columns={[
              {
                title: '单位',
                dataIndex: 'name',
                render: (n, u) => <Link to={`/cobuild/unit?unitId=${u.id}`}>{n}</Link>,
              },
              { title: '在职党员', dataIndex: 'inService' },
              { title: '报到率', dataIndex: 'rate', render: pct },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}
