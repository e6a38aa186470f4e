// Lead-unit proposals from government functions: the words of a task (固定资产投资, 耕地保护, 养老服务 …) point to a
// department type (发展改革, 自然资源, 民政 …) through the data table functions.json; the document's level names it
// (省发展改革委 / 市发展改革委 / 县发改委). Proposals never replace a unit the text names; they fill the gap.
import builtin from './functions.json' with { type: 'json' };
import type { Level, UnitProposal } from './types.ts';
import type { UnitIndex } from './units.ts';

export interface FunctionTable {
  levels: Partial<Record<Level, { prefix: string; party: string }>>;
  departments: {
    type: string;
    party?: boolean;
    noPrefix?: boolean;
    names: Partial<Record<Level | '*', string>>;
    /** space-separated word lists */
    aliases?: string;
    indicators?: string;
    keywords?: string;
    related?: string;
  }[];
}

const WEIGHTS = { indicators: 3, keywords: 2, related: 1 } as const;
/** A proposal needs at least one keyword or indicator; related words alone only support one. */
const MIN_SCORE = 2;

interface Word {
  word: string;
  dept: number;
  weight: number;
  /** the words of the same type contained in this one (itself included): 行政审批 → 审批, 行政审批 */
  core: string[];
}

interface Group {
  words: string[];
  weight: number;
}

const words = (s: string | undefined) => (s ?? '').split(/\s+/).filter(Boolean);

export class FunctionIndex {
  /**
   * first character → second character → words starting with them, longest first (leftmost-longest scan; every word
   * has ≥ 2 characters). Two levels of small integer keys: no string and no heap number is made per text position.
   */
  private byFirst = new Map<number, Map<number, Word[]>>();
  constructor(private table: FunctionTable = builtin as FunctionTable) {
    table.departments.forEach((d, dept) => {
      for (const k of ['indicators', 'keywords', 'related'] as const)
        for (const w of words(d[k])) {
          // the extractor matches on normalised text: Latin letters are lower case there (gdp, pm2.5, r&d)
          const word = w.toLowerCase();
          if (word.length < 2) continue;
          const second = this.byFirst.get(word.charCodeAt(0)) ?? new Map<number, Word[]>();
          this.byFirst.set(word.charCodeAt(0), second);
          const list = second.get(word.charCodeAt(1)) ?? [];
          second.set(word.charCodeAt(1), list);
          if (!list.some((x) => x.word === word)) list.push({ word, dept, weight: WEIGHTS[k], core: [] });
        }
    });
    const byDept = new Map<number, Word[]>();
    for (const m of this.byFirst.values())
      for (const list of m.values())
        for (const w of list) {
          const ws = byDept.get(w.dept) ?? [];
          ws.push(w);
          byDept.set(w.dept, ws);
        }
    for (const ws of byDept.values())
      for (const w of ws) w.core = ws.filter((x) => w.word.includes(x.word)).map((x) => x.word);
    for (const m of this.byFirst.values())
      for (const list of m.values()) list.sort((a, b) => b.word.length - a.word.length);
  }

  private typeList: { type: string; aliases: string[] }[] | null = null;
  /** Department types with their aliases (and names at every level), to tell which type a unit name stands for. */
  types(): { type: string; aliases: string[] }[] {
    this.typeList ??= this.table.departments.map((d) => ({
      type: d.type,
      aliases: [...words(d.aliases), ...Object.values(d.names).filter((n): n is string => !!n)],
    }));
    return this.typeList;
  }

  /** The department type's name at a level: 县 + 发改委, 县委 + 组织部; no prefix when the level is unknown. */
  nameOf(dept: number, level: Level | null): string {
    const d = this.table.departments[dept];
    const base = d.names[level ?? '*'] ?? d.names['*'] ?? d.type;
    if (!level || d.noPrefix) return base;
    const lv = this.table.levels[level];
    return (d.party ? lv?.party : lv?.prefix) + base;
  }

  /** Real unit for a proposal: the first of its name and aliases that the units list (org tree) knows. */
  mapTo(dept: number, level: Level | null, idx: UnitIndex): string | null {
    if (!idx.size) return null;
    const d = this.table.departments[dept];
    const lv = level ? this.table.levels[level] : undefined;
    const prefix = lv ? (d.party ? lv.party : lv.prefix) : '';
    for (const a of [this.nameOf(dept, level), ...words(d.aliases).flatMap((x) => (prefix ? [prefix + x, x] : [x]))]) {
      const m = idx.map(a);
      if (m) return m;
    }
    return null;
  }

