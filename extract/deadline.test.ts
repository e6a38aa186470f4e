import { describe, expect, it } from 'vitest';
import { findDeadlines, parseDeadline } from './deadline.ts';

const REF = '2020-01-15';
const p = (s: string, ref = REF) => parseDeadline(s, ref);

describe('parseDeadline: dated phrases', () => {
  it.each([
    ['今年上半年', '2020-01-01', '2020-06-30', 'period'],
    ['下半年', '2020-07-01', '2020-12-31', 'period'],
    ['4月底', REF, '2020-04-30', 'date'],
    ['三月底前', REF, '2020-03-31', 'date'],
    ['3月份', '2020-03-01', '2020-03-31', 'period'],
    ['5月上旬', '2020-05-01', '2020-05-10', 'period'],
    ['十二月中旬', '2020-12-11', '2020-12-20', 'period'],
    ['9月下旬', '2020-09-21', '2020-09-30', 'period'],
    ['6月30日前', REF, '2020-06-30', 'date'],
    ['二〇二四年三月底', REF, '2024-03-31', 'date'],
    ['2021年6月', '2021-06-01', '2021-06-30', 'period'],
    ['6月前', REF, '2020-05-31', 'date'],
    ['第一季度', '2020-01-01', '2020-03-31', 'period'],
    ['三季度', '2020-07-01', '2020-09-30', 'period'],
    ['一季度末', REF, '2020-03-31', 'date'],
    ['前三季度', '2020-01-01', '2020-09-30', 'period'],
    ['年底前', REF, '2020-12-31', 'date'],
    ['今年底', REF, '2020-12-31', 'date'],
    ['年内', REF, '2020-12-31', 'date'],
    ['全年', '2020-01-01', '2020-12-31', 'period'],
    ['今年', '2020-01-01', '2020-12-31', 'period'],
    ['2020年', '2020-01-01', '2020-12-31', 'period'],
    ['明年', '2021-01-01', '2021-12-31', 'period'],
    ['明年底前', REF, '2021-12-31', 'date'],
    ['2025年底前', REF, '2025-12-31', 'date'],
    ['三年内', REF, '2023-01-14', 'date'],
    ['6个月内', REF, '2020-07-14', 'date'],
    ['15个工作日内', REF, '2020-02-04', 'date'],
    ['“十四五”期末', '2021-01-01', '2025-12-31', 'date'],
    ['十四五期间', '2021-01-01', '2025-12-31', 'period'],
    ['“十三五”期间', '2016-01-01', '2020-12-31', 'period'],
    ['本月底', REF, '2020-01-31', 'date'],
  ])('%s', (phrase, from, to, kind) => {
    const d = p(phrase)!;
    expect(d).not.toBeNull();
    expect([d.from, d.to, d.kind]).toEqual([from, to, kind]);
    expect(d.text).toBe(phrase);
  });

  it('rolls a month that has long passed into next year', () => {
    expect(p('3月底前', '2020-11-20')!.to).toBe('2021-03-31');
    expect(p('10月份', '2020-11-20')!.to).toBe('2020-10-31'); // just passed: same year
  });
});

describe('parseDeadline: festivals on the lunar calendar', () => {
  it.each([
    ['春节前', '2021-01-20', '2021-02-11'], // 2021 春节 = 2021-02-12
    ['春节', '2021-01-20', '2021-02-12'],
    ['春节前', '2020-01-15', '2020-01-24'], // 2020 春节 = 2020-01-25
    ['春节前', '2020-03-01', '2021-02-11'], // passed this year → next one
    ['端午节前', '2024-03-01', '2024-06-09'], // 2024 端午 = 06-10
    ['中秋节前', '2023-01-10', '2023-09-28'], // 2023 中秋 = 09-29
    ['中秋', '2024-10-01', '2025-10-06'], // 2024 中秋 (09-17) passed → 2025-10-06
    ['元宵节前', '2024-01-05', '2024-02-23'], // 2024 元宵 = 02-24
    ['国庆节前', '2024-05-01', '2024-09-30'],
    ['元旦前', '2024-11-01', '2024-12-31'],
    ['清明节前', '2024-01-01', '2024-04-03'], // 清明 2024-04-04
  ])('%s (ref %s) → %s', (phrase, ref, to) => {
    const d = p(phrase, ref)!;
    expect(d.kind).toBe('date');
    expect(d.to).toBe(to);
    expect(d.from).toBe(ref);
  });
});

