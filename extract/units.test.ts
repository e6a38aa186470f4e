import { describe, expect, it } from 'vitest';
import { extractTasks } from './index.ts';
import { isUnitLike, UnitIndex } from './units.ts';

const REF = { referenceDate: '2024-02-20' };
const one = (text: string, opts = {}) => {
  const { tasks } = extractTasks(text, { ...REF, ...opts });
  expect(tasks.length).toBeGreaterThan(0);
  return tasks[0];
};

describe('explicit subjects', () => {
  it.each([
    ['县委组织部要尽快研究出台离退休党员分类管理办法。', ['县委组织部']],
    ['县财政局要会同有关部门抓紧拨付专项资金。', ['县财政局']],
    ['各镇要按每村不少于3名的标准储备村级后备干部。', ['各镇']],
    ['各级党组织要把党员日常管理监督抓在手上。', ['各级党组织']],
    ['x县要加快建设物流园区。', ['x县']],
    ['市住房和城乡建设局要加快推进老旧小区改造。', ['市住房和城乡建设局']], // 和 inside a name does not split
    ['县发改局、县财政局要加快编制项目储备清单。', ['县发改局', '县财政局']],
    ['人大机关各部门和广大党员干部要认真学习贯彻这项规定。', ['人大机关各部门', '广大党员干部']],
    ['每个基层党委(党组、工委)要打造一个党建品牌。', ['每个基层党委(党组、工委)']],
    ['其它各部门要围绕各自职能支持社区建设。', ['其它各部门']],
  ])('%s', (text, units) => {
    expect(one(text).units).toEqual(units);
  });

  it('completes a shared head noun in a coordinated list', () => {
    expect(one('财政、民政、发改、建设部门要加大对城市社区的资源投入。').units).toEqual([
      '财政部门',
      '民政部门',
      '发改部门',
      '建设部门',
    ]);
  });

  it('keeps the audience ("we") out of units', () => {
    expect(one('我们要深化贸易金融改革,打造资金通道。').units).toEqual([]);
  });

  it('does not take a topic noun phrase for a unit', () => {
    expect(one('华侨城项目4月底要开工。').units).toEqual([]);
    expect(one('义乌的生产、生活、生态都要尽快全面恢复。').units).toEqual([]);
  });

  it('reads 负责, 牵头/配合 and 会同 patterns', () => {
    const a = one('县委组织部负责,安排县直部门机关党组织与软弱涣散村党组织一一结对。');
    expect(a.units).toEqual(['县委组织部']);
    const b = one('县委组织部要会同县委政研室、县扶贫办、县农牧局,研究制定党建扶贫的思路和措施。');
    expect(b.units).toEqual(['县委组织部']);
    expect(b.cooperating).toEqual(['县委政研室', '县扶贫办', '县农牧局']);
  });
});

describe('inheritance', () => {
  it('carries the paragraph subject to later sentences of the paragraph', () => {
    const { tasks } = extractTasks(
      '各镇要认真实施村党组织书记梯级培养工程。要建立村级后备干部人才库,定期开展培训。',
      REF,
    );
    expect(tasks.map((t) => t.units)).toEqual(tasks.map(() => ['各镇']));
    expect(tasks[1].unitSource).toBe('paragraph');
  });
  it('does not carry a subject into the next paragraph', () => {
    const { tasks } = extractTasks('县农业农村局要加快建设高标准农田。\n\n要健全农村集体资产管理制度。', REF);
    expect(tasks[1].units).toEqual([]);
  });
  it('takes the unit from a heading when a paragraph names none', () => {
    const { tasks } = extractTasks(
      '(二)街道层面要落实统筹协调责任。\n充分发挥街道大工委作用,统筹抓好社区党建工作。',
      REF,
    );
    expect(tasks[0].units).toEqual(['街道层面']);
    expect(tasks[0].unitSource).toBe('heading');
  });
  it('reads "作为X," as the subject of the sentences that follow', () => {
    const { tasks } = extractTasks(
      '作为人大干部,要紧密结合人大工作实际,学好法治业务知识;要根据工作分工,对口学习经济知识。',
      REF,
    );
    expect(tasks.map((t) => t.units)).toEqual([['人大干部'], ['人大干部']]);
  });
});

