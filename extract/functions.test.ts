import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFunctionTable, defaultFunctions, type FunctionIndex, type FunctionTable } from './functions.ts';
import { extractTasks } from './index.ts';
import { UnitIndex } from './units.ts';

const fx = defaultFunctions();
const top = (text: string, level: Parameters<FunctionIndex['propose']>[1] = '县') => fx.propose(text, level)[0];

describe('department type from the functions a task names', () => {
  it.each([
    ['一般公共预算收入增长5%以上', '财政'],
    ['规上工业增加值增长8%,新培育专精特新企业10家', '工业和信息化'],
    ['完成固定资产投资120亿元,谋划储备重大项目50个', '发展改革'],
    ['严守耕地保护红线,落实永久基本农田特殊保护', '自然资源'],
    ['新增养老床位300张,推进居家和社区养老服务', '民政'],
    ['城镇新增就业4000人,开展职业技能培训2000人次', '人力资源社会保障'],
    ['深入开展安全生产大检查,排查整治危险化学品风险隐患', '应急管理'],
    ['新建公办幼儿园3所,增加学前教育学位1200个', '教育'],
    ['PM2.5平均浓度控制在30微克以下,空气质量优良天数比例达到90%', '生态环境'],
    ['新建高标准农田3万亩,粮食播种面积稳定在60万亩以上', '农业农村'],
    ['推进“一网通办”,企业开办全程网办率达到100%', '政务服务'],
    ['全社会研发投入强度达到2.5%,新增高新技术企业20家', '科技'],
    ['社会消费品零售总额增长7%,外贸进出口增长5%', '商务'],
    ['加强党风廉政建设,严肃查处形式主义、官僚主义问题', '纪检监察'],
  ])('%s → %s', (text, type) => {
    expect(top(text)?.type).toBe(type);
  });

  it('lists the words that triggered the proposal', () => {
    expect(top('完成棚户区改造800套,改造老旧小区15个')?.keywords).toEqual(['棚户区改造', '老旧小区']);
  });
  it('counts variants of one concept once (审批 / 行政审批 / 审批事项)', () => {
    const p = fx.propose('全面实施市场准入负面清单制度,清理审批事项,规范行政审批,简化审批流程', '省');
    expect(p[0]).toMatchObject({ type: '发展改革', name: '省发展改革委' });
  });
  it('proposes nothing from a related word alone, or from nothing', () => {
    expect(fx.propose('加强对各项工作的统筹', '县')).toEqual([]);
    expect(fx.propose('抓好项目', '县')).toEqual([]);
  });
  it('reads Latin indicator names in any case (the extractor lower-cases them)', () => {
    expect(top('gdp增长6%')?.type).toBe('发展改革');
  });
});

describe('naming per level', () => {
  it.each([
    ['省', '省发展改革委', '省财政厅', '省委组织部'],
    ['市', '市发展改革委', '市财政局', '市委组织部'],
    ['县', '县发改委', '县财政局', '县委组织部'],
    ['镇', '镇经济发展办', '镇财政所', '镇党建办'],
    [null, '发改委', '财政局', '组织部'],
  ] as const)('%s', (level, dev, fin, org) => {
    expect(top('完成固定资产投资100亿元', level)?.name).toBe(dev);
    expect(top('一般公共预算收入增长6%', level)?.name).toBe(fin);
    expect(top('整顿软弱涣散村党组织', level)?.name).toBe(org);
  });
});

describe('proposals in extraction', () => {
  const plan = '2024年县政府工作报告重点任务分解表\n1.一般公共预算收入增长6%。\n2.新增城镇就业3500人。';
  it('become the units of an item-structured document that names none, marked as proposals', () => {
    const { tasks } = extractTasks(plan, { referenceDate: '2024-02-01' });
    expect(tasks.map((t) => t.units)).toEqual([['县财政局'], ['县人社局']]);
    expect(tasks.map((t) => t.unitSource)).toEqual(['proposal', 'proposal']);
    expect(tasks[0].proposals?.[0]).toMatchObject({ type: '财政', keywords: ['一般公共预算收入'], source: 'function' });
    expect(tasks[0].reasons).toContain('proposal');
  });
  it('never overwrite a unit the text names', () => {
    const { tasks } = extractTasks('县住建局要在年底前完成老旧小区改造15个。', { referenceDate: '2024-02-01' });
    expect(tasks[0].units).toEqual(['县住建局']);
    expect(tasks[0].unitSource).toBe('explicit');
    expect(tasks[0].proposals).toBeUndefined();
  });
  it('stay suggestions in a speech, where an unnamed doer is the audience', () => {
    const { tasks } = extractTasks('同志们:\n要加快老旧小区改造,今年改造15个。', { referenceDate: '2024-02-01' });
    expect(tasks[0].units).toEqual([]);
    expect(tasks[0].proposals?.[0]?.name).toBe('住建局');
  });
  it('map onto real units with a units list (org tree), through aliases', () => {
    const units = ['县财政局', '县人力资源和社会保障局', '县发展和改革局'];
    const { tasks } = extractTasks(plan, { referenceDate: '2024-02-01', units });
    expect(tasks.map((t) => t.units)).toEqual([['县财政局'], ['县人力资源和社会保障局']]);
    expect(tasks[1].proposals?.[0]).toMatchObject({ name: '县人社局', mapped: '县人力资源和社会保障局' });
    expect(fx.mapTo(0, '县', new UnitIndex(units))).toBe('县发展和改革局');
  });
});

describe("a county's own table", () => {
  const own: FunctionTable = {
    levels: { 县: { prefix: '县', party: '县委' } },
    departments: [
      { type: '城市管理', names: { 县: '综合行政执法局', '*': '综合行政执法局' }, keywords: '市容 占道经营 违法建设' },
    ],
  };
  it('replaces the built-in one', () => {
    const { tasks } = extractTasks('2024年县政府重点工作任务分解表\n1.整治占道经营,拆除违法建设100处。', {
      referenceDate: '2024-02-01',
      functions: own,
    });
    expect(tasks[0].units).toEqual(['县综合行政执法局']);
  });
  it('is checked, with the problem named in Chinese', () => {
    expect(() => checkFunctionTable({ levels: {} })).toThrow(/departments/);
    expect(() => checkFunctionTable({ levels: { 乡: { prefix: '乡', party: '乡党委' } }, departments: [] })).toThrow(
      /levels\.乡/,
    );
    expect(() =>
      checkFunctionTable({ levels: {}, departments: [{ type: '财政', names: { 县: '财政局' }, keywords: ['预算'] }] }),
    ).toThrow(/空格分隔/);
  });
  it('the built-in table passes the same check and names every type at every level', () => {
    const t = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'functions.json'), 'utf8'));
    expect(checkFunctionTable(t)).toBe(t);
    for (const d of t.departments)
      for (const lv of ['省', '市', '县', '区', '镇', '开发区', '*']) expect(d.names[lv]).toBeTruthy();
  });
});
