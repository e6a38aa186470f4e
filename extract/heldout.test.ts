// The failure kinds measured on held-out text (issue 18), one rule each, on sentences written for these tests: lists
// enumerated with 一是/二是, agendas, retold meetings and visits, season limits, named parties in one sentence, topics
// that govern a list, leaf items, report items without a title, and lead-unit proposals by function.
import { describe, expect, it } from 'vitest';
import { defaultFunctions } from './functions.ts';
import { extractTasks, findDeadlines, findTargets, parseDeadline } from './index.ts';

const REF = { referenceDate: '2024-03-20' };
const run = (t: string) => extractTasks(t, REF).tasks;
const texts = (t: string) => run(t).map((x) => x.text);

describe('enumerated lists', () => {
  it('takes each 一是要…;二是要… item as a task, not the first one as a title', () => {
    expect(texts('一是要配强村级班子;二是要规范村级财务管理;三是要抓好党员教育。')).toEqual([
      '一是要配强村级班子',
      '二是要规范村级财务管理',
      '三是要抓好党员教育',
    ]);
  });
  it('keeps 一是 + a bare imperative as a task (一是 enumerates, it is not a copula)', () => {
    const tasks = run('各乡镇党委要加强村级组织建设。一是规范村级财务管理;二是抓好党员教育管理。');
    expect(tasks.map((t) => t.text)).toEqual([
      '各乡镇党委要加强村级组织建设',
      '一是规范村级财务管理',
      '二是抓好党员教育管理',
    ]);
    expect(tasks.every((t) => t.units[0] === '各乡镇党委')).toBe(true);
  });
  it('still reads "一是要X。" followed by sentences that develop it as the title of that point', () => {
    const t = texts('一是要抓好秸秆禁烧。当前秸秆焚烧易发多发。各乡镇要落实网格巡查,严防火点。');
    expect(t).not.toContain('一是要抓好秸秆禁烧');
    expect(t[0]).toMatch(/^各乡镇要落实网格巡查/);
  });
  it('splits 一要A,二要B in one sentence even when A is short', () => {
    expect(texts('全县审计系统要做好三方面工作:一要聚焦主业,二要严查挪用资金问题,三要推动整改到位。')).toEqual([
      '一要聚焦主业',
      '二要严查挪用资金问题',
      '三要推动整改到位',
    ]);
  });
  it('takes a run of short 一要A,二要B,三要C as items, not as the title of one point', () => {
    const tasks = run('县人社局要抓好三项工作:一要开展欠薪排查,二要畅通维权渠道,三要加大执法力度。');
    expect(tasks.map((t) => t.text)).toEqual(['一要开展欠薪排查', '二要畅通维权渠道', '三要加大执法力度']);
    expect(tasks.every((t) => t.units[0] === '县人社局')).toBe(true);
  });
  it('cuts a lead-in off the first item that follows its colon (X要…:一是A;二是B)', () => {
    const tasks = run('各乡镇党委要加强村级组织建设:一是规范村级财务管理;二是抓好党员教育管理。');
    expect(tasks.map((t) => t.text)).toEqual(['一是规范村级财务管理', '二是抓好党员教育管理']);
    expect(tasks.every((t) => t.units[0] === '各乡镇党委')).toBe(true);
  });
  it('takes a numbered line with nothing under it as an item, the list inheriting the lead-in subject', () => {
    const doc =
      '同志们,下面我讲三点意见。\n各街道要重点抓好以下工作:\n1.开展出租房屋消防排查。\n2.落实楼栋长每周巡查制度。';
    const tasks = run(doc);
    expect(tasks.map((t) => t.text)).toEqual(['开展出租房屋消防排查', '落实楼栋长每周巡查制度']);
    expect(tasks.map((t) => t.units)).toEqual([['各街道'], ['各街道']]);
  });
  it('gives the subject of a topic clause (对X来说,要…) to the list it introduces', () => {
    const doc =
      '同志们,下面我讲三点意见。\n对各村两委来说,要做到以下几点:\n1.开展矛盾纠纷排查化解。\n2.落实网格员每日走访。';
    expect(run(doc).map((t) => t.units)).toEqual([['各村两委'], ['各村两委']]);
  });
});