describe('分工 documents', () => {
  it('reads 牵头单位/配合单位 labels in brackets', () => {
    const t = one(
      '(三)加快推进工业园区扩区调规,年底前完成规划修编。(牵头单位:县发改局;配合单位:县财政局、县自然资源局)',
    );
    expect(t.units).toEqual(['县发改局']);
    expect(t.cooperating).toEqual(['县财政局', '县自然资源局']);
    expect(t.text).toBe('加快推进工业园区扩区调规,年底前完成规划修编');
    expect(t.deadline?.text).toBe('年底前');
  });
  it('reads full-width labels and 责任单位', () => {
    const t = one('5．实施城市更新行动，改造老旧小区20个。（责任单位：县住建局、县财政局）');
    expect(t.units).toEqual(['县住建局', '县财政局']);
  });
  it('reads "(X牵头,Y配合)"', () => {
    const t = one('6.深化“放管服”改革,推行“一件事一次办”。(县政务服务中心牵头,县市场监管局、县司法局配合)');
    expect(t.units).toEqual(['县政务服务中心']);
    expect(t.cooperating).toEqual(['县市场监管局', '县司法局']);
  });
  it('attaches label lines that follow an item', () => {
    const { tasks } = extractTasks(
      '7.6月底前全面完成企业开办全程网办。\n牵头单位:县市场监管局\n配合单位:县政务服务中心\n',
      REF,
    );
    expect(tasks).toHaveLength(1);
    expect(tasks[0].units).toEqual(['县市场监管局']);
    expect(tasks[0].cooperating).toEqual(['县政务服务中心']);
    expect(tasks[0].deadline?.to).toBe('2024-06-30');
  });
  it('treats a target line with a label as a task', () => {
    const t = one('1.地区生产总值增长6.5%左右。(牵头单位:县发改局;配合单位:县统计局、各乡镇)');
    expect(t.targets.map((x) => x.text)).toEqual(['增长6.5%左右']);
    expect(t.cooperating).toEqual(['县统计局', '各乡镇']);
  });
});

describe('units list', () => {
  const names = ['县委组织部', '县财政局', '县农业农村局', '县委政研室'];
  it('maps aliases to canonical names', () => {
    const idx = new UnitIndex(names);
    expect(idx.map('组织部')).toBe('县委组织部');
    expect(idx.map('财政局')).toBe('县财政局');
    expect(idx.map('县财政局')).toBe('县财政局');
    expect(idx.map('宣传部')).toBeNull();
  });
  it('adds unitsMapped to tasks and keeps units in the text form', () => {
    const t = one('组织部要加强对城市街道社区党建工作的检查指导。', { units: names });
    expect(t.units).toEqual(['组织部']);
    expect(t.unitsMapped).toEqual([{ text: '组织部', name: '县委组织部' }]);
  });
  it('recognises listed names that have no unit-like suffix', () => {
    expect(isUnitLike('城投公司')).toBe(true);
    expect(isUnitLike('产投')).toBe(false);
    expect(one('产投要加快盘活存量资产。', { units: ['产投'] }).units).toEqual(['产投']);
  });
});

describe('分工 labels: variants', () => {
  it('reads "(牵头)" inside a 责任单位 list', () => {
    const t = one('(五)推进城市更新,完成老旧小区改造20个。(责任单位:县住建局(牵头)、县财政局、县自然资源局)');
    expect(t.units).toEqual(['县住建局']);
    expect(t.cooperating).toEqual(['县财政局', '县自然资源局']);
  });
  it('treats 市级有关部门 and 各区县人民政府 as units', () => {
    const t = one(
      '2.扎实推进重大项目建设,全年实施市级重点项目300个以上。(牵头单位:市发展改革委;责任单位:市级有关部门,各区县人民政府)',
    );
    expect(t.units).toEqual(['市发展改革委']);
    expect(t.cooperating).toEqual(['市级有关部门', '各区县人民政府']);
    expect(t.targets.map((x) => x.text)).toEqual(['300个以上']);
  });
  it('does not make the title of a labelled item a task', () => {
    const { tasks } = extractTasks(
      '(一)夯实数字基础设施。加快推进农村5G基站建设,2024年底前实现重点乡镇5G网络全覆盖。(责任单位:县工信局;配合单位:各乡镇人民政府)',
      REF,
    );
    expect(tasks.map((t) => t.text)).toEqual(['加快推进农村5G基站建设,2024年底前实现重点乡镇5G网络全覆盖']);
    expect(tasks[0].deadline?.to).toBe('2024-12-31');
  });
  it('takes dated quantified goals and county finance as a unit', () => {
    const { tasks } = extractTasks(
      '(二)主要目标。到2025年,全县行政村5G网络覆盖率达到80%以上。\n(三)加大资金投入。县财政每年安排数字乡村专项资金不少于500万元。',
      REF,
    );
    expect(tasks.map((t) => t.targets.map((x) => x.text))).toEqual([['达到80%以上'], ['不少于500万元']]);
    expect(tasks[0].deadline?.to).toBe('2025-12-31');
    expect(tasks[1].units).toEqual(['县财政']);
  });
});

