import type { FigureProvider, FigureValue } from '../../lib/figures.ts';
import { orgPaths } from '../../lib/figures.ts';
import { pathUpper } from '../../lib/scope.ts';

/** 逾期未销号整改事项数 at the end of the period (items whose deadline passed and that are not 已销号). */
export const rectOverdueCount: FigureProvider = {
  key: 'rectifications.overdueCount',
  label: '逾期未销号整改事项数',
  unit: '项',
  module: '问题整改',
  description: '截至期末,本单位及下级已过整改时限仍未销号的整改事项数',
  higherIsBetter: false,
  async compute(db, q) {
    const out = new Map<number, FigureValue>();
    for (const [orgId, path] of await orgPaths(db, q.orgIds)) {
      const rows = await db
        .selectFrom('rectification_item as i')
        .innerJoin('org_unit as o', 'o.id', 'i.org_id')
        .where('o.path', '>=', path)
        .where('o.path', '<', pathUpper(path))
        .where('i.deadline_date', '<', q.to)
        .where((eb) => eb.or([eb('i.status', '!=', '已销号'), eb('i.closed_date', '>', q.to)]))
        .select('i.id')
        .execute();
      out.set(orgId, {
        value: rows.length,
        detail: rows.length ? `截至 ${q.to} 有 ${rows.length} 项整改逾期未销号` : `截至 ${q.to} 没有逾期整改事项`,
        link: `/rectifications?orgId=${orgId}`,
      });
    }
    return out;
  },
};