describe('section-level addressees', () => {
  it('gives a section headed by a party ("一、各乡镇人民政府") to the items under it', () => {
    const doc = [
      '关于做好汛期安全工作的通知',
      '各乡镇人民政府,县直各部门:',
      '现将有关事项通知如下:',
      '一、各乡镇人民政府',
      '(一)开展地质灾害隐患点巡查。',
      '(二)落实转移避险预案。',
      '二、县水利局',
      '(一)加强水库调度。',
    ].join('\n');
    expect(run(doc).map((t) => [t.text, t.units])).toEqual([
      ['开展地质灾害隐患点巡查', ['各乡镇人民政府']],
      ['落实转移避险预案', ['各乡镇人民政府']],
      ['加强水库调度', ['县水利局']],
    ]);
  });
  it('gives the addressees of "请各乡镇、县直各部门做好以下工作:" to the numbered list', () => {
    const tasks = run('请各乡镇、县直各部门认真做好以下工作:\n1.开展隐患排查整治。\n2.落实值班值守制度。');
    expect(tasks.map((t) => t.units)).toEqual([
      ['各乡镇', '县直各部门'],
      ['各乡镇', '县直各部门'],
    ]);
  });
});

describe('agendas, preambles and retold events', () => {
  it('does not take the items of a counted agenda as tasks', () => {
    const t = texts(
      '本次会议有三项议程:一是传达上级文件;二是县应急局通报安全形势;三是县长讲话。各乡镇要抓紧排查隐患。',
    );
    expect(t).toEqual(['各乡镇要抓紧排查隐患']);
    const t2 = texts(
      '今天的会议共三个环节。\n一是传达文件;二是县人社局通报欠薪问题;三是县长讲话。\n各乡镇要抓紧排查隐患。',
    );
    expect(t2).toEqual(['各乡镇要抓紧排查隐患']);
  });
  it('does not confuse a weak link (薄弱环节) with an agenda', () => {
    const t = texts('各乡镇要盯紧薄弱环节。\n一是县应急局要开展执法检查;二是各乡镇要排查隐患。');
    expect(t).toHaveLength(3);
  });
  it('in a notice or a speech too, a retold meeting is no task and its date no deadline', () => {
    for (const doc of [
      '关于秸秆禁烧督办情况的通报\n各乡镇:\n4月2日,县政府召开专题会议,就秸秆禁烧进行督办。各乡镇要加强巡查。',
      '4月2日,县政府召开专题会议,就秸秆禁烧进行督办。会议要求,各乡镇要加强巡查。',
    ]) {
      const tasks = run(doc);
      expect(tasks.map((t) => t.text)).toEqual(['各乡镇要加强巡查']);
      expect(tasks[0].deadline).toBeNull();
    }
  });
  it('does not take the date of a leader’s visit as the deadline of what he asked', () => {
    const tasks = run('5月6日上午,副县长王刚带队到各乡镇督导夏粮收购。他要求,各乡镇要严格执行收购政策。');
    expect(tasks.map((t) => t.text)).toEqual(['各乡镇要严格执行收购政策']);
    expect(tasks[0].deadline).toBeNull();
  });
});

