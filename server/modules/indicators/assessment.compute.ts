/**
 * 年度综合考核, the computation: every part from the records (figure registry, 平时 scores), the
 * adjustments, a veto for a missed key target, ranks and grades with the quotas.
 */
import { ASSESSMENT_SOURCES } from '../../../common/enums.ts';
import { audit, nowIso, type Ctx } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import type { AssessmentTable } from '../../db/schema/indicators.ts';
import { localDate } from '../../lib/clock.ts';
import type { Actor } from '../../lib/scope.ts';
import { figureByKey } from '../figures.ts';
import { manageable } from './assessment.service.ts';
import { gradeUnits, weigh } from './assessment.scoring.ts';
import { achievement } from './indicators.figures.ts';

type Source = keyof typeof ASSESSMENT_SOURCES;
type Part = { source: Source; weight: number };
const r2 = (x: number) => Math.round(x * 100) / 100;

/** Key indicators (重点指标) whose December figure for the org misses its annual target. */
async function missedKeyTargets(db: Executor, year: number, orgIds: number[]) {
  const rows = await db
    .selectFrom('indicator_rollup as u')
    .innerJoin('indicator as i', 'i.id', 'u.indicator_id')
    .select(['u.org_id', 'i.name', 'u.cum_value', 'u.target', 'i.higher_is_better'])
    .where('i.is_key', '=', 1)
    .where('u.period', '=', `${year}-12`)
    .where('u.org_id', 'in', orgIds.length ? orgIds : [0])
    .where('u.target', 'is not', null)
    .execute();
  const out = new Map<number, string[]>();
  for (const r of rows) {
    const a = r.cum_value == null ? 0 : achievement(Number(r.cum_value), Number(r.target), !!r.higher_is_better);
    if (a >= 100) continue;
    const why = `重点指标「${r.name}」未完成全年目标(完成 ${Math.round(a * 10) / 10}%)`;
    out.set(r.org_id, [...(out.get(r.org_id) ?? []), why]);
  }
  return out;
}

/**
 * Computes every unit's parts from the records, applies adjustments, vetoes and quotas, and
 * stores the breakdown. Allowed until the result is published (an upheld objection is corrected
 * in the records, then recomputed); each run is audited with its grade counts.
 */
export async function compute(ctx: Ctx, actor: Actor, id: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const a = await manageable(trx, actor, id);
    const counts = await scoreUnits(trx, a);
    await trx
      .updateTable('assessment')
      .set({ computed_at: nowIso(ctx) })
      .where('id', '=', id)
      .execute();
    await audit(ctx, trx, actor, {
      action: 'assessment.compute',
      entity: 'assessment',
      entityId: id,
      after: { grades: counts.grades, on: localDate(ctx.clock.now()) },
    });
    return counts;
  });
}

/** The computation itself (also used by the demo seeder): every unit's parts, total, rank, grade. */
export async function scoreUnits(
  trx: Executor,
  a: Pick<AssessmentTable, 'year' | 'parts_json' | 'bonus_cap' | 'excellent_percent' | 'good_percent'> & { id: number },
) {
  const id = a.id;
  {
    const parts = JSON.parse(a.parts_json) as Part[];
    const units = await trx.selectFrom('assessment_unit').selectAll().where('assessment_id', '=', id).execute();
    const orgIds = units.map((u) => u.org_id);
    const range = { orgIds, from: `${a.year}-01-01`, to: `${a.year}-12-31` };
    const values = new Map<Source, Map<number, { value: number | null; detail: string; link: string | null }>>();
    for (const p of parts) {
      const m = new Map<number, { value: number | null; detail: string; link: string | null }>();
      if (p.source === 'monthly') {
        const rows = await trx
          .selectFrom('assessment_score')
          .select(['org_id', 'score'])
          .where('assessment_id', '=', id)
          .execute();
        for (const o of orgIds) {
          const s = rows.filter((r) => r.org_id === o).map((r) => Number(r.score));
          m.set(o, {
            value: s.length ? r2(s.reduce((x, y) => x + y, 0) / s.length) : null,
            detail: s.length
              ? `已评 ${s.length} 个月,平均 ${r2(s.reduce((x, y) => x + y, 0) / s.length)} 分`
              : '尚无平时考核记录',
            link: null,
          });
        }
      } else {
        const f = figureByKey(p.source);
        const got = f ? await f.compute(trx, range) : new Map();
        for (const o of orgIds) {
          const v = got.get(o);
          m.set(o, { value: v?.value ?? null, detail: v?.detail ?? '无数据', link: v?.link ?? null });
        }
      }
      values.set(p.source, m);
    }
    const adj = await trx.selectFrom('assessment_adjustment').selectAll().where('assessment_id', '=', id).execute();
    const missed = await missedKeyTargets(trx, a.year, orgIds);
    const computed = units.map((u) => {
      const w = weigh(
        parts.map((p) => {
          const v = values.get(p.source)!.get(u.org_id)!;
          return { source: p.source, label: ASSESSMENT_SOURCES[p.source], weight: p.weight, ...v };
        }),
      );
      const mine = adj.filter((x) => x.org_id === u.org_id);
      const bonus = Math.min(
        a.bonus_cap,
        r2(mine.filter((x) => x.kind === '加分').reduce((s, x) => s + Number(x.points), 0)),
      );
      const deduction = r2(mine.filter((x) => x.kind === '扣分').reduce((s, x) => s + Number(x.points), 0));
      const vetoReasons = [
        ...(missed.get(u.org_id) ?? []),
        ...mine.filter((x) => x.kind === '一票否决').map((x) => x.reason),
      ];
      const total = w.base == null ? null : r2(w.base + bonus - deduction);
      return { u, parts: w.parts, base: w.base, bonus, deduction, total, vetoReasons };
    });
    const grades = gradeUnits(
      computed.map((c) => ({ orgId: c.u.org_id, total: c.total, vetoed: c.vetoReasons.length > 0 })),
      { excellentPercent: a.excellent_percent, goodPercent: a.good_percent },
    );
    const counts: Record<string, number> = {};
    for (const c of computed) {
      const g = grades.get(c.u.org_id)!;
      if (g.grade) counts[g.grade] = (counts[g.grade] ?? 0) + 1;
      await trx
        .updateTable('assessment_unit')
        .set({
          parts_json: JSON.stringify(c.parts),
          base: c.base,
          bonus: c.bonus,
          deduction: c.deduction,
          total: c.total,
          rank: g.rank,
          grade: g.grade,
          vetoed: c.vetoReasons.length ? 1 : 0,
          veto_json: JSON.stringify(c.vetoReasons),
          note: g.note,
        })
        .where('assessment_id', '=', id)
        .where('org_id', '=', c.u.org_id)
        .execute();
    }
    return { units: computed.length, grades: counts };
  }
}
