import { describe, expect, test } from 'vitest';

process.env.TZ = 'Asia/Shanghai';
import { escapeHtml } from '../../lib/html.ts';
import { barOption, type Dash, pieOption, type Timeline, timelineOption } from './charts.ts';

const HOSTILE = '<meta http-equiv=refresh content="0;url=https://evil.example/"><img src=x onerror=alert(1)>';

/** Every function named `formatter` anywhere in an option object. */
function formatters(o: unknown, out: ((p: unknown) => string)[] = []) {
  if (o && typeof o === 'object')
    for (const [k, v] of Object.entries(o)) {
      if (k === 'formatter' && typeof v === 'function') out.push(v as (p: unknown) => string);
      else formatters(v, out);
    }
  return out;
}

describe('dashboard charts escape user text in every formatter', () => {
  const d: Dash = {
    lights: { red: 1, yellow: 1, green: 1 },
    ranking: [{ orgId: 1, orgName: HOSTILE, overdue: 1 }],
  };
  const tl: Timeline = {
    milestones: [{ name: HOSTILE, dueDate: '2026-11-30', doneDate: '2026-12-01', state: 'done_late' }],
  };
  const point = {
    name: HOSTILE,
    value: 1,
    percent: 50,
    data: { name: HOSTILE, due: '2026-11-30', done: '2026-12-01' },
  };

  test('a hostile milestone / org name never comes out as markup from a tooltip formatter', () => {
    const all = [pieOption(d), barOption(d), timelineOption(tl)].flatMap((o) => formatters(o.tooltip));
    expect(all).toHaveLength(3);
    for (const f of all) {
      const html = f(point);
      expect(html).not.toMatch(/<(meta|img)/i);
      expect(html).toContain(escapeHtml(HOSTILE));
    }
    expect(formatters(timelineOption(tl).tooltip)[0](point)).toContain('计划 2026年11月30日<br/>完成 2026年12月01日');
  });

  test('every tooltip has its own formatter (no default that could render names as HTML)', () => {
    for (const o of [pieOption(d), barOption(d), timelineOption(tl)])
      expect(typeof (o.tooltip as { formatter?: unknown }).formatter).toBe('function');
  });

  test('the light donut shows each count inside its arc (names beside the ring were cut on a phone)', () => {
    const s = pieOption({ lights: { red: 3, yellow: 0, green: 12 }, ranking: [] }).series[0];
    expect([s.label.position, s.labelLine.show]).toEqual(['inside', false]);
    expect(s.data.map((x) => [x.name, s.label.formatter({ value: x.value })])).toEqual([
      ['红灯', '3'],
      ['黄灯', ''],
      ['绿灯', '12'],
    ]);
  });

  test("the ranking cuts a long unit name inside the grid's left margin (it ran off a phone's card)", () => {
    const o = barOption({
      lights: { red: 1, yellow: 0, green: 0 },
      ranking: [{ orgId: 1, orgName: '县'.repeat(30), overdue: 2 }],
    });
    expect(o.yAxis.axisLabel).toEqual({ width: 110, overflow: 'truncate' });
    expect(o.yAxis.axisLabel.width).toBeLessThan(o.grid.left);
  });

  test('the milestone timeline leaves out month and milestone labels that would overlap (they ran together on a phone)', () => {
    const o = timelineOption(tl);
    expect(o.xAxis.axisLabel).toEqual({ hideOverlap: true });
    expect(o.series.map((x) => x.labelLayout)).toEqual([{ hideOverlap: true }, { hideOverlap: true }]);
  });

  test('escapeHtml', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(escapeHtml(null)).toBe('');
  });
});
