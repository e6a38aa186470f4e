import { describe, expect, it } from 'vitest';
import { convertTarget, parseTargetNumber } from './target-number.ts';

describe('target numbers from extracted targets', () => {
  it('reads the number and its measure', () => {
    expect(parseTargetNumber('增长20%以上')).toEqual({ value: 20, unit: '%' });
    expect(parseTargetNumber('完成投资12亿元')).toEqual({ value: 12, unit: '亿元' });
    expect(parseTargetNumber('不少于3.5万元')).toEqual({ value: 3.5, unit: '万元' });
    expect(parseTargetNumber('新建二十个')).toEqual({ value: 20, unit: '个' });
    expect(parseTargetNumber('提高2个百分点')).toEqual({ value: 2, unit: '个百分点' });
    expect(parseTargetNumber('达到去年同期水平')).toBeNull();
  });
  it('converts money to the indicator unit, refuses what does not convert', () => {
    expect(convertTarget({ value: 12, unit: '亿元' }, '万元')).toBe(120000);
    expect(convertTarget({ value: 20, unit: '%' }, '%')).toBe(20);
    expect(convertTarget({ value: 5, unit: '个' }, '万元')).toBeNull();
  });
});
