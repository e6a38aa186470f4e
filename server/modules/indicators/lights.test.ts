import { describe, expect, it } from 'vitest';
import { byPoints, DEFAULT_SETTINGS as S, judge, withHistory } from './lights.ts';

describe('序时进度 lights', () => {
  it('uses the configurable points: 提前 ≥ +5, 按序时 down to −10, yellow to −30, red beyond', () => {
    expect(byPoints(6, S)).toEqual({ pace: '提前', light: 'green' });
    expect(byPoints(-10, S)).toEqual({ pace: '按序时', light: 'green' });
    expect(byPoints(-10.1, S)).toEqual({ pace: '滞后', light: 'yellow' });
    expect(byPoints(-30.1, S)).toEqual({ pace: '滞后', light: 'red' });
    expect(byPoints(-12, { ...S, yellowPoints: 15 })).toEqual({ pace: '按序时', light: 'green' });
  });
  it('compares a cumulative figure with the 序时目标, a level with the target, a growth rate relatively', () => {
    // 6 months, 12,000 a year: 6,000 due; 5,000 is 16.7 points behind.
    expect(judge('cumulative', 5000, 12000, 6000, true, S)).toEqual({
      completion: 41.7,
      pace: '滞后',
      light: 'yellow',
    });
    expect(judge('level', 92, 90, 90, true, S).light).toBe('green');
    expect(judge('growth', 2, 12, 12, true, S)).toEqual({ completion: 2, pace: '滞后', light: 'red' });
    expect(judge('growth', 12.5, 12, 12, true, S).pace).toBe('按序时');
    // Lower is better (e.g. overdue items): 3 against a target of 2 is behind.
    expect(judge('level', 3, 2, 2, false, S).light).toBe('red');
  });
  it('no target or a zero target: no light (shown as —), never Infinity', () => {
    expect(judge('cumulative', 100, null, null, true, S)).toEqual({ completion: null, pace: null, light: null });
    expect(judge('cumulative', 100, 0, 0, true, S).completion).toBeNull();
  });
  it('a red that recovers turns yellow; the month after a red too', () => {
    expect(withHistory('green', 'red', null)).toBe('yellow');
    expect(withHistory('green', null, 'red')).toBe('yellow');
    expect(withHistory('green', null, 'yellow')).toBe('green');
    expect(withHistory('red', null, null)).toBe('red');
  });
});
