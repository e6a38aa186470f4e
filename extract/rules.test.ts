// Rule families added while generalising beyond the dev speeches, each with sentences written for the purpose.
import { describe, expect, it } from 'vitest';
import { extractTasks } from './index.ts';

const REF = { referenceDate: '2023-03-01' };
const run = (t: string) => extractTasks(t, REF).tasks;
const texts = (t: string) => run(t).map((x) => x.text);

describe('tasks without a modal verb', () => {
  it('takes a unit subject followed by an action verb in a directive passage', () => {
    const t = run('各乡镇要抓好春耕备耕。每个乡镇至少建成1个高标准农田示范片,县农业农村局每月通报一次进度。');
    expect(t.map((x) => x.units)).toEqual([['各乡镇'], ['每个乡镇'], ['县农业农村局']]);
    expect(t[1].targets.map((x) => x.text)).toEqual(['1个']);
    expect(t[2].deadline).toMatchObject({ kind: 'recurring', recurring: 'monthly' });
  });
  it('takes dated milestones of projects', () => {
    const t = run('要加快重点项目建设。产业园二期5月底前完成主体工程,物流中心项目6月份要开工。');
    expect(t.map((x) => x.text)).toEqual([
      '要加快重点项目建设',
      '产业园二期5月底前完成主体工程',
      '物流中心项目6月份要开工',
    ]);
    expect(t[1].deadline).toMatchObject({ to: '2023-05-31' });
    expect(t[2].deadline).toMatchObject({ from: '2023-06-01', to: '2023-06-30', kind: 'period' });
  });
  it('splits a quantified goal of another subject off a sentence', () => {
    const t = run('全年地区生产总值要增长6%左右,固定资产投资增长8%以上。');
    expect(t.map((x) => x.targets.map((y) => y.text))).toEqual([['增长6%左右'], ['增长8%以上']]);
  });
  it('follows a lead-in clause to the imperative (在此基础上,…)', () => {
    const t = texts('要全面摸清老旧小区底数。在此基础上,区分轻重缓急,科学编制改造计划。');
    expect(t).toContain('在此基础上,区分轻重缓急,科学编制改造计划');
  });
});

describe('splitting', () => {
  it('splits parallel clauses with the same verb', () => {
    expect(texts('要谋划一批重大产业项目,谋划一批重大基础设施项目。')).toHaveLength(2);
  });
  it('keeps an elaboration with the modal clause but splits an institution it sets up', () => {
    expect(texts('要深化国资国企改革,打造一批行业龙头企业。')).toHaveLength(1);
    expect(texts('要完善河湖长制,建立河湖巡查台账。')).toHaveLength(2);
  });
  it('keeps prohibitions with the action they qualify', () => {
    expect(texts('要严格执行公务接待规定,不得超标准接待,不得违规使用公车。')).toHaveLength(1);
  });
  it('splits recurring duties listed with 、', () => {
    const t = run('各位书记要每月专题研究一次党建工作、每季度召开一次分析调度会。');
    expect(t.map((x) => x.deadline?.recurring)).toEqual(['monthly', 'quarterly']);
  });
});

describe('rhetoric and discourse', () => {
  it.each([
    '我们必须站在高处,想在远处,干在实处。',
    '要集思广益、集合资源、集中力量。',
    '必须增强统筹性、科学性、紧迫性、精准性。',
    '这里要特别强调,安全生产的问题不能掉以轻心。',
    '落实主体责任就要把党的领导落到实处。',
    '我们要以锐意创新的勇气、敢为人先的锐气,开拓奋进。',
    '要把艰苦奋斗当成一种精神状态。',
    '必须做好打持久战的准备。',
    '离真正的品牌化还有很长的路要走。',
    '要以结果论英雄,以效能见高下,以群众笑脸为最高奖励。',
  ])('no task in: %s', (s) => {
    expect(texts(s)).toEqual([]);
  });
  it('keeps a concrete action after an exhortation in the same sentence', () => {
    expect(texts('我们需要做的就是坚定信心、下定决心,持续抓好补链、延链、强链等工作。')).toEqual([
      '持续抓好补链、延链、强链等工作',
    ]);
  });
  it('keeps a modal before a leader’s name (implementing a speech is an instruction)', () => {
    expect(
      run('国有企业要全面贯彻习近平总书记在全国国有企业党建工作会议上的重要讲话精神,着力打通“中梗阻”。').map(
        (x) => x.units,
      ),
    ).toEqual([['国有企业']]);
  });
});

