import type { Executor } from '../../db/connect.ts';
import { type FigureProvider, type FigureQuery, type FigureValue, orgPaths, percent } from '../../lib/figures.ts';
import { pathInSubtree } from '../../lib/scope.ts';
import { OPEN_STATUSES } from './common.ts';

async function perOrg(db: Executor, q: FigureQuery, f: (orgId: number, path: string) => Promise<FigureValue>) {
  const out = new Map<number, FigureValue>();
  for (const [orgId, path] of await orgPaths(db, q.orgIds)) out.set(orgId, await f(orgId, path));
  return out;
}
const inTree = (path: string) => (eb: any) =>
  eb('r.org_id', 'in', eb.selectFrom('org_unit as o').select('o.id').where(pathInSubtree('o.path', path)));

/** 好评率 of the subtree's windows: counted ratings (not 待核, not excluded by an upheld appeal). */
export const windowSatisfactionRate: FigureProvider = {
  key: 'windows.satisfactionRate',
  label: '政务服务好评率',
  unit: '%',
  module: '作风监督',
  description: '本单位及下级服务窗口期间收到的有效评价中,非常满意、满意、基本满意的比例(申诉成立的差评不计入)',
  higherIsBetter: true,
  compute: (db, q) =>
    perOrg(db, q, async (orgId, path) => {
      const r = await db
        .selectFrom('rating as r')
        .select([
          (eb) => eb.fn.countAll().as('n'),
          (eb) => eb.fn.sum(eb.case().when('r.level', '>=', 3).then(1).else(0).end()).as('good'),
        ])
        .where('r.rated_date', '>=', q.from)
        .where('r.rated_date', '<=', q.to)
        .where('r.suspect', '=', 0)
        .where('r.excluded', '=', 0)
        .where(inTree(path))
        .executeTakeFirstOrThrow();
      const n = Number(r.n);
      const good = Number(r.good ?? 0);
      return {
        value: percent(good, n),
        numerator: good,
        denominator: n,
        detail: n ? `期间有效评价 ${n} 条,好评 ${good} 条` : '期间没有评价',
        link: `/windows/stats?orgId=${orgId}`,
      };
    }),
};

/** 差评整改率: of the 差评 received in the period (appeals upheld excluded), the share closed. */
export const windowBadRatingRectifyRate: FigureProvider = {
  key: 'windows.badRatingRectifyRate',
  label: '差评整改率',
  unit: '%',
  module: '作风监督',
  description: '本单位及下级服务窗口期间收到的差评(申诉成立的除外)中,已回访、处置并办结的比例',
  higherIsBetter: true,
  compute: (db, q) =>
    perOrg(db, q, async (orgId, path) => {
      const r = await db
        .selectFrom('rating_case as c')
        .innerJoin('rating as r', 'r.id', 'c.rating_id')
        .select([
          (eb) => eb.fn.countAll().as('n'),
          (eb) => eb.fn.sum(eb.case().when('c.status', '=', '已办结').then(1).else(0).end()).as('done'),
        ])
        .where('r.rated_date', '>=', q.from)
        .where('r.rated_date', '<=', q.to)
        .where('r.excluded', '=', 0)
        .where(inTree(path))
        .executeTakeFirstOrThrow();
      const n = Number(r.n);
      const done = Number(r.done ?? 0);
      return {
        value: percent(done, n),
        numerator: done,
        denominator: n,
        detail: n ? `期间差评 ${n} 条,已办结 ${done} 条` : '期间没有差评',
        link: `/rating-cases?orgId=${orgId}`,
      };
    }),
};

/** Open 差评/暗访 cases past their working-day deadline at the end of the period. */
export const windowOverdueCases: FigureProvider = {
  key: 'windows.overdueCases',
  label: '逾期未办结差评工单',
  unit: '件',
  module: '作风监督',
  description: '截至期末,本单位及下级已超过办理时限仍未办结的差评和暗访工单数',
  higherIsBetter: false,
  compute: (db, q) =>
    perOrg(db, q, async (orgId, path) => {
      const r = await db
        .selectFrom('rating_case as c')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('c.due_date', '<', q.to)
        .where('c.opened_date', '<=', q.to)
        .where((eb) => eb.or([eb('c.status', 'in', OPEN_STATUSES), eb('c.closed_date', '>', q.to)]))
        .where((eb) =>
          eb('c.org_id', 'in', eb.selectFrom('org_unit as o').select('o.id').where(pathInSubtree('o.path', path))),
        )
        .executeTakeFirstOrThrow();
      const n = Number(r.n);
      return {
        value: n,
        detail: n ? `截至 ${q.to} 有 ${n} 件差评工单逾期未办结` : `截至 ${q.to} 没有逾期差评工单`,
        link: `/rating-cases?orgId=${orgId}&light=red`,
      };
    }),
};
