/**
 * 年度综合考核 scoring (pure). Parts are weighted on a 100-point scale; a part without data (无数据)
 * does not count as 0: its weight is shared among the unit's other parts, and the breakdown says
 * so. Grades follow documented quotas (杭州 综合考评: 优秀 ≤ 15%, 良好 ≤ 20%; tied units are
 * kept together, so a tie that would exceed a quota drops the whole group a grade); a veto caps
 * the unit at 合格 ("any key target missed → not 先进").
 */
import type { ASSESSMENT_GRADES } from '../../../common/enums.ts';

export type Grade = (typeof ASSESSMENT_GRADES)[number];
export const THRESHOLDS: [Grade, number][] = [
  ['优秀', 90],
  ['良好', 80],
  ['合格', 60],
];
const r2 = (x: number) => Math.round(x * 100) / 100;

export interface PartValue {
  weight: number;
  value: number | null;
}

/** Points per part and the base score (null when no part has data). */
export function weigh<T extends PartValue>(
  parts: T[],
): { parts: (T & { points: number | null })[]; base: number | null } {
  const w = parts.reduce((s, p) => s + (p.value == null ? 0 : p.weight), 0);
  const out = parts.map((p) => ({
    ...p,
    points: p.value == null || w === 0 ? null : r2((Math.min(100, Math.max(0, p.value)) * p.weight) / w),
  }));
  return { parts: out, base: w === 0 ? null : r2(out.reduce((s, p) => s + (p.points ?? 0), 0)) };
}

/** How many units a percentage allows (at most; never rounded up). */
export const quotaOf = (units: number, percent: number) => Math.floor((units * percent) / 100 + 1e-9);

export interface Ranked {
  orgId: number;
  total: number | null;
  vetoed: boolean;
}
export interface Graded {
  rank: number | null;
  grade: Grade | null;
  note: string | null;
}

/** Ranks (ties share a rank) and grades with the quotas applied. */
export function gradeUnits(
  units: Ranked[],
  conf: { excellentPercent: number; goodPercent: number },
): Map<number, Graded> {
  const out = new Map<number, Graded>();
  const scored = units.filter((u) => u.total != null).sort((a, b) => b.total! - a.total!);
  for (const u of units) if (u.total == null) out.set(u.orgId, { rank: null, grade: null, note: '无考核数据' });
  const quota: Record<string, number> = {
    优秀: quotaOf(units.length, conf.excellentPercent),
    良好: quotaOf(units.length, conf.goodPercent),
  };
  const used: Record<string, number> = { 优秀: 0, 良好: 0 };
  let i = 0;
  while (i < scored.length) {
    const total = scored[i].total!;
    const group = scored.filter((u) => u.total === total);
    const rank = i + 1;
    const byScore = THRESHOLDS.find(([, min]) => total >= min)?.[0] ?? '不合格';
    for (const [vetoed, members] of [
      [true, group.filter((u) => u.vetoed)],
      [false, group.filter((u) => !u.vetoed)],
    ] as const) {
      if (!members.length) continue;
      let grade: Grade = byScore;
      const notes: string[] = [];
      if (vetoed && (grade === '优秀' || grade === '良好')) {
        grade = '合格';
        notes.push('一票否决,不能评为优秀、良好');
      }
      for (const g of ['优秀', '良好'] as const) {
        if (grade !== g) continue;
        if (used[g] + members.length <= quota[g]) {
          used[g] += members.length;
        } else {
          notes.push(
            `${g}名额已满(不超过 ${g === '优秀' ? conf.excellentPercent : conf.goodPercent}%,共 ${quota[g]} 个)`,
          );
          grade = g === '优秀' ? '良好' : '合格';
        }
      }
      for (const u of members) out.set(u.orgId, { rank, grade, note: notes.length ? notes.join(';') : null });
    }
    i += group.length;
  }
  return out;
}
