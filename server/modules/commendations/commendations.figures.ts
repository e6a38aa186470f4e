import type { FigureProvider, FigureValue } from '../../lib/figures.ts';
import { orgPaths } from '../../lib/figures.ts';
import { pathInSubtree } from '../../lib/scope.ts';

/**
 * Honours recorded in an org's subtree (collectives and members) granted in the period, by the
 * published 表彰 of this system. The standards checklist's 上级表彰 bonus and the assessment can
 * read it instead of a typed count.
 */
export const commendationsHonours: FigureProvider = {
  key: 'commendations.honours',
  label: '获表彰次数',
  unit: '次',
  module: 'commendations',
  description: '期间内发布的表彰中,本单位及下属单位(先进集体)和党员个人获得表彰的次数',
  higherIsBetter: true,
  async compute(db, q) {
    const paths = await orgPaths(db, q.orgIds);
    const out = new Map<number, FigureValue>();
    for (const [orgId, path] of paths) {
      const rows = await db
        .selectFrom('honour')
        .select(['category', 'level', (eb) => eb.fn.countAll<number>().as('n')])
        .where(pathInSubtree('org_path', path))
        .where('granted_date', '>=', q.from)
        .where('granted_date', '<=', q.to)
        .groupBy(['category', 'level'])
        .execute();
      const total = rows.reduce((s, r) => s + Number(r.n), 0);
      out.set(orgId, {
        value: total,
        detail: total ? rows.map((r) => `${r.level}${r.category} ${Number(r.n)} 次`).join(',') : '期间内无表彰记录',
        link: `/assessment/commendations?orgId=${orgId}`,
      });
    }
    return out;
  },
};
