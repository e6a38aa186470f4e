import { describe, expect, it } from 'vitest';
import { extractTasks } from './index.ts';

const REF = { referenceDate: '2021-01-20' };
const texts = (t: string) => extractTasks(t, REF).tasks.map((x) => x.text);

describe('granularity', () => {
  it('splits "要A;要B" and "要A,要B" into separate tasks', () => {
    expect(texts('要自觉遵守上下班制度;要严格遵守请销假制度,如实说明请假原因;要认真遵守办公用房、用车规定。')).toEqual([
      '要自觉遵守上下班制度',
      '要严格遵守请销假制度,如实说明请假原因',
      '要认真遵守办公用房、用车规定',
    ]);
    expect(texts('既要一如既往地学习法治业务知识,也要根据机关工作需要,不断提高办会、办文、办事的能力。')).toHaveLength(
      2,
    );
  });
  it('splits a run of distinct actions after the modal', () => {
    expect(texts('编办要认真研究落实街道减负增效政策,建立街道权力清单、责任清单,取消社区考核评比项目。')).toEqual([
      '编办要认真研究落实街道减负增效政策',
      '建立街道权力清单、责任清单',
      '取消社区考核评比项目',
    ]);
  });
  it('keeps one verb with a list of objects as one task, and purpose clauses attached', () => {
    expect(texts('要持续抓好品牌、质量、标准化工作,使市场竞争力不断增强。')).toHaveLength(1);
  });
  it('starts a task at a conditional subject ("…的,要…")', () => {
    expect(texts('市委将根据工作实绩用干部,优秀的要嘉奖,违法违纪的要坚决处理。')).toEqual([
      '市委将根据工作实绩用干部',
      '优秀的要嘉奖',
      '违法违纪的要坚决处理',
    ]);
  });
  it('understands numbering as structure, not tasks', () => {
    const t = texts(
      '一要把握发展规律。\n(一)扎实推进党支部建设标准化工作。\n今年,要在街道社区、事业单位等领域全面推开。',
    );
    expect(t).toEqual(['今年,要在街道社区、事业单位等领域全面推开']);
  });
  it('keeps an enumerator glued to the modal (一要…, 首先要…)', () => {
    expect(texts('春节即将来临,各级各部门要扎实做好各项工作。一要安全防疫,严格实施入境人员闭环管理。')[0]).toBe(
      '一要安全防疫,严格实施入境人员闭环管理',
    );
  });
});

describe('imperatives without a modal', () => {
  it('accepts imperative sentences in a directive passage', () => {
    const t = texts('要深入推进扶贫领域腐败和作风问题专项治理。严格落实第一书记六项管理制度。');
    expect(t).toContain('严格落实第一书记六项管理制度');
  });
  it('accepts 分工 items that open with 加快/扎实…', () => {
    expect(texts('(三)加快推进工业园区扩区调规,年底前完成规划修编。(牵头单位:县发改局)')).toHaveLength(1);
  });
});

describe('exclusions', () => {
  it('yields nothing for a review of past work', () => {
    const review =
      '在过去的一年里,我镇各部门认真履职,各项工作取得明显成效。一是创新组织设置,新增先锋村4个,全面推进农村公共服务中心建设。二是强化干部管理,对56名干部进行了轮岗交流。去年新建非公企业党组织4家,举办了培训班。';
    expect(texts(review)).toEqual([]);
  });
  it('excludes meeting logistics', () => {
    expect(
      texts('县委组织部已在会议开始前将述职评议表发给了大家,请认真填写。下面开始填表。填表时,要严肃认真、出以公心。'),
    ).toEqual([]);
    expect(texts('今天,我们召开全县党建工作会议,主要任务是确保全年目标任务圆满完成。')).toEqual([]);
  });
  it('excludes quotations of leaders used as justification', () => {
    expect(texts('习近平总书记指出:“领导干部要加强学习,这不仅是个人行为,更是政治责任。”')).toEqual([]);
    expect(texts('省委书记强调,要坚持约束和激励并重。')).toEqual([]);
  });
  it('excludes empty slogans and exhortation', () => {
    expect(texts('要切实增强“四个意识”,坚定“四个自信”,坚决维护党中央权威和集中统一领导。')).toEqual([]);
    expect(texts('要始终严以修身、严以律己。权责要对等。')).toEqual([]);
    expect(texts('要带头弘扬敢于吃苦的奋斗精神。')).toEqual([]);
  });
  it('excludes descriptions of problems', () => {
    expect(texts('一些干部不担当、不作为,虚于应付、弄虚作假;部分村党组织引领发展集体经济的主动性不强。')).toEqual([]);
  });
  it('excludes definitions ("X就是要Y")', () => {
    expect(texts('换道超车就是要通过自身改革创新,把老路闯成新路。')).toEqual([]);
  });
  it('excludes narrative sentences even with a modal ("应该…,就组织了…")', () => {
    expect(texts('我们评估这些人员是健康的,应该区别对待,2月20日就组织了高铁专列到义乌。')).toEqual([]);
  });
});

