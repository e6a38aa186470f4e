import { describe, expect, it } from 'vitest';
import { extractTasks } from './index.ts';

const REF = { referenceDate: '2024-02-20' };
const run = (t: string, opts = {}) => extractTasks(t, { ...REF, ...opts });

describe('分工 / 实施方案 items without modal verbs', () => {
  const plan = [
    '2024年县政府工作报告重点任务分解表',
    '一、稳定经济增长',
    '(一)扩大有效投资',
    '1.地区生产总值增长6%以上。',
    '2.实施城市更新行动,改造老旧小区12个,新建城市道路8公里。',
    '3.推进县医院新院区建设,年底前完成主体工程。',
  ].join('\n');

  it('takes each numbered item whole, title lines are not tasks', () => {
    const r = run(plan);
    expect(r.genre).toBe('decomposition');
    expect(r.tasks.map((t) => t.text)).toEqual([
      '地区生产总值增长6%以上',
      '实施城市更新行动,改造老旧小区12个,新建城市道路8公里',
      '推进县医院新院区建设,年底前完成主体工程',
    ]);
  });
  it('reads "X增长Y%以上" as a task and its target', () => {
    const [t] = run(plan).tasks;
    expect(t.targets.map((x) => x.text)).toEqual(['增长6%以上']);
    expect(t.reasons).toContain('item');
  });
  it('gives items of an annual plan the year of its title, unless they carry their own time', () => {
    const [a, , c] = run(plan).tasks;
    expect(a.deadline).toMatchObject({ text: '2024年', from: '2024-01-01', to: '2024-12-31' });
    expect(c.deadline).toMatchObject({ text: '年底前', to: '2024-12-31' });
  });
  it('keeps clause-level tasks when an item names its own units', () => {
    const r = run(
      '2024年党建工作要点\n1.抓实支部考核。由镇党建办每月10日前对各支部进行考核,镇党委每季度通报一次结果。',
    );
    expect(r.tasks.map((t) => t.units)).toEqual([['镇党建办'], ['镇党委']]);
  });
  it('does not read validity periods and baselines as the time limit of an item', () => {
    const r = run(
      '关于稳岗扩就业的实施意见\n1.延续实施阶段性降低失业保险费率政策,实施期限延长至2025年12月31日;2024年7月1日起执行新的补贴标准。',
    );
    expect(r.tasks).toHaveLength(1);
    expect(r.tasks[0].deadline).toBeNull();
  });
});

describe('plan tables rendered as lines', () => {
  const table = [
    '青山镇2024年度重点工作计划三季度执行情况',
    '1.集镇污水管网改造',
    '年度目标任务:完成集镇污水管网改造5公里。',
    '第三季度工作任务安排:完成管网铺设招标。',
    '第三季度完成情况:已完成招标,铺设管网2公里。',
    '2.农村公路养护',
    '年度目标任务:完成农村公路日常养护120公里。',
    '第三季度工作任务安排:开展汛后水毁路段修复。',
    '第三季度完成情况:修复水毁路段3处。',
  ].join('\n');
  it('makes a task of each 任务/安排 field and none of 完成情况', () => {
    const r = run(table);
    expect(r.tasks.map((t) => t.text)).toEqual([
      '完成集镇污水管网改造5公里',
      '完成管网铺设招标',
      '完成农村公路日常养护120公里',
      '开展汛后水毁路段修复',
    ]);
  });
  it('dates annual rows by the title and quarterly rows by their field, in the plan year', () => {
    const r = run(table, { referenceDate: '2024-11-05' });
    expect(r.tasks.map((t) => t.deadline?.text)).toEqual(['2024年度', '第三季度', '2024年度', '第三季度']);
    expect(r.tasks[1].deadline).toMatchObject({ from: '2024-07-01', to: '2024-09-30' });
  });
  it('proposes the row topic from its title when the field says little', () => {
    const r = run(table);
    expect(r.tasks[3].proposals?.[0]?.type).toBe('交通运输');
  });
});

describe('goal and orientation sections', () => {
  const doc = [
    '关于加快茶产业发展的实施意见',
    '一、指导思想',
    '以新发展理念为引领,坚持市场导向,推动茶产业高质量发展,促进茶农持续增收。',
    '二、发展目标',
    '到2026年,全县茶园面积稳定在8万亩以上;茶叶综合产值达到30亿元;培育省级龙头企业5家。',
    '三、重点任务',
    '(一)建设标准化生态茶园。新建标准化茶园5000亩,改造低产茶园3000亩。',
  ].join('\n');
  it('takes nothing from the guiding-thought section', () => {
    expect(run(doc).tasks.some((t) => t.text.includes('新发展理念'))).toBe(false);
  });
  it('takes each quantified goal sentence, inheriting the opening time phrase', () => {
    const goals = run(doc).tasks.filter((t) => t.reasons?.includes('target') && !t.reasons.includes('item'));
    expect(goals.map((t) => t.text)).toEqual([
      '到2026年,全县茶园面积稳定在8万亩以上',
      '茶叶综合产值达到30亿元',
      '培育省级龙头企业5家',
    ]);
    expect(goals.map((t) => t.deadline?.to)).toEqual(['2026-12-31', '2026-12-31', '2026-12-31']);
  });
  it('still takes the numbered tasks below', () => {
    expect(run(doc).tasks.at(-1)?.text).toBe('建设标准化生态茶园。新建标准化茶园5000亩,改造低产茶园3000亩');
  });
});