describe('season limits and vague times', () => {
  it('normalises farming and service seasons when said with 前 (麦收前, 供暖季前)', () => {
    const [a] = run('各村要在麦收前完成防火隔离带清理。');
    expect(a.deadline).toMatchObject({ text: '麦收前', kind: 'date', to: '2024-05-31' });
    const [b] = run('县住建局要在供暖季前完成燃气管网检修。');
    expect(b.deadline).toMatchObject({ text: '供暖季前', to: '2024-11-14' });
  });
  it('rolls a season already past to the next year', () => {
    const [t] = extractTasks('各村要在麦收前完成机耕道修缮。', { referenceDate: '2024-07-10' }).tasks;
    expect(t.deadline?.to).toBe('2025-05-31');
  });
  it('reads a day of this or next month, hours, the next term and the winter-spring campaign', () => {
    const at = (t: string) => parseDeadline(t, '2024-03-20');
    expect(at('本月25日前')).toMatchObject({ kind: 'date', to: '2024-03-25' });
    expect(at('下月10日前')).toMatchObject({ kind: 'date', to: '2024-04-10' });
    expect(at('48小时内')).toMatchObject({ kind: 'date', to: '2024-03-22' });
    expect(at('开学前')).toMatchObject({ kind: 'date', to: '2024-08-31' });
    expect(at('今冬明春')).toMatchObject({ kind: 'period', from: '2024-11-01', to: '2025-03-31' });
    expect(at('汛期结束前')).toMatchObject({ kind: 'date', to: '2024-09-29' });
  });
  it('does not take a season named as the work itself for a time limit', () => {
    expect(run('各乡镇要抓好秋收秋种。')[0].deadline).toBeNull();
  });
  it('reads "当前正值…的关键时节" as now, and gives it to the instruction that follows', () => {
    const [t] = run('当前正值油菜收获的关键时节,各乡镇要组织农机抢收。');
    expect(t.deadline).toMatchObject({ text: '当前正值油菜收获的关键时节', kind: 'asap', to: null });
    const [u] = run('目前正处于森林防火的关键时期。各村要严管野外用火。');
    expect(u.deadline?.kind).toBe('asap');
  });
});

describe('granularity', () => {
  it('starts a new task at another named party, however short the first task', () => {
    expect(run('各乡镇要加强巡查,县生态环境局要开展执法检查。').map((t) => t.units)).toEqual([
      ['各乡镇'],
      ['县生态环境局'],
    ]);
  });
  it('keeps a division of roles (X要主动协调,Y要积极配合,…) with the work it prefaces', () => {
    const t = texts('牵头单位要主动协调,配合单位要积极配合,对推进中遇到的难题要及时提请县政府研究。');
    expect(t).toHaveLength(1);
  });
  it('splits a short verb-object from an institution set up after it (要摸清底数,建立台账)', () => {
    expect(texts('要摸清危房底数,建立动态台账。')).toEqual(['要摸清危房底数', '建立动态台账']);
  });
  it('keeps what a responsibility covers with it (由X负责汇总,完善…)', () => {
    expect(texts('由县统计局负责数据汇总,完善统计台账。')).toHaveLength(1);
  });
});

describe('imperatives before the modal clause', () => {
  it('takes a run of imperatives before "并确保…" as tasks of the paragraph subject', () => {
    const tasks = run('各乡镇要抓好秋冬季造林。按照年度计划,核查造林地块,落实苗木来源,并确保11月底前完成栽植。');
    expect(tasks.map((t) => t.text)).toEqual([
      '各乡镇要抓好秋冬季造林',
      '按照年度计划,核查造林地块',
      '落实苗木来源',
      '并确保11月底前完成栽植',
    ]);
    expect(tasks.every((t) => t.units[0] === '各乡镇')).toBe(true);
  });
  it('leaves a single topic clause before the modal to it ("建设美丽乡村,必须…")', () => {
    expect(texts('各乡镇要抓好人居环境整治。建设美丽乡村,必须坚持规划先行。')).toHaveLength(2);
  });
});

describe('reports without a title', () => {
  const report = [
    '一、主要目标',
    '全县一般公共预算收入增长6%。',
    '二、重点工作',
    '(一)严守耕地保护红线,完成土地整治1万亩。',
    '(二)完善养老服务网络,新建老年助餐点20个。',
    '(三)深化医保支付方式改革。',
    '(四)做好征兵工作。',
  ].join('\n');
  it('reads short numbered items as a decomposition, each item a task with a proposed lead by function', () => {
    const res = extractTasks(report, REF);
    expect(res.genre).toBe('decomposition');
    expect(res.level).toBe('县');
    expect(res.tasks.map((t) => [t.units[0], t.unitSource])).toEqual([
      ['县财政局', 'proposal'],
      ['县自然资源局', 'proposal'],
      ['县民政局', 'proposal'],
      ['县医保局', 'proposal'],
      ['县人武部', 'proposal'],
    ]);
  });
});

