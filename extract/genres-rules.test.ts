// Rule families that depend on the genre: meeting reports, notices, lists with a lead-in; confidence and reasons.
import { describe, expect, it } from 'vitest';
import { extractTasks } from './index.ts';

const REF = { referenceDate: '2024-05-10' };
const texts = (t: string) => extractTasks(t, REF).tasks.map((x) => x.text);

describe('meeting reports and minutes', () => {
  const report = [
    '县政府召开防汛工作调度会',
    '5月8日,副县长李明主持召开全县防汛工作调度会,县水利局、县应急管理局及各乡镇负责人参加会议。',
    '李明强调,各乡镇要在5月底前完成水库、山塘隐患排查,县水利局要加强汛期值班值守。',
    '会议原则通过了《全县防汛应急预案》。',
  ].join('\n');
  it('reads what the chair "强调/要求" as the meeting’s own directives', () => {
    const { tasks } = extractTasks(report, REF);
    expect(tasks.map((t) => t.units)).toEqual([['各乡镇'], ['县水利局']]);
    expect(tasks[0].deadline?.text).toBe('5月底前');
  });
  it('takes neither the preamble, the attendance nor the decisions passed as tasks', () => {
    const all = texts(report).join('|');
    expect(all).not.toMatch(/主持召开|参加会议|原则通过/);
  });
  it('never takes the meeting date for a deadline', () => {
    expect(extractTasks(report, REF).tasks.every((t) => t.deadline?.text !== '5月8日')).toBe(true);
  });
  it('still treats what higher authorities said as quotation', () => {
    const t = texts('县委召开常委会会议。会议指出,习近平总书记强调,要坚持人民至上。会议要求,各乡镇要抓好防汛。');
    expect(t).toEqual(['各乡镇要抓好防汛']);
  });
  it('resets the subject at a new topic ("就…,X要求,")', () => {
    const { tasks } = extractTasks(
      '县长主持召开常务会议。就城乡环境整治,县长要求,各乡镇要开展垃圾清运。就教育工作,县长强调,要新建校舍两处。',
      REF,
    );
    expect(tasks.map((t) => t.units)).toEqual([['各乡镇'], []]);
  });
});

describe('notices', () => {
  it('resolves "请以上责任单位" to the units named before it', () => {
    const { tasks } = extractTasks(
      '关于第二季度重点工作进展情况的通报\n其中,由县交通运输局负责的第3件、县水利局负责的第7件进展滞后,请以上责任单位加快进度,确保按期完成。',
      REF,
    );
    expect(tasks[0].units).toEqual(['县交通运输局', '县水利局']);
  });
  it('does not take an announced sanction for a task', () => {
    expect(texts('工作推进不力、排名靠后的乡镇,县政府将实行约谈问责。各乡镇要按月报送进度。')).toEqual([
      '各乡镇要按月报送进度',
    ]);
  });
  it('takes a covering notice’s own requests but not its purpose statement', () => {
    const t = texts(
      '各乡镇人民政府、县直各单位:\n现将《2024年重点工作任务分解》印发给你们,请结合实际认真贯彻落实。\n各单位务于每月5日前将上月进展报县政府督查室。',
    );
    expect(t).toEqual(['各单位务于每月5日前将上月进展报县政府督查室']);
  });
});

describe('lists with a lead-in', () => {
  it('gives the lead-in’s subject to the items in the same sentence, and drops the lead-in', () => {
    const { tasks } = extractTasks(
      '全县卫健系统要在三个方面下功夫:一要完善家庭医生签约服务;二要推进医共体建设;三要抓好疫苗接种。',
      REF,
    );
    expect(tasks.map((t) => t.units)).toEqual([['全县卫健系统'], ['全县卫健系统'], ['全县卫健系统']]);
  });
  it('and to numbered paragraphs on the lines below', () => {
    const { tasks } = extractTasks(
      '各乡镇党委要重点抓好以下工作:\n一要建强村级党组织,每村配备专职党务工作者。\n二要严格落实“四议两公开”制度。\n',
      REF,
    );
    expect(tasks.map((t) => t.units)).toEqual([['各乡镇党委'], ['各乡镇党委']]);
  });
});

describe('granularity of operational verbs', () => {
  it('splits actions that each set something up', () => {
    expect(texts('县信访局要加强来访接待,建立信访积案台账,明确包案领导和化解时限。')).toEqual([
      '县信访局要加强来访接待',
      '建立信访积案台账',
      '明确包案领导和化解时限',
    ]);
  });
  it('splits parallel adverb-led actions joined by 、', () => {
    expect(texts('各村要及时清理河道垃圾、积极推行河长巡河制度。')).toEqual([
      '各村要及时清理河道垃圾',
      '积极推行河长巡河制度',
    ]);
  });
  it('keeps a result clause with its action', () => {
    expect(texts('各乡镇要全面排查危房,确保群众住房安全。')).toEqual(['各乡镇要全面排查危房,确保群众住房安全']);
  });
});

describe('confidence and reasons', () => {
  it('marks how each row was found and where its unit came from', () => {
    const { tasks } = extractTasks('县财政局要在6月底前拨付专项资金。要加强资金监管。', REF);
    expect(tasks.map((t) => t.reasons)).toEqual([['modal'], ['modal', 'inherited']]);
    const plan = extractTasks('2024年县重点工作任务分解表\n1.新建污水管网10公里。', REF).tasks;
    expect(plan.map((t) => t.reasons)).toEqual([['item', 'target', 'proposal']]);
  });
  it('is lower for inherited units and proposals than for a named unit', () => {
    const [a, b] = extractTasks('县财政局要在6月底前拨付专项资金。要加强资金监管。', REF).tasks;
    expect(a.confidence).toBeGreaterThan(b.confidence!);
    expect(a.confidence).toBeLessThanOrEqual(0.99);
  });
});
