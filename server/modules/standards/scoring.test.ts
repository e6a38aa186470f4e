import { describe, expect, it } from 'vitest';
import type { Band } from '../../../common/contracts/standards.ts';
import { STANDARD_MANUAL, STAR_MANUAL } from './defaults.ts';
import { autoPoints, flatItems, gradeEntries, manualProblems, sheetTotal } from './scoring.ts';

const bands: Band[] = [
  { grade: '五星', minScore: 90, quotaPercent: 20, quotaMode: 'enforce', vetoBlocks: true },
  { grade: '四星', minScore: 80, quotaPercent: null, quotaMode: 'warn', vetoBlocks: false },
  { grade: '三星', minScore: 0, quotaPercent: null, quotaMode: 'warn', vetoBlocks: false },
];
const e = (id: number, total: number | null, vetoed = false, directGrade: string | null = null) => ({
  id,
  total,
  vetoed,
  directGrade,
});

describe('shipped manuals', () => {
  it('are consistent trees', () => {
    expect(manualProblems(STANDARD_MANUAL)).toEqual([]);
    expect(manualProblems(STAR_MANUAL)).toEqual([]);
  });
});

describe('gradeEntries', () => {
  it('ranks ties together (1, 2, 2, 4)', () => {
    const { out } = gradeEntries([e(1, 95), e(2, 85), e(3, 85), e(4, 70)], bands);
    expect(out.map((o) => o.rank)).toEqual([1, 2, 2, 4]);
  });
  it('an enforced quota moves the lowest-ranked down, and a tie at the line moves whole', () => {
    // 10 entries, 20% → 2 五星 places; three tie at 92 after one at 99
    const list = [e(1, 99), e(2, 92), e(3, 92), e(4, 92), ...[5, 6, 7, 8, 9, 10].map((i) => e(i, 50))];
    const { out } = gradeEntries(list, bands);
    expect(out.slice(0, 4).map((o) => o.grade)).toEqual(['五星', '四星', '四星', '四星']);
  });
  it('a warned quota grades and warns', () => {
    const warn: Band[] = bands.map((b) => ({ ...b, quotaMode: 'warn' }));
    const { out, warnings } = gradeEntries([e(1, 99), e(2, 95), ...[3, 4, 5].map((i) => e(i, 50))], warn);
    expect(out.map((o) => o.grade).slice(0, 2)).toEqual(['五星', '五星']);
    expect(warnings[0]).toContain('「五星」超过指导比例 20%');
  });
  it('a veto keeps a branch out of bands that honour vetoes; direct grades count against quotas', () => {
    const { out } = gradeEntries([e(1, 99, true), e(2, 60, false, '五星'), e(3, 95), e(4, 40), e(5, 41)], bands);
    expect(out.map((o) => o.grade)).toEqual(['四星', '五星', '四星', '三星', '三星']);
  });
});

describe('items', () => {
  const items = flatItems(STANDARD_MANUAL.dimensions);
  const item = (code: string) => items.find((i) => i.code === code) ?? items[0];
  it('auto points: per unit down to the floor, thresholds, nothing to measure', () => {
    expect(autoPoints(item('C1'), 2)).toBe(4);
    expect(autoPoints(item('C1'), 9)).toBe(0);
    expect(autoPoints(item('C2'), 75)).toBe(2);
    expect(autoPoints(item('C2'), 85)).toBe(4);
    expect(autoPoints(item('B1'), 4)).toBe(1);
    expect(autoPoints(item('C1'), null)).toBeNull();
  });
  it('bonuses are capped (封顶) and one per 不累计 group', () => {
    const pts: Record<string, number> = { H1: 5, H3: 1, H4: 1, H5: 3, H2: 1 };
    const base = items.filter((i) => !i.bonus).reduce((s, i) => s + i.maxPoints, 0);
    expect(sheetTotal(items, 10, (c) => pts[c] ?? (item(c).bonus ? 0 : item(c).maxPoints))).toBe(base + 10);
    const pts2: Record<string, number> = { H3: 1, H4: 1 };
    expect(sheetTotal(items, 10, (c) => pts2[c] ?? (item(c).bonus ? 0 : item(c).maxPoints))).toBe(base + 1);
  });
});
