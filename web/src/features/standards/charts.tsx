/**
 * 标准化 charts: a branch's dimension radar (its score per dimension beside the round average) and
 * a round's score distribution. Only the radar and bar charts are registered (echarts core).
 */
import { BarChart, RadarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import type { Sheet } from '../../../../common/contracts/standards.ts';

echarts.use([RadarChart, BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export function DimensionRadar({ dims, orgName }: { dims: Sheet['dimensions']; orgName: string }) {
  if (!dims.some((d) => d.score !== null)) return <div style={{ color: '#888' }}>自评提交后显示各维度得分。</div>;
  return (
    <ReactEChartsCore
      echarts={echarts}
      style={{ height: 300 }}
      option={{
        tooltip: {},
        legend: { bottom: 0, data: [orgName, '全县平均'] },
        radar: {
          radius: '62%',
          indicator: dims.map((d) => ({ name: `${d.name}\n(${d.points}分)`, max: d.points })),
        },
        series: [
          {
            type: 'radar',
            data: [
              { name: orgName, value: dims.map((d) => d.score ?? 0), areaStyle: { opacity: 0.2 } },
              { name: '全县平均', value: dims.map((d) => d.average ?? 0), lineStyle: { type: 'dashed' } },
            ],
          },
        ],
      }}
    />
  );
}

/**
 * Branches per band of their score (total once 审定, else superior, else self): 5-point bands, or
 * 10-point ones when the scores spread over more than 50 points (a page of empty bars otherwise).
 */
export function ScoreDistribution({ scores }: { scores: number[] }) {
  if (!scores.length) return <div style={{ color: '#888' }}>尚无得分。</div>;
  const w = Math.max(...scores) - Math.min(...scores) > 50 ? 10 : 5;
  const lo = Math.min(90, Math.floor(Math.min(...scores) / w) * w);
  const hi = Math.max(lo + w, Math.floor(Math.max(...scores) / w) * w + w);
  const bins: { label: string; n: number }[] = [];
  for (let x = lo; x < hi; x += w)
    bins.push({ label: `${x}–${x + w}`, n: scores.filter((s) => s >= x && s < x + w).length });
  return (
    <ReactEChartsCore
      echarts={echarts}
      style={{ height: 240 }}
      option={{
        tooltip: { trigger: 'axis' },
        grid: { left: 40, right: 16, top: 20, bottom: 40 },
        xAxis: { type: 'category', data: bins.map((b) => b.label), name: '分', axisLabel: { interval: 0, rotate: 30 } },
        yAxis: { type: 'value', minInterval: 1, name: '支部数' },
        series: [{ type: 'bar', name: '支部数', data: bins.map((b) => b.n), itemStyle: { color: '#c41d24' } }],
      }}
    />
  );
}
