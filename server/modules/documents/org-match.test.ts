import { describe, expect, it } from 'vitest';
import { core, makeMatcher, type OrgLite } from './org-match.ts';

const orgs: OrgLite[] = [
  { id: 1, name: '示范县委', shortName: null, type: '党委', depth: 0 },
  { id: 2, name: '县委组织部', shortName: '组织部', type: '党组', depth: 1 },
  { id: 3, name: '县财政局', shortName: null, type: '政府单位', depth: 1 },
  { id: 4, name: '甲镇党委', shortName: '甲镇', type: '党委', depth: 1 },
  { id: 5, name: '乙镇党委', shortName: null, type: '党委', depth: 1 },
  { id: 6, name: '丙街道党工委', shortName: null, type: '党工委', depth: 1 },
  { id: 7, name: '甲镇东村党支部', shortName: null, type: '党支部', depth: 2 },
  { id: 8, name: '县委宣传部', shortName: null, type: '党组', depth: 1 },
  { id: 9, name: '县人社局', shortName: null, type: '政府单位', depth: 1 },
];
const m = makeMatcher(orgs);

describe('org matching', () => {
  it('core strips county prefix and Party suffix', () => {
    expect(core('县委组织部')).toBe('组织部');
    expect(core('甲镇党委')).toBe('甲镇');
    expect(core('县财政局')).toBe('财政局');
  });
  it('exact names and short names', () => {
    expect(m('县财政局')).toEqual([3]);
    expect(m('甲镇')).toEqual([4]);
    expect(m('甲镇东村党支部')).toEqual([7]);
  });
  it('aliases: 组织部 → 县委组织部, 宣传部 → 县委宣传部, 财政局 → 县财政局', () => {
    expect(m('组织部')).toEqual([2]);
    expect(m('县委宣传部')).toEqual([8]);
    expect(m('宣传部')).toEqual([8]);
    expect(m('财政局')).toEqual([3]);
    expect(m('乙镇')).toEqual([5]);
  });
  it('各镇 and friends → all township committees', () => {
    for (const t of ['各镇', '各乡镇', '各镇(街道)', '各乡镇党委', '各镇街', '全县各乡镇']) expect(m(t).sort()).toEqual([4, 5, 6]);
  });
  it('各部门 → departments', () => {
    expect(m('县直各部门').sort()).toEqual([2, 3, 8, 9]);
  });
  it('unknown → nothing', () => {
    expect(m('市发改委')).toEqual([]);
    expect(m('')).toEqual([]);
  });
});
