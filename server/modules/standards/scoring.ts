/**
 * The rules of a manual, pure (no database): validation of the tree, bounds of an item's score,
 * points from a computed figure, totals with capped bonuses, and grading with quotas, ties, vetoes
 * and direct grades. Every rule reads the manual's data; nothing about a particular manual is coded.
 */
import type { Band, Dimension, ManualBody, ManualItem } from '../../../common/contracts/standards.ts';

const round1 = (n: number) => Math.round(n * 10) / 10;
export { round1 };

/** Every problem of a manual's tree, in Chinese; [] when it is consistent. */
export function manualProblems(m: Pick<ManualBody, 'totalPoints' | 'bonusPoints' | 'dimensions' | 'bands'>): string[] {
  const out: string[] = [];
  const codes = new Set<string>();
  let base = 0;
  let bonus = 0;
  for (const d of m.dimensions) {
    let sum = 0;
    for (const it of d.items) {
      const where = `「${d.name}」${it.code} ${it.title}`;
      if (codes.has(it.code)) out.push(`项目编号 ${it.code} 重复`);
      codes.add(it.code);
      if (d.bonus && it.method !== 'bonus') out.push(`${where}:加分项维度中的项目须为加分方式`);
      if (!d.bonus && it.method === 'bonus') out.push(`${where}:加分项目须放在加分项维度中`);
      if ((it.method === 'deduct' || it.method === 'bonus') && !(it.perOccurrence && it.perOccurrence > 0))
        out.push(`${where}:须填写每次扣(加)分值`);
      if ((it.floor ?? 0) > it.maxPoints) out.push(`${where}:最低分不能高于分值`);
      if (it.method === 'levels') {
        if (!it.levels || it.levels.length < 2) out.push(`${where}:分档评定至少需要两个等次`);
        else if (it.levels.some((l) => l.points > it.maxPoints)) out.push(`${where}:等次分值不能高于项目分值`);
      }
      if (it.vetoBelow !== undefined && it.vetoBelow > it.maxPoints) out.push(`${where}:否决线不能高于分值`);
      if (it.source && it.source.rule !== 'perUnit' && it.source.threshold === undefined)
        out.push(`${where}:数据来源按阈值计分时须填写阈值`);
      sum += it.maxPoints;
    }
    if (d.bonus) bonus += d.points;
    else {
      base += d.points;
      if (round1(sum) !== round1(d.points))
        out.push(`维度「${d.name}」各项分值合计 ${round1(sum)} 分,与维度分值 ${d.points} 分不符`);
    }
  }
  if (round1(base) !== round1(m.totalPoints))
    out.push(`各维度分值合计 ${round1(base)} 分,与手册基本分 ${m.totalPoints} 分不符`);
  if (round1(bonus) !== round1(m.bonusPoints))
    out.push(`加分项维度分值合计 ${round1(bonus)} 分,与加分上限 ${m.bonusPoints} 分不符`);
  const grades = new Set<string>();
  let prev = Number.POSITIVE_INFINITY;
  for (const b of m.bands) {
    if (grades.has(b.grade)) out.push(`等次「${b.grade}」重复`);
    grades.add(b.grade);
    if (b.minScore >= prev) out.push('等次须按最低分从高到低排列');
    prev = b.minScore;
  }
  if (m.bands.length && m.bands[m.bands.length - 1].minScore !== 0) out.push('最后一个等次的最低分须为 0');
  return out;
}

export interface FlatItem extends ManualItem {
  dimension: string;
  bonus: boolean;
}
export const flatItems = (dims: Dimension[]): FlatItem[] =>
  dims.flatMap((d) => d.items.map((it) => ({ ...it, dimension: d.name, bonus: !!d.bonus })));

/** Why `points` is not a valid score of the item, or null when it is. */
export function pointsProblem(it: ManualItem, points: number): string | null {
  const floor = it.method === 'bonus' ? 0 : (it.floor ?? 0);
  if (points > it.maxPoints) return `${it.code} ${it.title}:得分 ${points} 超过分值 ${it.maxPoints}`;
  if (points < floor) return `${it.code} ${it.title}:得分 ${points} 低于最低分 ${floor}`;
  if (it.method === 'yesno' && points !== 0 && points !== it.maxPoints)
    return `${it.code} ${it.title}:是否达标项只能得 0 或 ${it.maxPoints} 分`;
  if (it.method === 'levels' && it.levels && !it.levels.some((l) => l.points === points))
    return `${it.code} ${it.title}:得分须为某一等次的分值(${it.levels.map((l) => `${l.label}${l.points}`).join('/')})`;
  return null;
}

/** The points an auto-filled item gets from its figure, or null when there is nothing to measure. */
export function autoPoints(it: ManualItem, value: number | null): number | null {
  const s = it.source;
  if (!s || value === null) return null;
  const floor = it.floor ?? 0;
  let lost = 0;
  if (s.rule === 'perUnit') lost = s.step * Math.max(0, value);
  else if (s.rule === 'below') lost = value < (s.threshold ?? 0) ? s.step : 0;
  else lost = value > (s.threshold ?? 0) ? s.step : 0;
  return round1(Math.max(floor, it.maxPoints - lost));
}

