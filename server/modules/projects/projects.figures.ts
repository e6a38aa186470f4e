/**
 * Figures computed from the 重点项目 investment records, for indicators with a computed source
 * (「重点项目完成投资」, 「重点项目投资完成率」): each org's figure sums the key projects led inside its
 * subtree (by the lead unit's path), so the number is reported once, by the project, and never typed
 * again into the 指标 grid.
 */
import type { Executor } from '../../db/connect.ts';
import { type FigureProvider, type FigureQuery, type FigureValue, orgPaths, percent } from '../../lib/figures.ts';

const r2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Per requested org: Σ planned, Σ completed and the projects counted, over the months of [from, to].
 * The database sums each project's months (≤ one row per project); each project then adds to the
 * requested orgs on its lead unit's path (a walk up the path, not a scan per org).
 */
async function sums(db: Executor, q: FigureQuery) {
  const paths = await orgPaths(db, q.orgIds);
  const rows = await db
    .selectFrom('project_investment as p')
    .innerJoin('task as t', 't.id', 'p.task_id')
    .innerJoin('org_unit as o', 'o.id', 't.lead_org_id')
    .where('p.period', '>=', q.from.slice(0, 7))
    .where('p.period', '<=', q.to.slice(0, 7))
    .where('t.key_project', '=', 1)
    .groupBy(['p.task_id', 'o.path'])
    .select((eb) => [
      'p.task_id',
      'o.path',
      eb.fn.sum<number | string | null>('p.planned').as('planned'),
      eb.fn.sum<number | string | null>('p.completed').as('completed'),
    ])
    .execute();
  const out = new Map<number, { planned: number; completed: number; projects: number }>();
  for (const orgId of paths.keys()) out.set(orgId, { planned: 0, completed: 0, projects: 0 });
  for (const r of rows)
    for (const id of r.path.split('/').filter(Boolean).map(Number)) {
      const s = out.get(id);
      if (!s) continue;
      s.projects++;
      s.planned += Number(r.planned ?? 0);
      s.completed += Number(r.completed ?? 0);
    }
  return out;
}

export const projectInvestmentCompleted: FigureProvider = {
  key: 'projects.investmentCompleted',
  label: '重点项目完成投资',
  unit: '万元',
  module: '督查督办',
  description: '本单位及下级牵头的重点项目在期间内逐月报送的完成投资之和(万元)',
  higherIsBetter: true,
  async compute(db, q) {
    const out = new Map<number, FigureValue>();
    for (const [orgId, s] of await sums(db, q))
      out.set(orgId, {
        value: s.projects ? r2(s.completed) : null,
        detail: s.projects
          ? `${s.projects} 个重点项目,完成投资 ${r2(s.completed)} 万元(计划 ${r2(s.planned)} 万元)`
          : '期间没有重点项目投资计划',
        link: `/projects?orgId=${orgId}`,
      });
    return out;
  },
};

export const projectInvestmentRate: FigureProvider = {
  key: 'projects.investmentRate',
  label: '重点项目投资完成率',
  unit: '%',
  module: '督查督办',
  description: '本单位及下级牵头的重点项目期间完成投资占期间计划投资的比例(未报送的月份按 0 计)',
  higherIsBetter: true,
  async compute(db, q) {
    const out = new Map<number, FigureValue>();
    for (const [orgId, s] of await sums(db, q))
      out.set(orgId, {
        value: percent(s.completed, s.planned),
        numerator: r2(s.completed),
        denominator: r2(s.planned),
        detail: s.planned > 0 ? `计划 ${r2(s.planned)} 万元,完成 ${r2(s.completed)} 万元` : '期间没有计划投资',
        link: `/projects?orgId=${orgId}`,
      });
    return out;
  },
};

/** The figure keys these records feed: a report recomputes the indicators built on them. */
export const FED_FIGURES = [projectInvestmentCompleted.key, projectInvestmentRate.key];
