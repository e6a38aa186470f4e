/**
 * The 督查工作台 chart options, built from API data. Every tooltip has an explicit formatter that
 * escapes the names it shows (ECharts renders tooltip formatter output as HTML); labels are drawn
 * on the canvas, as text.
 */
import type { Dashboard, ProjectTimeline } from '../../../../common/contracts/supervision.ts';
import { LIGHTS, type Light, MILESTONE_STATES, type MilestoneState } from '../../../../common/enums.ts';
import { fmtDate } from '../../lib/format.ts';
import { escapeHtml } from '../../lib/html.ts';
import { LIGHT_COLOR } from '../tasks/TaskTags.tsx';

/** What the charts read of the dashboard and of a key project's timeline. */
export type Dash = Pick<Dashboard, 'lights' | 'ranking'>;
export type Timeline = {
  milestones: Pick<ProjectTimeline['milestones'][number], 'name' | 'dueDate' | 'doneDate' | 'state'>[];
};

const LIGHT_ORDER: Light[] = ['red', 'yellow', 'green'];

export function pieOption(d: Dash) {
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p: { name: string; value: number; percent: number }) =>
        `${escapeHtml(p.name)}:${escapeHtml(p.value)} 项(${escapeHtml(p.percent)}%)`,
    },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['45%', '70%'],
        // Each arc's count inside it, the legend below names the lights: names beside the ring were
        // cut to "…" on a phone-width card (绿灯, on the left). A light with no task gets no label.
        label: {
          position: 'inside',
          fontWeight: 'bold',
          formatter: (p: { value: number }) => (p.value ? String(p.value) : ''),
        },
        labelLine: { show: false },
        data: LIGHT_ORDER.map((l) => ({
          name: LIGHTS[l],
          value: d.lights[l],
          itemStyle: { color: LIGHT_COLOR[l] },
          light: l,
        })),
      },
    ],
  };
}

export function barOption(d: Dash) {
  return {
    tooltip: {
      formatter: (p: { name: string; value: number }) => `${escapeHtml(p.name)}<br/>逾期 ${escapeHtml(p.value)} 项`,
    },
    grid: { left: 120, right: 20, top: 10, bottom: 20 },
    xAxis: { type: 'value', minInterval: 1 },
    // A long unit name is cut to "…" inside the 120 px left of the grid (the tooltip has it whole);
    // uncut it ran past the card's left edge on a phone.
    yAxis: {
      type: 'category',
      inverse: true,
      data: d.ranking.map((r) => r.orgName),
      axisLabel: { width: 110, overflow: 'truncate' },
    },
    series: [{ type: 'bar', data: d.ranking.map((r) => r.overdue), itemStyle: { color: '#f5222d' } }],
  };
}

const STATE_COLOR: Record<MilestoneState, string> = {
  done: '#52c41a',
  done_late: '#faad14',
  late: '#f5222d',
  pending: '#1677ff',
};

type Point = { data: { name: string; due: string; done: string | null; state?: MilestoneState } };

export function timelineOption(tl: Timeline) {
  const point = (m: Timeline['milestones'][number], at: string, row: string) => ({
    name: m.name,
    value: [at, row],
    due: m.dueDate,
    done: m.doneDate,
    state: m.state,
    itemStyle: { color: STATE_COLOR[m.state] },
  });
  return {
    tooltip: {
      formatter: (p: Point) =>
        `${escapeHtml(p.data.name)}${p.data.state ? `(${escapeHtml(MILESTONE_STATES[p.data.state])})` : ''}<br/>计划 ${escapeHtml(fmtDate(p.data.due))}${
          p.data.done ? `<br/>完成 ${escapeHtml(fmtDate(p.data.done))}` : ''
        }`,
    },
    grid: { left: 80, right: 30, top: 20, bottom: 30 },
    // On a phone the months and the milestones' names ran into each other: overlapping ones are
    // left out (the tooltip names every point).
    xAxis: { type: 'time', axisLabel: { hideOverlap: true } },
    yAxis: { type: 'category', data: ['计划', '实际'] },
    series: [
      {
        type: 'scatter',
        symbolSize: 14,
        data: tl.milestones.map((m) => point(m, m.dueDate, '计划')),
        label: { show: true, position: 'top', formatter: (p: Point) => p.data.name },
        labelLayout: { hideOverlap: true },
      },
      {
        type: 'scatter',
        symbolSize: 14,
        symbol: 'diamond',
        data: tl.milestones.filter((m) => m.doneDate).map((m) => point(m, m.doneDate ?? m.dueDate, '实际')),
        label: { show: true, position: 'bottom', formatter: (p: Point) => p.data.name },
        labelLayout: { hideOverlap: true },
      },
    ],
  };
}
