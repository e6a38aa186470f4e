import { describe, expect, it } from 'vitest';
import { detectGenre, detectLevel } from './genre.ts';
import { extractTasks } from './index.ts';
import { normalizeText } from './normalize.ts';
import { segment } from './segment.ts';

const genreOf = (t: string) => {
  const n = normalizeText(t);
  return detectGenre(n, segment(n));
};
const levelOf = (t: string) => {
  const n = normalizeText(t);
  return detectLevel(n, segment(n));
};

describe('genre from the title', () => {
  it.each([
    ['在全县农村人居环境整治推进会上的讲话\n同志们:\n今天召开这次会议…', 'speech'],
    ['县政府第十二次常务会议纪要\n5月6日,县长主持召开…', 'minutes'],
    ['关于印发《2024年全县重点工作任务分工方案》的通知\n各乡镇人民政府:', 'notice'],
    ['2024年县政府工作报告重点任务分解表\n1.地区生产总值增长6%左右。', 'decomposition'],
    ['城关镇2025年度重点工作计划执行情况\n1.老旧小区改造', 'decomposition'],
    ['2025年全县组织工作要点\n一、加强政治建设', 'workplan'],
    ['关于进一步优化营商环境的实施意见\n一、总体要求', 'implementation'],
    ['全县冬春季森林防火专项行动方案\n一、工作目标', 'implementation'],
    ['关于2024年第三季度重点工作落实情况的通报\n一、总体情况', 'notice'],
  ])('%s → %s', (text, genre) => {
    expect(genreOf(text)).toBe(genre);
  });
});

describe('genre from the body when there is no title', () => {
  it('a covering notice that prints a plan is a notice', () => {
    expect(genreOf('各乡镇、县直各单位:\n现将《全县防汛工作方案》印发给你们,请认真抓好落实。')).toBe('notice');
  });
  it('a meeting report is read as minutes', () => {
    expect(genreOf('3月8日,县委书记主持召开专题会议。会议指出,要抓好春耕备耕。会议要求,各乡镇要落实责任。')).toBe(
      'minutes',
    );
  });
  it('numbered items without modal verbs are a decomposition', () => {
    expect(
      genreOf(
        '(一)实施高标准农田建设,新建高标准农田2万亩。\n(二)推进农村公路提档升级,改造农村公路50公里。\n(三)完善农村寄递物流体系,建成村级服务站30个。',
      ),
    ).toBe('decomposition');
  });
  it('a speech without a title', () => {
    expect(genreOf('同志们:\n下面,我讲三点意见。一是要提高认识。')).toBe('speech');
  });
});

describe('level', () => {
  it.each([
    ['浙江省人民政府关于加快数字乡村建设的实施意见', '省'],
    ['市人民政府办公室关于印发…的通知', '市'],
    ['2024年县政府工作报告重点任务分解表', '县'],
    ['青山镇2025年度重点工作计划', '镇'],
    ['高新区2025年重点工作及责任清单', '开发区'],
  ])('%s → %s', (title, level) => {
    expect(levelOf(`${title}\n1.加快推进重点项目建设。`)).toBe(level);
  });
  it('counts 全县/我县 when there is no title, but not 各乡镇 addressed by a county', () => {
    expect(levelOf('全县各乡镇要加强领导。我县将继续推进各乡镇人民政府的改革。全县上下要团结一心。')).toBe('县');
  });
  it('returns null when nothing says which level', () => {
    expect(levelOf('加快建设物流园区。')).toBeNull();
  });
  it('is reported with the result', () => {
    const r = extractTasks('2025年全县组织工作要点\n一、加强基层党组织建设,年内整顿软弱涣散村党组织10个。');
    expect(r.genre).toBe('workplan');
    expect(r.level).toBe('县');
  });
});
