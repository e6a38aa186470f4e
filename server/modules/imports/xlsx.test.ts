import { describe, expect, it } from 'vitest';
import { normalizeHeader } from './columns.ts';
import { parseDateCell, plainValue } from './xlsx.ts';

describe('date cells', () => {
  it.each([
    [new Date(Date.UTC(2005, 6, 1)), '2005-07-01'],
    ['2005-07-01', '2005-07-01'],
    ['2005-7-1', '2005-07-01'],
    ['2005/7/1', '2005-07-01'],
    ['2005.07.01', '2005-07-01'],
    ['2005年7月1日', '2005-07-01'],
    ['2005年07月01', '2005-07-01'],
    [' 2005 年 7 月 1 日 ', '2005-07-01'],
    [38534, '2005-07-01'], // an Excel serial number without a date format
    ['2005-02-29', null],
    ['2005/13/1', null],
    ['7/1/2005', null],
    ['2005年7月', null],
    ['昨天', null],
    [true, null],
    [1e9, null],
  ])('%s → %s', (input, out) => expect(parseDateCell(input as any)).toBe(out));
});

describe('cell values and headers', () => {
  it('reduces exceljs rich values to plain ones', () => {
    expect(plainValue({ richText: [{ text: '张' }, { text: '三 ' }] })).toBe('张三');
    expect(plainValue({ formula: 'A1', result: 42 })).toBe(42);
    expect(plainValue({ text: '链接', hyperlink: 'http://x' })).toBe('链接');
    expect(plainValue('  ')).toBeNull();
    expect(plainValue({ error: '#N/A' })).toBeNull();
  });
  it('recognizes headers typed by people', () => {
    expect(normalizeHeader('*姓名')).toBe('姓名');
    expect(normalizeHeader(' ＊ 身份证号(18位)')).toBe('身份证号');
    expect(normalizeHeader('入党日期(yyyy-mm-dd)')).toBe('入党日期');
  });
});
