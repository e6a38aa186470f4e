import type { FigureProvider, FigureValue } from '../../lib/figures.ts';
import { localDate } from '../../lib/clock.ts';
import { tally } from './results.service.ts';

/**
 * 述职评议 好+较好率 of an organization: from the latest campaign closed within the period in which
 * the org itself was rated (a figure of the rated org, not summed over its subtree).
 */
export const reviewGoodRate: FigureProvider = {
  key: 'reviews.goodRate',
  label: '述职评议好+较好率',
  unit: '%',
  module: '述职评议',
  description: '期间内最近一次结束的述职评议中,本组织获评前两个等次(好、较好)的票数占比',
  higherIsBetter: true,
  async compute(db, q) {
    const out = new Map<number, FigureValue>();
    if (!q.orgIds.length) return out;
    const rows = await db
      .selectFrom('review_target as rt')
      .innerJoin('review_campaign as c', 'c.id', 'rt.campaign_id')
      .where('rt.org_id', 'in', q.orgIds)
      .where('c.status', '=', 'closed')
      .select(['rt.org_id', 'c.id', 'c.title', 'c.scale_json', 'c.closed_at'])
      .orderBy('c.closed_at', 'desc')
      .execute();
    const tallies = new Map<number, Awaited<ReturnType<typeof tally>>>();
    for (const r of rows) {
      if (out.has(r.org_id) || !r.closed_at) continue;
      const closed = localDate(new Date(r.closed_at));
      if (closed < q.from || closed > q.to) continue;
      if (!tallies.has(r.id)) tallies.set(r.id, await tally(db, r.id, JSON.parse(r.scale_json) as string[]));
      const o = tallies.get(r.id)?.orgs.find((x) => x.orgId === r.org_id);
      if (!o?.total) continue;
      out.set(r.org_id, {
        value: o.goodRate,
        detail: `${r.title}:${o.total} 票,好+较好率 ${o.goodRate}%,排名第 ${o.rank} 位`,
        link: `/reviews/${r.id}`,
      });
    }
    for (const id of q.orgIds) if (!out.has(id)) out.set(id, { value: null, detail: '期间内没有已结束的述职评议' });
    return out;
  },
};