describe('function table', () => {
  // one item per department type, phrased as a county work report would, none taken from the corpus
  const items: [string, string][] = [
    ['全年一般公共预算收入增长5%', '财政'],
    ['规上工业增加值增长7.5%', '工业和信息化'],
    ['固定资产投资增长8%', '发展改革'],
    ['严守耕地保护红线,落实耕地进出平衡', '自然资源'],
    ['新建老年助餐点20个,推进居家养老服务', '民政'],
    ['做好春耕备耕,稳定粮食播种面积', '农业农村'],
    ['抓好森林防灭火工作,严控野外用火', '应急管理'],
    ['深入开展根治欠薪行动', '人力资源社会保障'],
    ['推进DRG支付方式改革,严厉打击欺诈骗保', '医疗保障'],
    ['完成年度征兵任务,抓好民兵整组', '人民武装'],
    ['加快病险水库除险加固', '水利'],
    ['推进城中村改造和背街小巷整治', '住房城乡建设'],
    ['开展电梯、气瓶等特种设备安全隐患排查', '市场监管'],
    ['打造红色旅游精品线路,举办乡村旅游节', '文化和旅游'],
    ['深化政务服务“高效办成一件事”改革', '政务服务'],
    ['推进四好农村路建设,新改建农村公路50公里', '交通运输'],
    ['做好退役军人移交安置和优抚对象走访慰问', '退役军人事务'],
    ['推动县域医共体建设,提升基层医疗服务能力', '卫生健康'],
    ['实施课后服务提质行动,推进县域高中振兴', '教育'],
    ['培育高新技术企业10家,研发投入强度达到2.5%', '科技'],
    ['发展农村电商,开展汽车以旧换新促消费', '商务'],
    ['稳妥推进城投公司市场化转型', '国有资产'],
    ['防范化解非法集资风险,加大首贷续贷投放', '金融'],
    ['抓好信访积案化解,推进信访工作法治化', '信访'],
    ['开展党员冬训,做好村社换届', '组织'],
    ['抓好年度改革任务落地,争创省级集成改革试点', '全面深化改革'],
  ];
  it.each(items)('%s → %s', (text, type) => {
    expect(defaultFunctions().propose(text, '县', undefined as never, '')[0]?.type).toBe(type);
  });
});

describe('long numbered lists', () => {
  it('reads a 3-digit item number (分工 lists run past 99) as a number, not as part of the unit', () => {
    const tasks = run(
      '98. 县水利局要在汛期前完成病险水库除险加固。\n99. 县民政局要做好困难群众救助。\n120. 县交通运输局要在年底前完成农村公路提档升级。\n121．县卫健委要推进紧密型县域医共体建设。',
    );
    expect(tasks.map((t) => t.units[0])).toEqual(['县水利局', '县民政局', '县交通运输局', '县卫健委']);
  });
});

describe('times after an event (a start, not a limit)', () => {
  it('does not take "春节后" / "国庆节后" / "汛期结束后" / "2025年以后" for a deadline', () => {
    for (const w of ['春节后', '国庆节后', '五一假期后', '汛期结束后', '2025年以后', '6月1日后'])
      expect(parseDeadline(w, '2024-03-20')).toBeNull();
    const [t] = run('春节后,各乡镇要组织返乡务工人员开展技能培训。');
    expect(t.text).toMatch(/^各乡镇要组织/);
    expect(t.deadline).toBeNull();
    // "前后" is around the date, still a time
    expect(parseDeadline('国庆节前后', '2024-03-20')?.to).toBe('2024-10-01');
    // "后备干部", "后续": 后 starting a word
    expect(findDeadlines('2024年后备干部队伍建设', '2024-03-20').map((d) => d.text)).toEqual(['2024年']);
  });
  it('counts "春节后一周内" / "节后3个工作日内" from the end of the holiday break', () => {
    // 2024 春节 is 10 February; the break runs to 正月初六 (16 February)
    expect(parseDeadline('春节后一周内', '2024-01-20')).toMatchObject({ kind: 'date', to: '2024-02-23' });
    // 节后 without a name: the next holiday (国庆, break to 7 October), 3 working days ≈ 5 days
    expect(parseDeadline('节后3个工作日内', '2024-09-25')).toMatchObject({ kind: 'date', to: '2024-10-12' });
    expect(parseDeadline('五一假期结束后5天内', '2024-04-20')).toMatchObject({ to: '2024-05-10' });
    expect(parseDeadline('元旦后3日内', '2024-12-20')).toMatchObject({ to: '2025-01-04' });
    const [t] = run('各村要在春节后10日内完成返乡人员摸底登记。');
    expect(t.deadline).toMatchObject({ text: '春节后10日内', to: '2025-02-14' });
  });
});

