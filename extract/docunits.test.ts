// The document's own units: abbreviations it introduces, leading groups it declares, 牵头 labels on section headings,
// 由X牵头/Y配合 lead-ins, 职责分工 lines, and proposals named as the document names its departments.
// Sentences are our own, written in the style of county documents (not taken from the corpus).
import { describe, expect, it } from 'vitest';
import { defaultFunctions } from './functions.ts';
import { extractTasks } from './index.ts';
import { unitTypes } from './docunits.ts';

const run = (text: string) => extractTasks(text, { referenceDate: '2025-03-01' }).tasks;
const row = (text: string, start: string) => {
  const t = run(text).find((x) => x.text.startsWith(start));
  if (!t) throw new Error(`no task starting with ${start}`);
  return t;
};

describe('abbreviations the document introduces (以下简称)', () => {
  const doc =
    '县城乡供排水服务中心(以下简称县供排水中心)负责城区管网日常维护。\n县供排水中心要在汛前完成排水泵站检修。';
  it('keep the full name as the unit, without the note', () => {
    expect(row(doc, '县城乡供排水服务中心').units).toEqual(['县城乡供排水服务中心']);
  });
  it('read the short form as a unit later on, and map it to the full name', () => {
    const t = row(doc, '县供排水中心要');
    expect(t.units).toEqual(['县供排水中心']);
    expect(t.unitsMapped).toEqual([{ text: '县供排水中心', name: '县城乡供排水服务中心' }]);
  });
  it('a short form that is not a unit name (no suffix) still reads as one once defined', () => {
    const t = row('成立县河湖长制工作领导小组(以下简称县河长组)。\n县河长组要每月开展一次巡河督导。', '县河长组要');
    expect(t.units).toEqual(['县河长组']);
    expect(t.unitsMapped?.[0].name).toBe('县河湖长制工作领导小组');
  });
});

describe('leading groups the document declares', () => {
  const plan = [
    '某县2025年农村供水重点工作任务分工',
    '一、组织保障',
    '县政府成立农村供水保障工作专班,专班办公室设在县水利局。',
    '二、重点任务',
    '(一)推进农村供水规范化管理,健全县乡村三级管护体系。',
    '(二)新建小微湿地5处。',
  ].join('\n');
  it('an item about the group’s topic is proposed to the group', () => {
    const t = row(plan, '推进农村供水规范化管理');
    expect(t.units).toEqual(['农村供水保障工作专班']);
    expect(t.unitSource).toBe('proposal');
    expect(t.proposals?.[0]).toMatchObject({ name: '农村供水保障工作专班', keywords: ['农村供水'], own: true });
    expect(t.reasons).toContain('own');
  });
  it('an item on another topic keeps its function proposal', () => {
    expect(row(plan, '新建小微湿地').proposals?.[0].name).not.toContain('专班');
  });
  it('a named project’s land clearance row goes to its own leading group', () => {
    const t = row(
      '某镇2025年度重点工作计划\n1.青石岭隧道工程征迁\n攻坚目标任务:完成沿线房屋征收签约。\n第二季度工作任务安排:完成附属物评估。',
      '完成附属物评估',
    );
    expect(t.units).toEqual(['青石岭隧道工程征迁工作领导小组']);
  });
});

describe('the document’s own names for department types', () => {
  it('a merged bureau the document names serves every type it merges', () => {
    expect(unitTypes('县文化广电体育和旅游局', defaultFunctions())).toEqual(
      expect.arrayContaining(['文化和旅游', '体育']),
    );
    expect(unitTypes('区发展和改革局', defaultFunctions())).toEqual(['发展改革']);
  });
  it('a proposal takes the name the document uses, not the standard one', () => {
    const t = row(
      [
        '某县2025年重点工作任务分解',
        '一、县文化广电体育和旅游局要牵头办好全民健身运动会。',
        '二、文旅融合',
        '1.打造乡村旅游精品线路3条。',
        '2.新建城市书房4个。',
        '3.开展非遗进景区活动。',
        '4.建设智慧景区。',
      ].join('\n'),
      '打造乡村旅游',
    );
    expect(t.units).toEqual(['县文化广电体育和旅游局']);
    expect(t.proposals?.[0].own).toBe(true);
  });
});