/** Base + bonus of a score sheet: bonuses capped by the manual (封顶), one per 不累计 group. */
export function sheetTotal(items: FlatItem[], bonusPoints: number, points: (code: string) => number | null) {
  let base = 0;
  let bonus = 0;
  const groups = new Map<string, number>();
  for (const it of items) {
    const p = points(it.code) ?? 0;
    if (!it.bonus) base += p;
    else if (it.bonusGroup) groups.set(it.bonusGroup, Math.max(groups.get(it.bonusGroup) ?? 0, p));
    else bonus += p;
  }
  for (const v of groups.values()) bonus += v;
  return round1(base + Math.min(bonus, bonusPoints));
}

/** Items whose veto line the sheet falls below. */
export const vetoes = (items: FlatItem[], points: (code: string) => number | null) =>
  items.filter((it) => it.vetoBelow !== undefined && (points(it.code) ?? 0) < it.vetoBelow);

/** Weighted total of the self and superior scores (weights in percent; superior-only = 0/100). */
export const combine = (self: number | null, sup: number | null, selfW: number, supW: number) =>
  sup === null ? null : round1(((self ?? 0) * selfW + sup * supW) / (selfW + supW));

export interface GradeInput {
  id: number;
  total: number | null;
  vetoed: boolean;
  directGrade: string | null;
}
export interface GradeOutput {
  id: number;
  rank: number | null;
  grade: string | null;
}

/**
 * Ranks (ties share a rank: 1, 2, 2, 4) and grades. A band's guide quota (percent of all graded
 * entries, rounded down, at least 1) is enforced by moving the lowest-ranked entries to the next
 * band — a tie at the line moves as a whole, never split — or only warned. Vetoed entries skip
 * bands that honour vetoes. Direct grades (recorded honours) take their band first and count
 * against its quota.
 */
export function gradeEntries(entries: GradeInput[], bands: Band[]): { out: GradeOutput[]; warnings: string[] } {
  const scored = entries.filter((e) => e.total !== null).sort((a, b) => (b.total ?? 0) - (a.total ?? 0));
  const n = scored.length;
  const rank = new Map<number, number>();
  scored.forEach((e, i) => {
    const prev = scored[i - 1];
    rank.set(e.id, prev && prev.total === e.total ? (rank.get(prev.id) ?? i + 1) : i + 1);
  });
  const quota = (b: Band) =>
    b.quotaPercent === null || b.quotaPercent === undefined
      ? Infinity
      : Math.max(1, Math.floor((n * b.quotaPercent) / 100));
  const grade = new Map<number, string>();
  const used = new Map<string, number>();
  for (const e of entries)
    if (e.directGrade) {
      grade.set(e.id, e.directGrade);
      used.set(e.directGrade, (used.get(e.directGrade) ?? 0) + 1);
    }
  const warnings: string[] = [];
  const pending = scored.filter((e) => !e.directGrade);
  let i = 0;
  while (i < pending.length) {
    // the group of entries tied with pending[i]
    let j = i;
    while (j < pending.length && pending[j].total === pending[i].total) j++;
    const group = pending.slice(i, j);
    for (const b of bands) {
      const fits = group.filter((e) => (e.total ?? 0) >= b.minScore && !(e.vetoed && b.vetoBlocks));
      if (!fits.length) continue;
      const have = used.get(b.grade) ?? 0;
      if (b.quotaMode === 'enforce' && have + fits.length > quota(b)) continue;
      if (b.quotaMode === 'warn' && have + fits.length > quota(b) && have <= quota(b))
        warnings.push(`「${b.grade}」超过指导比例 ${b.quotaPercent}%(${quota(b)} 个)`);
      for (const e of fits) grade.set(e.id, b.grade);
      used.set(b.grade, have + fits.length);
      if (fits.length === group.length) break;
      group.splice(0, group.length, ...group.filter((e) => !grade.has(e.id)));
    }
    i = j;
  }
  return {
    out: entries.map((e) => ({ id: e.id, rank: rank.get(e.id) ?? null, grade: grade.get(e.id) ?? null })),
    warnings: [...new Set(warnings)],
  };
}

/** Whether a direct grade would exceed an enforced quota. */
export function directQuotaProblem(bands: Band[], grade: string, alreadyInBand: number, n: number): string | null {
  const b = bands.find((x) => x.grade === grade);
  if (!b) return `手册中没有等次「${grade}」`;
  if (b.quotaMode !== 'enforce' || b.quotaPercent === null || b.quotaPercent === undefined) return null;
  const q = Math.max(1, Math.floor((n * b.quotaPercent) / 100));
  return alreadyInBand + 1 > q ? `「${grade}」已达指导比例 ${b.quotaPercent}%(${q} 个),不能再直接定级` : null;
}
