// Document genre and administrative level. The genre decides which rules apply (a numbered item in a 分工方案 is a
// task without any modal verb; in a speech it is a heading); the level decides how a proposed unit is named
// (省发展改革委 / 市发展改革委 / 县发改委).
import { findMarker, maskQuotes } from './detect.ts';
import type { Paragraph } from './segment.ts';
import type { Genre, Level } from './types.ts';

/** Title-like lines: the first short lines without sentence punctuation (a title may wrap over two or three). */
export function titleLines(norm: string, paras: Paragraph[]): Paragraph[] {
  const out: Paragraph[] = [];
  for (const p of paras.slice(0, 4)) {
    const t = p.text;
    if (t.length > 60 || /[。;!?]$/.test(t) || /。/.test(t)) break;
    // an addressee ("各乡镇人民政府,县直各单位:") or a salutation ends the title block
    if (/:$/.test(t)) break;
    // a numbered line is the first heading, not the title
    if (/^(?:[一二三四五六七八九十]+、|[(][一二三四五六七八九十\d]+[)]|\d+[.、])/.test(t)) break;
    out.push(p);
  }
  return norm ? out : [];
}

const TITLE_RULES: [Genre, RegExp][] = [
  // the decomposition of a report comes before the report itself: "政府工作报告重点工作任务分解"
  [
    'decomposition',
    /分工|任务分解|分解表|分解方案|责任清单|任务清单|责任分解|重点工作(?:任务|计划|安排)|执行情况|台账|项目清单/,
  ],
  ['speech', /讲话|发言|致辞|讲稿|报告会上/],
  ['minutes', /纪要|常务会议|会议召开|召开[^,]{0,20}会|调度会|座谈会|专题会|推进会|部署会|动员大会|主持召开|部署调度/],
  ['workplan', /工作报告|工作要点|工作计划|工作安排|要点$/],
  [
    'implementation',
    /实施方案|实施意见|实施细则|若干意见|指导意见|意见$|若干措施|政策措施|政策举措|举措|行动方案|工作方案|行动计划|方案$|办法$/,
  ],
  ['notice', /通知|通报|通告|公告|决定|函$/],
];

/** Genre from the title, else from the body's own words. */
export function detectGenre(norm: string, paras: Paragraph[]): Genre {
  const title = titleLines(norm, paras)
    .map((p) => p.text)
    .join('');
  const head = norm.slice(0, 1500);
  // a covering notice ("关于印发…分工的通知", "…现印发给你们") is read as a notice: its own text is 工作要求
  if (/(?:通知|通报|通告|公告|函)$/.test(title) || /印发给你们|现印发|现将[^。]{0,80}印发/.test(head)) return 'notice';
  if (title) for (const [g, re] of TITLE_RULES) if (re.test(title)) return g;
  if (/同志们|我讲[几两三四五]|讲[几两三四五]点意见|下面,我/.test(head)) return 'speech';
  if (/特制定|制定本(?:方案|计划|要点)|工作要点/.test(head)) return 'workplan';
  if (/特提出(?:如下|以下)?意见|提出(?:如下|以下)意见|制定本(?:意见|办法)/.test(head)) return 'implementation';
  if (/现将[^。]{0,60}印发给你们|现(?:予以)?通报如下|特此通知/.test(norm)) return 'notice';
  const meeting = (
    norm.match(
      /会议(?:强调|指出|要求|认为|研究|决定|原则)|主持召开|参加会议|列席会议|[^,。]{1,8}(?:强调|指出|要求),/g,
    ) ?? []
  ).length;
  if (meeting >= 2) return 'minutes';
  // numbered items written without modal verbs: a decomposition or plan whose title was left out
  // ("(三)深化医保支付方式改革。" is a whole item however short, once there are several of them; "一、重点工作"
  // headings are structure, not body)
  let items = 0,
    modal = 0,
    long = 0,
    longModal = 0,
    heads = 0;
  for (const p of paras) {
    if (/^[一二三四五六七八九十]{1,3}、[^。,;]{0,30}$/.test(p.text)) heads++;
    if (!/^(?:[(][一二三四五六七八九十\d]{1,3}[)]|\d{1,3}[.、])/.test(p.text) || p.text.length < 8) continue;
    const m = findMarker(maskQuotes(p.text)) ? 1 : 0;
    items++;
    modal += m;
    if (p.text.length >= 20) {
      long++;
      longModal += m;
    }
  }
  if (long >= 1 && longModal * 2 < long && long * 2 >= paras.length - 1) return 'decomposition';
  if (items >= 3 && modal * 2 < items && items * 2 >= paras.length - heads - 1) return 'decomposition';
  return 'speech';
}

export const GENRE_LABELS: Record<Genre, string> = {
  speech: '讲话',
  minutes: '会议纪要/会议报道',
  notice: '通知/通报',
  decomposition: '分工方案/任务分解',
  workplan: '工作报告/工作要点',
  implementation: '实施方案/实施意见',
};

/** Genres whose items are assigned to a lead unit by the document (or its stripped labels) rather than in speech. */
export const ITEM_GENRES: ReadonlySet<Genre> = new Set(['decomposition', 'implementation', 'workplan']);

const LEVEL_WORDS: [Level, RegExp][] = [
  ['开发区', /开发区|高新区|园区|新区管委会|管委会/],
  // a township names itself (泗洲头镇2024年度…, 兴国镇党委); 各乡镇 in a county text is an addressee
  ['镇', /(?<![各乡])(?:镇|乡|街道)(?:人民政府|党委|\d{4}|年度|$)|全镇|我镇|全乡|我乡|本镇|全街道/],
  ['省', /省人民政府|省委|全省|我省|省政府/],
  ['市', /市人民政府|市委|全市|我市|市政府/],
  ['区', /区人民政府|区委|全区|我区|区政府/],
  ['县', /县人民政府|县委|全县|我县|县政府|旗人民政府|全旗|我旗|旗政府/],
];

/** Administrative level of the issuing body: the title first, then which of 全省/全市/全县… the text uses most. */
export function detectLevel(norm: string, paras: Paragraph[]): Level | null {
  const title = titleLines(norm, paras)
    .map((p) => p.text)
    .join('');
  if (title) for (const [lv, re] of LEVEL_WORDS) if (re.test(title)) return lv;
  const body = norm.slice(0, 20000);
  let best: Level | null = null,
    bestN = 0,
    kinds = 0;
  for (const [lv, re] of LEVEL_WORDS) {
    if (lv === '开发区') continue; // a zone mentioned in a county text does not make the county a zone
    const n = (body.match(new RegExp(re.source, 'g')) ?? []).length;
    if (n) kinds++;
    if (n > bestN) {
      best = lv;
      bestN = n;
    }
  }
  // one "全县" in a short list of items is still the only level the text speaks of
  return bestN >= 2 || (bestN === 1 && kinds === 1) ? best : null;
}