describe('vague times that are not limits', () => {
  it('does not read "部门及时间节点" as 及时', () => {
    expect(run('要明确责任部门及时间节点。')[0].deadline).toBeNull();
  });
  it('does not take a failure to keep time (不按时, 未及时) as the time limit of the task', () => {
    const [t] = run('对不按时报送进度的单位,县政府督查室要予以通报。');
    expect(t.deadline).toBeNull();
    expect(parseDeadline('按时报送', '2024-03-20')?.kind).toBe('asap');
  });
  it('prefers the set time (按时/按期) to the manner (及时/尽快) when a task has both', () => {
    expect(run('县住建局要及时跟进施工进度,确保按期完成改造。')[0].deadline?.text).toBe('按期');
    expect(parseDeadline('当前正是小麦收获的黄金时节', '2024-03-20')?.kind).toBe('asap');
  });
});

describe('goal sentences without a modal', () => {
  it('takes "X以…为目标,推动…" as a task of X', () => {
    const doc = '各乡镇要抓好集镇管理。各乡镇以补齐公厕短板,同时提升集镇品质为目标,推进集镇环境综合整治。';
    const tasks = run(doc);
    expect(tasks.map((t) => t.text)).toEqual([
      '各乡镇要抓好集镇管理',
      '各乡镇以补齐公厕短板,同时提升集镇品质为目标,推进集镇环境综合整治',
    ]);
    expect(tasks[1].units).toEqual(['各乡镇']);
    expect(tasks[1].reasons?.[0]).toBe('goal');
  });
  it('takes a numbered "以…为抓手,加快…" item as a task, even without a subject', () => {
    const doc =
      '同志们,下面我讲三点意见。\n(三)以物流园区为抓手,加快冷链仓储设施建设。\n(四)以电商平台为载体,拓宽农产品销路。';
    expect(texts(doc)).toEqual(['以物流园区为抓手,加快冷链仓储设施建设', '以电商平台为载体,拓宽农产品销路']);
  });
  it('does not take an unnumbered orientation ("以…为牵引,推进…") under a section heading', () => {
    const doc = [
      '关于推动文旅融合发展的若干举措',
      '一、做强文旅产业',
      '以全域旅游示范区创建为牵引,推进文化和旅游深度融合。',
      '(一)打造精品线路。县文旅局要推出三条红色旅游线路。',
    ].join('\n');
    expect(texts(doc).join('|')).not.toMatch(/为牵引/);
  });
  it('does not take a goal sentence that reports past work', () => {
    expect(texts('去年,各乡镇以改善人居环境为目标,推进了农村改厕。')).toEqual([]);
  });
});

describe('sizes that are not targets', () => {
  it('does not take a size qualifying a noun (推进3平方公里老城区更新) for a target', () => {
    expect(findTargets('推进3平方公里老城区有机更新')).toEqual([]);
    expect(findTargets('新建5公里绿道').map((t) => t.text)).toEqual(['5公里']);
    expect(findTargets('完成高标准农田建设2万亩').map((t) => t.text)).toEqual(['2万亩']);
  });
});

describe('meeting preambles', () => {
  it('does not take "X到会指导" or an attendance list as a task', () => {
    const doc =
      '6月3日,县政府召开秸秆禁烧工作推进会。市农业农村局副局长王峰到会指导,县农业农村局、县生态环境局及各乡镇分管负责人参加会议。会议要求,各乡镇要落实网格巡查。';
    expect(texts(doc)).toEqual(['各乡镇要落实网格巡查']);
  });
});
