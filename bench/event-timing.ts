/**
 * Interaction timings in the page with the Performance API (Event Timing): an interaction's duration
 * runs from the input event to the next paint. Entries start at 16 ms, so 0 means none was recorded
 * (the interaction answered within a frame). Shared by the task review table's bench and e2e step.
 */
import type { Page } from 'playwright-core';

type Ev = PerformanceEventTiming & { interactionId?: number };

/** Starts collecting; call once per page load. */
export const observe = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { __ev: Ev[] };
    w.__ev = [];
    new PerformanceObserver((l) => w.__ev.push(...(l.getEntries() as Ev[]))).observe({
      type: 'event',
      durationThreshold: 16,
      buffered: false,
    } as PerformanceObserverInit);
  });

/** The longest interaction since the last call (after the page settled), in ms. */
export async function take(page: Page): Promise<number> {
  await page.evaluate(() => new Promise((r) => setTimeout(r, 150)));
  return page.evaluate(() => {
    const w = window as unknown as { __ev: Ev[] };
    const byInteraction = new Map<number, number>();
    for (const e of w.__ev) {
      const k = e.interactionId || -Math.round(e.startTime);
      byInteraction.set(k, Math.max(byInteraction.get(k) ?? 0, e.duration));
    }
    w.__ev = [];
    return Math.max(0, ...byInteraction.values());
  });
}

export const fmt = (ms: number) => (ms ? `${Math.round(ms)}` : '<16');

/** A speech of `n` numbered tasks, most naming a unit of the test county, every third with a cooperating unit. */
export function speech(n: number) {
  const work = [
    '村级活动阵地改造提升',
    '软弱涣散党组织整顿',
    '党员积分管理',
    '村集体经济增收',
    '网格化服务管理',
    '人居环境整治',
    '后备干部培养',
    '农村道路硬化',
  ];
  const units = ['甲镇党委', '乙镇党委', '县财政局', '甲镇东村党支部', '甲镇西村党支部'];
  const out = ['同志们:', '', '一、关于重点工作'];
  for (let i = 1; i <= n; i++) {
    const u = i % 7 === 0 ? '' : units[i % units.length];
    out.push(
      `${i}. ${u}要在2027年${(i % 12) + 1}月底前完成第${i}批${work[i % work.length]}工作,确保按期见效${i % 3 === 0 ? ',县财政局配合' : ''}。`,
    );
  }
  return out.join('\n');
}