describe('牵头 labels on a section heading', () => {
  const doc = [
    '某县优化营商环境重点任务分工方案',
    '一、提升审批效率(县数据资源局牵头,县市场监管局、县住建局配合)',
    '(一)推行企业开办一日办结。',
    '(二)压缩工程建设项目审批时限。',
    '二、加强要素保障',
    '(三)盘活低效工业用地500亩。',
  ].join('\n');
  it('assign every item of the section, and the heading is not a task', () => {
    const ts = run(doc);
    expect(ts.some((t) => t.text.includes('提升审批效率'))).toBe(false);
    for (const s of ['推行企业开办', '压缩工程建设']) {
      const t = row(doc, s);
      expect(t.units).toEqual(['县数据资源局']);
      expect(t.cooperating).toEqual(['县市场监管局', '县住建局']);
      expect(t.unitSource).toBe('label');
    }
  });
  it('stop at the next heading of the same level', () => {
    expect(row(doc, '盘活低效工业用地').unitSource).not.toBe('label');
  });
  it('a unit name with 和 inside is one unit in a label', () => {
    const t = row(
      '某县分工方案\n一、稳定粮食生产(县发展和改革局牵头,县财政局配合)\n(一)落实储备粮轮换计划。\n(二)建设粮食烘干中心2个。',
      '落实储备粮',
    );
    expect(t.units).toEqual(['县发展和改革局']);
    expect(t.cooperating).toEqual(['县财政局']);
  });
});

describe('lead-in clauses naming who leads and who helps', () => {
  it('由X牵头,Y配合, opens the task after it, which carries both', () => {
    const t = row(
      '二、保障措施\n(一)由县财政局牵头,县农业农村局、县审计局配合,规范涉农资金拨付程序。',
      '由县财政局牵头',
    );
    expect(t.text).toBe('由县财政局牵头,县农业农村局、县审计局配合,规范涉农资金拨付程序');
    expect(t.units).toEqual(['县财政局']);
    expect(t.cooperating).toEqual(['县农业农村局', '县审计局']);
  });
  it('X会同Y, gives X the lead and Y the cooperation', () => {
    const t = row('县政府督查室会同县应急管理局,每季度对各乡镇开展一次防汛督查。', '县政府督查室');
    expect(t.units).toEqual(['县政府督查室']);
    expect(t.cooperating).toEqual(['县应急管理局']);
    expect(t.deadline?.recurring).toBe('quarterly');
  });
});

describe('职责分工 lines (单位:职责)', () => {
  it('each line’s duties are tasks of its unit, with or without a modal verb', () => {
    const doc = [
      '三、职责分工',
      '(一)县交通运输局:负责农村公路养护资金测算和拨付。',
      '(二)各乡镇(街道):落实路长制,组织村级养护员开展日常巡查。',
    ].join('\n');
    expect(row(doc, '负责农村公路').units).toEqual(['县交通运输局']);
    expect(row(doc, '落实路长制').units).toEqual(['各乡镇(街道)']);
  });
  it('a single "X:…" field line is not a duty list', () => {
    const ts = run('工作目标:到2025年底,全县农村公路优良中等路率达到85%以上。');
    expect(ts.every((t) => !t.units.includes('工作目标'))).toBe(true);
  });
});

describe('township offices', () => {
  it('agriculture and rural work at township level is the 乡村振兴办', () => {
    const t = row(
      '某镇2025年工作要点\n一、产业发展\n1.新建高标准农田800亩。\n2.发展庭院经济示范户50户。',
      '新建高标准农田',
    );
    expect(t.units).toEqual(['镇乡村振兴办']);
  });
});