describe('deadlines and targets on tasks', () => {
  it('uses the phrase in the task', () => {
    const [t] = extractTasks('县委组织部要尽快研究出台分类管理办法。', REF).tasks;
    expect(t.deadline).toMatchObject({ text: '尽快', kind: 'asap', from: null, to: null });
  });
  it('inherits a sentence-initial time phrase', () => {
    const { tasks } = extractTasks('今年上半年,各镇要按每村不少于x名的标准,精准储备一批村级后备干部。', {
      referenceDate: '2020-01-15',
    });
    expect(tasks[0].deadline).toMatchObject({ text: '今年上半年', from: '2020-01-01', to: '2020-06-30' });
    expect(tasks[0].targets.map((x) => x.text)).toEqual(['不少于x名']);
  });
  it('inherits a festival from the paragraph opening', () => {
    const { tasks } = extractTasks(
      '春节即将来临,各级各部门要按照有关要求扎实做好各项工作。一要安全防疫,严格实施入境人员闭环管理。二要安全生产,抓好隐患排查,确保不发生重特大事故。',
      REF,
    );
    expect(tasks.length).toBeGreaterThanOrEqual(2);
    for (const t of tasks) {
      expect(t.deadline).toMatchObject({ text: '春节', to: '2021-02-12' });
      expect(t.units).toEqual(['各级各部门']);
    }
  });
  it('marks recurring and open deadlines', () => {
    const { tasks } = extractTasks('各位书记要每月专题研究一次党建工作。实践证明有效的,就要长期坚持和推进。', REF);
    expect(tasks[0].deadline).toMatchObject({ kind: 'recurring', recurring: 'monthly' });
    expect(tasks[1].deadline).toMatchObject({ kind: 'open', text: '长期坚持' });
  });
});

describe('meeting minutes (会议纪要)', () => {
  it('reads 会议强调/会议要求 as the document’s own decisions, not as quotations', () => {
    const t = extractTasks(
      '会议强调,县住建局要牵头编制城区停车设施专项规划,4月底前报县政府审定;县公安局要加强违停治理。会议要求,各乡镇要严格落实森林防火责任制。',
      { referenceDate: '2024-03-05' },
    ).tasks;
    expect(t.map((x) => x.units)).toEqual([['县住建局'], ['县公安局'], ['各乡镇']]);
    expect(t[0].deadline?.to).toBe('2024-04-30');
  });
});

describe('metric clauses', () => {
  it("a metric right after a modal directive is that task's target, with its unit", () => {
    const t = extractTasks('各乡镇要在6月底前完成农村危房改造摸底,摸底覆盖率达到100%。', REF).tasks;
    expect(t.map((x) => x.text)).toEqual(['各乡镇要在6月底前完成农村危房改造摸底,摸底覆盖率达到100%']);
    expect(t[0].units).toEqual(['各乡镇']);
    expect(t[0].targets.map((x) => x.text).join('|')).toContain('100%');
  });
  it('a list of indicators stays one task per indicator', () => {
    const t = texts(
      '今年经济社会发展的主要预期目标是:地区生产总值增长6%左右,一般公共预算收入增长5%,城镇新增就业8000人以上。',
    );
    expect(t.length).toBeGreaterThanOrEqual(2);
    expect(t.some((x) => x.startsWith('一般公共预算收入增长5%'))).toBe(true);
  });
});