  /**
   * Department types whose functions the text mentions, best first. `context` (the item title or heading) counts
   * half, or fully when the text itself names no function. Each distinct word counts once; the earliest word breaks ties (the topic usually comes first).
   */
  propose(text: string, level: Level | null, idx?: UnitIndex, context = '', minWeight = 0): UnitProposal[] {
    const score = new Map<number, { score: number; first: number; words: string[]; groups: Group[] }>();
    const cores = new Map<string, string[]>();
    const scan = (t: string, factor: number, offset: number) => {
      for (let i = 0; i < t.length; ) {
        const list = this.byFirst.get(t.charCodeAt(i))?.get(t.charCodeAt(i + 1));
        const w = list?.find((x) => t.startsWith(x.word, i));
        if (!w || w.weight < minWeight) {
          i++;
          continue;
        }
        const s = score.get(w.dept) ?? { score: 0, first: offset + i, words: [], groups: [] };
        if (!s.words.includes(w.word)) {
          s.words.push(w.word);
          // variants of one concept (审批 / 行政审批 / 审批事项, 就业 / 城镇新增就业) count once, at their best weight
          // (two words are one concept when one contains the other, or both contain a third word of the type)
          cores.set(w.word, w.core);
          const g = s.groups.find((x) =>
            x.words.some(
              (y) => y.includes(w.word) || w.word.includes(y) || cores.get(y)!.some((z) => w.core.includes(z)),
            ),
          );
          if (g) {
            g.words.push(w.word);
            g.weight = Math.max(g.weight, w.weight * factor);
          } else s.groups.push({ words: [w.word], weight: w.weight * factor });
          s.score = s.groups.reduce((n, x) => n + x.weight, 0);
        }
        score.set(w.dept, s);
        i += w.word.length;
      }
    };
    scan(text, 1, 0);
    // the heading helps a task that says something of its own, and speaks alone for one that says nothing
    if (context) scan(context, score.size ? 0.5 : 1, text.length);
    const out: UnitProposal[] = [];
    for (const [dept, s] of [...score].sort((a, b) => b[1].score - a[1].score || a[1].first - b[1].first)) {
      if (s.score < MIN_SCORE) break;
      const p: UnitProposal = {
        name: this.nameOf(dept, level),
        type: this.table.departments[dept].type,
        keywords: s.words,
        score: s.score,
        source: 'function',
      };
      if (idx?.size) p.mapped = this.mapTo(dept, level, idx);
      out.push(p);
    }
    return out;
  }
}

const LEVELS = ['省', '市', '县', '区', '镇', '开发区'];
/** Checks a county's own table before use; throws with a Chinese message naming the first problem. */
export function checkFunctionTable(t: unknown): FunctionTable {
  const bad = (m: string): never => {
    throw new Error(m);
  };
  if (!t || typeof t !== 'object') bad('不是 JSON 对象');
  const x = t as FunctionTable;
  if (!x.levels || typeof x.levels !== 'object') bad('缺少 levels(各级的前缀)');
  for (const [k, v] of Object.entries(x.levels))
    if (!LEVELS.includes(k) || typeof v?.prefix !== 'string' || typeof v?.party !== 'string')
      bad(`levels.${k} 应为 ${LEVELS.join('/')} 之一,且有 prefix 和 party 两个字符串`);
  if (!Array.isArray(x.departments) || !x.departments.length) bad('缺少 departments(部门类型列表)');
  x.departments.forEach((d, i) => {
    const at = `departments[${i}]`;
    if (!d || typeof d.type !== 'string' || !d.type) bad(`${at} 缺少 type`);
    if (!d.names || typeof d.names !== 'object' || !Object.values(d.names).some((n) => typeof n === 'string' && n))
      bad(`${at}(${d.type})缺少 names`);
    for (const k of ['aliases', 'indicators', 'keywords', 'related'] as const)
      if (d[k] !== undefined && typeof d[k] !== 'string') bad(`${at}(${d.type})的 ${k} 应为以空格分隔的字符串`);
  });
  return x;
}

let shared: FunctionIndex | null = null;
/** The built-in table (built once: the index is reused by every extraction). */
export function defaultFunctions(): FunctionIndex {
  shared ??= new FunctionIndex();
  return shared;
}
