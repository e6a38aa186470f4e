import { describe, expect, it } from 'vitest';
import { extractTasks } from './index.ts';
import { htmlToText } from './io.ts';

const REF = { referenceDate: '2024-02-20' };

describe('分工 tables', () => {
  it('reads a tab-separated table with 牵头/配合/时限 columns', () => {
    const doc =
      '序号\t工作任务\t牵头单位\t配合单位\t完成时限\n1\t加快推进工业园区扩区调规\t县工信局\t县自然资源局、县发改局\t2024年6月底前\n2\t新建高标准农田3万亩\t县农业农村局\t\t年底前\n';
    const { tasks } = extractTasks(doc, REF);
    expect(tasks.map((t) => [t.text, t.units, t.cooperating, t.deadline?.to])).toEqual([
      ['加快推进工业园区扩区调规', ['县工信局'], ['县自然资源局', '县发改局'], '2024-06-30'],
      ['新建高标准农田3万亩', ['县农业农村局'], [], '2024-12-31'],
    ]);
    expect(tasks[1].targets.map((x) => x.text)).toEqual(['3万亩']);
    for (const t of tasks) expect(doc.slice(t.start, t.end)).toBe(t.text);
  });
  it('reads a markdown pipe table and keeps undated time limits as text', () => {
    const doc =
      '| 重点任务 | 责任单位 | 完成时限 |\n| --- | --- | --- |\n| 深化“放管服”改革 | 县政务服务中心、县司法局 | 持续推进 |\n';
    const { tasks } = extractTasks(doc, REF);
    expect(tasks).toHaveLength(1);
    expect(tasks[0].units).toEqual(['县政务服务中心', '县司法局']);
    expect(tasks[0].deadline).toMatchObject({ kind: 'open', from: null, to: null });
  });
  it('reads columns separated by runs of spaces', () => {
    const doc = '工作任务          牵头单位        完成时限\n完成企业开办全程网办    县市场监管局    3月底前\n';
    const [t] = extractTasks(doc, REF).tasks;
    expect(t.units).toEqual(['县市场监管局']);
    expect(t.deadline?.to).toBe('2024-03-31');
  });
  it('turns Word table HTML into tab-separated rows', () => {
    const html =
      '<p>分解表</p><table><tr><td><p>工作任务</p></td><td><p>牵头单位</p></td><td><p>完成时限</p></td></tr>' +
      '<tr><td><p>加快建设物流园</p><p>二期工程</p></td><td><p>县发改局</p></td><td><p>年底前</p></td></tr></table><p>其他&amp;说明</p>';
    expect(htmlToText(html)).toBe(
      '分解表\n工作任务\t牵头单位\t完成时限\n加快建设物流园 二期工程\t县发改局\t年底前\n其他&说明\n',
    );
  });
});
