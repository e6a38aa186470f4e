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
// Names as the demo county writes them (full forms with the county's name).
const demo: OrgLite[] = [
  { id: 21, name: '中共示范县城关镇委员会', shortName: '城关镇党委', type: '党委', depth: 1 },
  { id: 22, name: '中共示范县龙泉街道工作委员会', shortName: '龙泉街道党工委', type: '党工委', depth: 1 },
  { id: 23, name: '中共示范县直属机关工作委员会', shortName: '县直机关工委', type: '机关工委', depth: 1 },
  { id: 24, name: '示范县民政局', shortName: '县民政局', type: '政府单位', depth: 1 },
  { id: 25, name: '示范县发展和改革局', shortName: '县发展和改革局', type: '政府单位', depth: 1 },
  { id: 26, name: '示范县农业农村局', shortName: '县农业农村局', type: '政府单位', depth: 1 },
  { id: 27, name: '示范县乡村振兴局', shortName: '县乡村振兴局', type: '政府单位', depth: 1 },
  { id: 28, name: '示范县住房和城乡建设局', shortName: '县住房和城乡建设局', type: '政府单位', depth: 1 },
  { id: 29, name: '示范县委组织部', shortName: '县委组织部', type: '政府单位', depth: 1 },
];
const d = makeMatcher(demo);
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
    for (const t of ['各镇', '各乡镇', '各镇(街道)', '各乡镇党委', '各镇街', '全县各乡镇'])
      expect(m(t).sort()).toEqual([4, 5, 6]);
  });
  it('各部门 → departments', () => {
    expect(m('县直各部门').sort()).toEqual([2, 3, 8, 9]);
  });
  it('unknown → nothing', () => {
    expect(m('市发改委')).toEqual([]);
    expect(m('')).toEqual([]);
  });
  it('speech phrasing against the demo county: departments by field, short forms, renamed offices', () => {
    expect(d('民政部门')).toEqual([24]);
    expect(d('发改部门')).toEqual([25]);
    expect(d('建设部门')).toEqual([28]);
    expect(d('县农牧局')).toEqual([26]);
    expect(d('县扶贫办')).toEqual([27]);
    expect(d('组织部')).toEqual([29]);
    expect(d('县委组织部')).toEqual([29]);
    expect(d('城关镇')).toEqual([21]);
  });
  it('collective names: 每个镇, 各街道, 各基层党委(党组、工委)', () => {
    expect(d('每个镇').sort()).toEqual([21, 22]);
    expect(d('街道层面')).toEqual([22]);
    expect(d('各基层党委(党组、工委)').sort()).toEqual([21, 22, 23]);
    expect(d('每个基层党委(党组、工委)').sort()).toEqual([21, 22, 23]);
    expect(d('各位书记')).toEqual([]);
  });
});
