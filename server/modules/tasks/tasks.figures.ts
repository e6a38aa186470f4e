import { localDate } from '../../lib/clock.ts';
import type { Executor } from '../../db/connect.ts';
import { type FigureProvider, type FigureQuery, type FigureValue, orgPaths, percent } from '../../lib/figures.ts';
import { pathUpper } from '../../lib/scope.ts';

/** Tasks led inside the subtree at `path` with a due date up to `to` (closing dates compared locally). */
async function ledTasks(db: Executor, path: string, from: string | null, to: string) {
  let q = db
    .selectFrom('task as t')
    .innerJoin('org_unit as o', 'o.id', 't.lead_org_id')
    .where('o.path', '>=', path)
    .where('o.path', '<', pathUpper(path))
    .where('t.due_date', '<=', to)
    .select(['t.due_date', 't.status', 't.closed_at']);
  if (from) q = q.where('t.due_date', '>=', from);
  const rows = await q.execute();
  return rows.map((r) => ({
    due: r.due_date as string,
    closedDate: r.status === 'done' && r.closed_at ? localDate(new Date(r.closed_at)) : null,
  }));
}

async function perOrg(db: Executor, q: FigureQuery, f: (orgId: number, path: string) => Promise<FigureValue>) {
  const out = new Map<number, FigureValue>();
  for (const [orgId, path] of await orgPaths(db, q.orgIds)) out.set(orgId, await f(orgId, path));
  return out;
}

/** 任务按时办结率: of the tasks led inside the subtree and due in the period, the share closed by their due date. */
export const taskOnTimeRate: FigureProvider = {
  key: 'tasks.onTimeRate',
  label: '督查任务按时办结率',
  unit: '%',
  module: '督查督办',
  description: '本单位及下级牵头、完成时限在期间内的任务中,在时限当天或之前办结的比例',
  higherIsBetter: true,
  compute: (db, q) =>
    perOrg(db, q, async (orgId, path) => {
      const rows = await ledTasks(db, path, q.from, q.to);
      const onTime = rows.filter((r) => r.closedDate !== null && r.closedDate <= r.due).length;
      return {
        value: percent(onTime, rows.length),
        numerator: onTime,
        denominator: rows.length,
        detail: rows.length ? `期间应办结 ${rows.length} 项,按时办结 ${onTime} 项` : '期间没有到期的任务',
        link: `/tasks?orgId=${orgId}`,
      };
    }),
};

/** 逾期未办结任务数 at the end of the period. */
export const taskOverdueCount: FigureProvider = {
  key: 'tasks.overdueCount',
  label: '逾期未办结任务数',
  unit: '项',
  module: '督查督办',
  description: '截至期末,本单位及下级牵头、已过完成时限仍未办结的任务数',
  higherIsBetter: false,
  compute: (db, q) =>
    perOrg(db, q, async (orgId, path) => {
      const rows = await ledTasks(db, path, null, q.to);
      const n = rows.filter((r) => r.due < q.to && (r.closedDate === null || r.closedDate > q.to)).length;
      return {
        value: n,
        detail: n ? `截至 ${q.to} 有 ${n} 项任务逾期未办结` : `截至 ${q.to} 没有逾期任务`,
        link: `/tasks?orgId=${orgId}&overdue=true`,
      };
    }),
};