describe('parseDeadline: undated, open and recurring', () => {
  it.each(['尽快', '及时', '适时', '如期', '按时', '立即', '第一时间', '最短时间内', '时间节点内', '规定时限内'])(
    '%s is asap without dates',
    (w) => {
      expect(p(w)).toEqual({ text: w, from: null, to: null, kind: 'asap' });
    },
  );
  // "hurry" words, a vague frequency and a mechanism's adjective say nothing about when
  it.each(['抓紧', '定期', '长效', '迅速'])('%s is not a time limit', (w) => {
    expect(p(`${w}开展排查`)).toBeNull();
  });
  it.each(['长期坚持', '持续推进', '常态化', '久久为功'])('%s is open-ended', (w) => {
    expect(p(w)).toMatchObject({ from: null, to: null, kind: 'open' });
  });
  it.each([
    ['每月', 'monthly'],
    ['每季度', 'quarterly'],
    ['每半年', 'semiannual'],
    ['每年度', 'yearly'],
    ['每年', 'yearly'],
    ['每周', 'weekly'],
    ['每月10日前', 'monthly'],
    ['每月 5 日前', 'monthly'],
    ['每季度末', 'quarterly'],
  ])('%s recurs %s', (w, r) => {
    expect(p(w)).toMatchObject({ kind: 'recurring', recurring: r, from: null, to: null });
  });
  it('reads a recurring due day as one phrase', () => {
    expect(p('每月10日前报送进展')?.text).toBe('每月10日前');
  });
  it('does not take a start date (…起) for a deadline', () => {
    expect(p('自2024年7月1日起施行')).toBeNull();
    expect(p('从下月起,每周报送一次')?.text).toBe('每周');
  });
  it('returns null when there is no time expression', () => {
    expect(p('加强基层党组织建设')).toBeNull();
    expect(p('')).toBeNull();
  });
});

describe('findDeadlines in running text', () => {
  it('finds phrases with offsets, longest match first', () => {
    const t = '今年上半年,各镇要按每村不少于x名的标准,精准储备一批村级后备干部';
    const [d] = findDeadlines(t, REF);
    expect(d.text).toBe('今年上半年');
    expect(t.slice(d.start, d.end)).toBe('今年上半年');
  });
  it('does not read counts or durations as dates', () => {
    expect(findDeadlines('制定三年行动计划,新建3个示范村', REF)).toEqual([]);
    expect(findDeadlines('每位同志述职时间控制在5分钟以内', REF).filter((d) => d.kind !== 'recurring')).toEqual([]);
  });
  it('is independent of the process time zone (pure calendar arithmetic)', () => {
    const tz = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles';
    try {
      expect(p('年底前', '2020-12-31')!.to).toBe('2020-12-31');
    } finally {
      process.env.TZ = tz;
    }
  });
});

describe('parseDeadline: seasons of work', () => {
  it.each([
    ['汛期前', '2024-02-10', '2024-05-31'],
    ['秋季开学前', '2024-02-10', '2024-08-31'],
    ['春季开学前', '2024-10-10', '2025-02-28'],
  ])('%s (ref %s) → %s', (phrase, ref, to) => {
    expect(parseDeadline(phrase, ref)).toMatchObject({ text: phrase, kind: 'date', from: ref, to });
  });
});

describe('findDeadlines: attributes', () => {
  it('does not read "今年的…" as a time limit', () => {
    expect(findDeadlines('今年的各项发展目标不变、任务不减', REF)).toEqual([]);
    expect(findDeadlines('今年要完成目标', REF).map((d) => d.text)).toEqual(['今年']);
  });
});