describe('narrative and enumerations of reasons', () => {
  it('does not read answers to rhetorical questions as tasks', () => {
    expect(
      texts('人生地不熟怎么办?发动一切资源对接,主动敲当地县长的门。今后用工怎么办?与当地政府签订劳务合作长期协议。'),
    ).toEqual([]);
  });
  it('does not read an enumeration of reasons as tasks', () => {
    expect(texts('确定这样的目标主要基于两方面考虑,一是确保经济增速高于全省平均水平1个点。')).toEqual([]);
  });
  it('does not read what was proposed ("明确提出:") as an instruction', () => {
    expect(texts('通过深入交流,明确提出:积极推动做大中心城区、建设“公园城市”。')).toEqual([]);
  });
  it('finds slogans before the modal too', () => {
    expect(texts('每一个人都要用在正当时,每一分钱都要花在刀刃上。')).toEqual([]);
  });
});

describe('enumerated duties in one paragraph', () => {
  const doc =
    '各级党委政府要严格落实防汛行政首长负责制。一是要全面排查隐患,5月底前完成对全县水库、河道的拉网式排查;二是要完善应急预案,县应急局要牵头修订全县防汛应急预案;三是要加强值班值守,汛期实行24小时值班制度。';
  const t = extractTasks(doc, { referenceDate: '2024-04-20' }).tasks;
  it('reads 一是要/二是要/三是要 as directives (the enumerator is not a copula)', () => {
    expect(t.map((x) => x.text.slice(0, 4))).toEqual(['各级党委', '一是要全', '二是要完', '县应急局', '三是要加']);
    expect(t[1].deadline?.to).toBe('2024-05-31');
  });
  it('gives each item the subject before the enumeration, not the previous item’s', () => {
    expect(t[4].units).toEqual(['各级党委政府']);
    expect(t[3].units).toEqual(['县应急局']);
  });
  it('reads 请X务必 and X财政要', () => {
    const u = extractTasks('请各乡镇务必在汛前备足防汛物资,县财政要安排防汛专项资金不少于300万元。', {
      referenceDate: '2024-04-20',
    }).tasks;
    expect(u.map((x) => x.units)).toEqual([['各乡镇'], ['县财政']]);
    expect(u[0].deadline).toMatchObject({ text: '汛前', to: '2024-05-31' });
  });
});

describe('government work report style', () => {
  it('reads "我们将…" and "市委将…" as commitments', () => {
    const t = extractTasks(
      '今年,我们将重点抓好以下工作。我们将加快建设综合交通枢纽,年内建成高铁站前广场。市政府将全力推进老旧小区改造。',
      { referenceDate: '2024-02-01' },
    ).tasks;
    expect(t.map((x) => x.text)).toEqual([
      '我们将加快建设综合交通枢纽,年内建成高铁站前广场',
      '市政府将全力推进老旧小区改造',
    ]);
    expect(t[1].units).toEqual(['市政府']);
    expect(t[0].deadline?.text).toBe('年内');
  });
});

describe('comments on an action and paired attitudes are not tasks', () => {
  it('drops an action followed by a comment on it (永远在路上, 责任重大, 根本在…)', () => {
    expect(texts('各村要整治村容村貌,这件事没有休止符,永远在路上。')).toEqual([]);
    expect(texts('要抓好冬春农田水利建设,责任十分重大。')).toEqual([]);
    expect(texts('要把防火措施落到每一户,根本在于各村的执行。')).toEqual([]);
  });
  it('drops a run of short 既要…又要… pairs, keeps a pair with real content', () => {
    expect(texts('既要当指挥员又要当战斗员,既要抓大事又要抓小事。')).toEqual([]);
    expect(texts('县财政局既要保障春耕资金及时拨付,又要对涉农资金开展专项检查。')).toHaveLength(1);
  });
  it('keeps the action when the comment is not about it', () => {
    expect(texts('县水利局要在汛前完成全部病险水库除险加固。')).toHaveLength(1);
  });
});
