/** The 评议通报's sentence on the best-rated orgs (pure; the .docx itself is tested in campaign.test.ts). */
import { describe, expect, it } from 'vitest';
import { bestLine } from './results.service.ts';

const o = (orgName: string, rank: number, goodRate: number) => ({ orgName, rank, goodRate });

describe('bestLine', () => {
  it('names at most the top three, with their rates', () => {
    const orgs = [o('甲镇党委', 1, 95), o('乙镇党委', 2, 90), o('丙镇党委', 3, 85.5), o('丁镇党委', 4, 60)];
    expect(bestLine(orgs, '好+较好')).toBe('好+较好率位居前列的是:甲镇党委(95%)、乙镇党委(90%)、丙镇党委(85.5%)。');
  });
  it('never lists everyone: ties past three are counted, equal rates are said as such', () => {
    const tied = [o('甲', 1, 100), o('乙', 1, 100), o('丙', 1, 100), o('丁', 1, 100), o('戊', 5, 80)];
    expect(bestLine(tied, '好+较好')).toBe('好+较好率并列第一的有 4 个组织(100%)。');
    const same = [o('甲', 1, 100), o('乙', 1, 100)];
    expect(bestLine(same, '好+较好')).toBe('各组织好+较好率均为 100%。');
    const twoThenTie = [o('甲', 1, 99), o('乙', 2, 98), o('丙', 3, 90), o('丁', 3, 90), o('戊', 5, 50)];
    expect(bestLine(twoThenTie, '好+较好')).toBe('好+较好率位居前列的是:甲(99%)。');
    expect(bestLine([], '好+较好')).toBe('');
  });
});
