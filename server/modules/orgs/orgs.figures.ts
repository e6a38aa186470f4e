import type { FigureProvider, FigureValue } from '../../lib/figures.ts';

const DAY = 86_400_000;
const months = (fromIso: string, toDate: string) =>
  Math.max(0, Math.floor((Date.parse(`${toDate}T23:59:59+08:00`) - Date.parse(fromIso)) / DAY / 30.44));

/**
 * 书记出缺月数: the longest stretch without a secretary that reaches into the period, in whole
 * months up to its end. Read from the org's own history ('书记变更' rows, written by orgs.update
 * whenever the secretary is set or cleared); a node created without a secretary is vacant from
 * its creation, a node whose secretary was set without a history row counts as filled.
 */
export const orgSecretaryVacancyMonths: FigureProvider = {
  key: 'orgs.secretaryVacancyMonths',
  label: '书记出缺月数',
  unit: '月',
  module: '组织架构',
  description: '期内支部书记空缺的最长连续月数(按组织变更记录中的书记变更计算)',
  higherIsBetter: false,
  async compute(db, q) {
    const out = new Map<number, FigureValue>();
    if (!q.orgIds.length) return out;
    const orgs = await db
      .selectFrom('org_unit')
      .select(['id', 'created_at', 'secretary_member_id'])
      .where('id', 'in', q.orgIds)
      .execute();
    const events = await db
      .selectFrom('org_history')
      .select(['org_id', 'detail', 'at'])
      .where('org_id', 'in', q.orgIds)
      .where('action', '=', '书记变更')
      .orderBy('at')
      .execute();
    const periodStart = Date.parse(`${q.from}T00:00:00+08:00`);
    const periodEnd = Date.parse(`${q.to}T23:59:59+08:00`);
    for (const o of orgs) {
      const ev = events.filter((e) => e.org_id === o.id && Date.parse(e.at) <= periodEnd);
      // vacant from creation unless the secretary was set with no history (filled throughout)
      let vacantSince: string | null = ev.length || o.secretary_member_id === null ? o.created_at : null;
      let longest = 0;
      let longestFrom: string | null = null;
      const close = (endIso: string) => {
        if (vacantSince && Date.parse(endIso) >= periodStart) {
          const m = months(vacantSince, endIso.slice(0, 10));
          if (m >= longest) {
            longest = m;
            longestFrom = vacantSince;
          }
        }
      };
      for (const e of ev) {
        const cleared = e.detail.endsWith('(空缺)');
        if (cleared && !vacantSince) vacantSince = e.at;
        else if (!cleared && vacantSince) {
          close(e.at);
          vacantSince = null;
        }
      }
      if (vacantSince) close(new Date(periodEnd).toISOString());
      const fromText = longestFrom ? String(longestFrom).slice(0, 10) : '';
      out.set(o.id, {
        value: longest,
        detail: longest ? `书记自 ${fromText} 起空缺,最长连续 ${longest} 个月` : '期内书记未出缺(或空缺不满 1 个月)',
        link: `/orgs/${o.id}`,
      });
    }
    return out;
  },
};
