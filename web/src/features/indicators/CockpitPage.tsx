import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Row, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useSearchParams } from 'react-router';
import { OrgTreeSelect } from '../../components/orgTree.tsx';
import { useAuth } from '../../lib/session.tsx';
import { downloadBulletin } from '../commendations/api.ts';
import {
  currentPeriod,
  downloadDispatch,
  fmtNum,
  getCockpit,
  getRanking,
  getValues,
  keys,
  LIGHT_COLOR,
  LIGHT_TEXT,
} from './api.ts';

echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export function LightTag({ light, pace }: { light: 'green' | 'yellow' | 'red' | null; pace?: string | null }) {
  if (!light) return <span>—</span>;
  return (
    <Tag color={LIGHT_COLOR[light]} data-light={light}>
      {pace ?? LIGHT_TEXT[light]}
    </Tag>
  );
}

/** 调度驾驶舱: every indicator of a subtree for a month with its 序时进度 light; trend and units side by side. */
export default function CockpitPage() {
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const orgId = Number(params.get('orgId')) || me!.user.scopeOrgId;
  const period = params.get('period') || currentPeriod();
  const year = Number(period.slice(0, 4));
  const cockpit = useQuery({ queryKey: keys.cockpit(orgId, period), queryFn: () => getCockpit(period, orgId) });
  const [picked, setPicked] = useState<number | null>(null);
  const current = picked ?? cockpit.data?.items[0]?.indicatorId ?? null;
  const trend = useQuery({
    queryKey: ['indicators', 'values', current, year, orgId],
    queryFn: () => getValues(current!, year, orgId),
    enabled: !!current,
  });
  const ranking = useQuery({
    queryKey: ['indicators', 'ranking', current, period, orgId],
    queryFn: () => getRanking(current!, period, orgId),
    enabled: !!current,
  });
  const c = cockpit.data;
  const item = c?.items.find((i) => i.indicatorId === current);
  const go = (p: Record<string, string>) => setParams({ orgId: String(orgId), period, ...p });
  return (
    <Card
      title="调度驾驶舱"
      extra={
        <Space wrap>
          <OrgTreeSelect
            style={{ width: 200 }}
            value={orgId}
            onChange={(v: number) => go({ orgId: String(v) })}
            aria-label="单位"
          />
          <DatePicker
            picker="month"
            allowClear={false}
            format="YYYY年MM月"
            value={dayjs(`${period}-01`)}
            onChange={(d) => d && go({ period: d.format('YYYY-MM') })}
            aria-label="期间"
          />
          <Button onClick={() => downloadDispatch(period, orgId)}>导出调度表</Button>
          <Button onClick={() => downloadBulletin(period, orgId)}>经济运行通报</Button>
        </Space>
      }
    >
      {cockpit.error && <Alert type="error" message={(cockpit.error as Error).message} />}
      {c && (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            <strong>{c.orgName}</strong>
            <span>序时进度 {c.elapsed}%</span>
            {(['green', 'yellow', 'red'] as const).map((l) => (
              <Tag key={l} color={LIGHT_COLOR[l]}>
                {LIGHT_TEXT[l]} {c.items.filter((i) => i.light === l).length}
              </Tag>
            ))}
          </Space>
          <Table
            rowKey="indicatorId"
            size="small"
            pagination={false}
            scroll={{ x: 860 }}
            dataSource={c.items}
            onRow={(r) => ({ onClick: () => setPicked(r.indicatorId), style: { cursor: 'pointer' } })}
            rowClassName={(r) => (r.indicatorId === current ? 'ant-table-row-selected' : '')}
            locale={{ emptyText: '本月还没有汇总数据' }}
            columns={[
              { title: '指标', dataIndex: 'name', render: (v, r) => `${v}(${r.unit})` },
              { title: '目标', dataIndex: 'target', render: (v) => fmtNum(v) },
              { title: '本月', dataIndex: 'value', render: (v) => fmtNum(v) },
              { title: '累计', dataIndex: 'cumValue', render: (v) => fmtNum(v) },
              { title: '增速', dataIndex: 'growth', render: (v) => (v == null ? '—' : `${v}%`) },
              {
                title: '完成率',
                dataIndex: 'completion',
                render: (v, r) => (v == null ? '—' : r.aggregation === '同比增速' ? `${v}%` : `${v}%`),
              },
              { title: '序时进度', render: (_, r) => <LightTag light={r.light} pace={r.pace} /> },
              {
                title: '下级灯',
                render: (_, r) => `绿${r.lights.green} 黄${r.lights.yellow} 红${r.lights.red}`,
              },
            ]}
          />
          {item && (
            <Row gutter={16} style={{ marginTop: 16 }}>
              <Col xs={24} lg={12}>
                <Card size="small" title={`${item.name}:累计与序时目标`}>
                  <ReactEChartsCore
                    echarts={echarts}
                    style={{ height: 260 }}
                    option={{
                      tooltip: { trigger: 'axis' },
                      legend: { data: ['累计', '序时目标'] },
                      grid: { left: 50, right: 16, top: 36, bottom: 28 },
                      xAxis: {
                        type: 'category',
                        data: (trend.data?.items ?? []).map((v) => `${Number(v.period.slice(5))}月`),
                      },
                      yAxis: { type: 'value' },
                      series: [
                        {
                          name: '累计',
                          type: 'line',
                          data: (trend.data?.items ?? []).map((v) => ({
                            value: v.cumValue,
                            itemStyle: { color: v.light ? LIGHT_COLOR[v.light] : '#999' },
                          })),
                        },
                        {
                          name: '序时目标',
                          type: 'line',
                          lineStyle: { type: 'dashed' },
                          data: (trend.data?.items ?? []).map((v) => v.paceTarget),
                        },
                      ],
                    }}
                  />
                </Card>
              </Col>
              <Col xs={24} lg={12}>
                <Card size="small" title={`${item.name}:下级单位排名`}>
                  <ReactEChartsCore
                    echarts={echarts}
                    style={{ height: 260 }}
                    option={{
                      tooltip: { trigger: 'axis' },
                      grid: { left: 90, right: 16, top: 16, bottom: 28 },
                      xAxis: { type: 'value' },
                      yAxis: {
                        type: 'category',
                        inverse: true,
                        data: (ranking.data?.items ?? []).map((r) => r.orgName),
                      },
                      series: [
                        {
                          type: 'bar',
                          data: (ranking.data?.items ?? []).map((r) => ({
                            value: r.completion ?? r.cumValue,
                            itemStyle: { color: r.light ? LIGHT_COLOR[r.light] : '#999' },
                          })),
                        },
                      ],
                    }}
                  />
                  <Table
                    rowKey="orgId"
                    size="small"
                    pagination={false}
                    dataSource={ranking.data?.items ?? []}
                    columns={[
                      { title: '名次', dataIndex: 'rank', width: 60, render: (v) => v ?? '—' },
                      { title: '单位', dataIndex: 'orgName' },
                      { title: '累计', dataIndex: 'cumValue', render: (v) => fmtNum(v) },
                      {
                        title: '升降',
                        dataIndex: 'rankChange',
                        render: (v: number | null) =>
                          v == null || v === 0 ? (
                            '—'
                          ) : v > 0 ? (
                            <span style={{ color: '#cf1322' }}>↑{v}</span>
                          ) : (
                            <span style={{ color: '#389e0d' }}>↓{-v}</span>
                          ),
                      },
                      { title: '灯', render: (_, r) => <LightTag light={r.light} pace={r.pace} /> },
                    ]}
                  />
                </Card>
              </Col>
            </Row>
          )}
        </>
      )}
    </Card>
  );
}