describe('jurisdiction as audience', () => {
  it('does not take 全县/全市 for a responsible unit', () => {
    expect(one('今年全县要实施重点项目150个以上,完成投资200亿元。').units).toEqual([]);
    expect(one('全县各级党组织要逐章逐条学习领会条例。').units).toEqual(['全县各级党组织']);
  });
  it('keeps 会同 partners and the focus clause with the action', () => {
    const { tasks } = extractTasks(
      '县商务局要会同各园区,聚焦新能源、新材料等主导产业,开展精准招商,全年引进亿元以上项目30个。',
      REF,
    );
    expect(tasks[0].units).toEqual(['县商务局']);
    expect(tasks[0].cooperating).toEqual(['各园区']);
    expect(tasks[0].text).toContain('开展精准招商');
  });
});

describe('分工 labels: time limits', () => {
  it('takes 完成时限 from the label', () => {
    const t = one(
      '3.持续扩大有效投资,加快专项债券发行使用。(牵头单位:县财政局;配合单位:县发改局;完成时限:2024年6月底前)',
    );
    expect(t.units).toEqual(['县财政局']);
    expect(t.cooperating).toEqual(['县发改局']);
    expect(t.deadline).toMatchObject({ text: '2024年6月底前', to: '2024-06-30' });
  });
  it('takes label lines (牵头单位 / 完成时限) under an item', () => {
    const { tasks } = extractTasks('4.完成企业开办全程网办改革。\n责任单位:县市场监管局\n完成时限:9月底前\n', REF);
    expect(tasks).toHaveLength(1);
    expect(tasks[0].units).toEqual(['县市场监管局']);
    expect(tasks[0].deadline?.to).toBe('2024-09-30');
  });
  it('reads "(X牵头,Y负责)"', () => {
    const t = one('1.稳定粮食生产,全年粮食播种面积稳定在50万亩以上。(县农业农村局牵头,各乡镇负责)');
    expect(t.units).toEqual(['县农业农村局']);
    expect(t.cooperating).toEqual(['各乡镇']);
  });
});

describe('分工 labels: bracketed unit names', () => {
  it.each([
    [
      '(八)加快建设现代化产业体系。(牵头单位:市发展改革委;责任单位:各县(市、区)人民政府,市工信局)',
      ['市发展改革委'],
      ['各县(市、区)人民政府', '市工信局'],
    ],
    [
      '9.实施城市更新行动。牵头单位:市住建局 责任单位:各县(市、区)人民政府、市财政局',
      ['市住建局'],
      ['各县(市、区)人民政府', '市财政局'],
    ],
    ['10.深化国资国企改革。(市国资委牵头,各县(市、区)政府配合)', ['市国资委'], ['各县(市、区)政府']],
  ])('%s', (text, units, coop) => {
    const { tasks } = extractTasks(text, REF);
    expect(tasks).toHaveLength(1);
    expect(tasks[0].units).toEqual(units);
    expect(tasks[0].cooperating).toEqual(coop);
  });
});

describe('prose responsibility patterns', () => {
  it('reads 由X负责', () => {
    expect(one('由县发改局负责,加快编制全县重大项目储备清单。').units).toEqual(['县发改局']);
  });
  it('reads "X牵头,Y、Z配合" in running text', () => {
    const t = one('县发改局牵头,县财政局、县自然资源局配合,加快编制全县重大项目储备清单。');
    expect(t.units).toEqual(['县发改局']);
    expect(t.cooperating).toEqual(['县财政局', '县自然资源局']);
  });
});

describe('职责分工 sections', () => {
  it('reads "X:负责…" duties', () => {
    const { tasks } = extractTasks(
      '五、职责分工\n(一)县发改局:负责统筹协调全县数字乡村建设,每季度通报工作进展。\n(二)县财政局:负责落实专项资金。',
      REF,
    );
    expect(tasks.map((t) => t.units)).toEqual(
      tasks.map((_t, i) => (i < tasks.length - 1 ? ['县发改局'] : ['县财政局'])),
    );
    expect(tasks.length).toBeGreaterThanOrEqual(2);
    expect(tasks[0].text.startsWith('负责统筹协调')).toBe(true);
  });
});

describe('partners', () => {
  it('does not read 统筹协调 as a partner list', () => {
    expect(one('县发改局要统筹协调全县数字乡村建设。').cooperating).toEqual([]);
  });
});
