// Length-preserving normalisation: every output char corresponds to the input char at the same index,
// so offsets found in the normalised text are valid in the original document.
import * as OpenCC from 'opencc-js/t2cn';

let t2s: ((s: string) => string) | null = null;
// code unit → simplified code unit; 0 = not computed yet. Filled lazily, one converter call per distinct char.
const SIMPLE = new Uint16Array(0x10000);

/** Simplified form of one traditional character (identity when the conversion is not one-to-one). */
function simplifyCode(code: number): number {
  let v = SIMPLE[code];
  if (v === 0) {
    t2s ??= OpenCC.Converter({ from: 'hk', to: 'cn' });
    const r = t2s(String.fromCharCode(code));
    v = r.length === 1 ? r.charCodeAt(0) : code;
    SIMPLE[code] = v;
  }
  return v;
}

const PUNCT: Record<string, string> = {
  '，': ',',
  '；': ';',
  '：': ':',
  '（': '(',
  '）': ')',
  '！': '!',
  '？': '?',
  '\u3000': ' ',
  '\u00a0': ' ',
  '\u2028': '\n',
  '\u2029': '\n',
  '﹔': ';',
  '﹐': ',',
  '﹕': ':',
  '〔': '(',
  '〕': ')',
  '【': '[',
  '】': ']',
  '｛': '{',
  '｝': '}',
  '．': '.',
  '\ufeff': ' ',
  '\u200b': ' ',
};
const PUNCT_CODE = new Map<number, number>(Object.entries(PUNCT).map(([k, v]) => [k.charCodeAt(0), v.charCodeAt(0)]));

/**
 * Normalise for matching: traditional → simplified (char by char), full-width ASCII → half-width,
 * CR/ideographic space → LF/space (tabs stay: they separate table cells), Latin lowercased. Output length === input length.
 */
export function normalizeText(text: string): string {
  const n = text.length;
  const out = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    let code = text.charCodeAt(i);
    if (code < 0x80) {
      if (code >= 65 && code <= 90) code += 32;
      else if (code === 13) code = 10;
    } else if (code >= 0x3400 && code <= 0x9fff) {
      code = simplifyCode(code);
      // one-to-many characters the char-by-char table leaves alone: 著力/著眼 → 着, 瞭解 → 了
      if (code === 0x8457 && /[力眼手重落想实實陆陸急]/.test(text[i + 1] ?? '')) code = 0x7740;
      else if (code === 0x77ad && text[i + 1] !== '望') code = 0x4e86;
    } else if (code >= 0xff01 && code <= 0xff5e) {
      // full-width ASCII block
      code -= 0xfee0;
      if (code >= 65 && code <= 90) code += 32;
    } else {
      const p = PUNCT_CODE.get(code);
      if (p !== undefined) code = p;
    }
    out[i] = code;
  }
  // decode in chunks: String.fromCharCode has an argument-count limit
  let s = '';
  for (let i = 0; i < n; i += 8192)
    s += String.fromCharCode.apply(null, out.subarray(i, Math.min(n, i + 8192)) as unknown as number[]);
  return s;
}

/** Share of characters that are control/replacement/private-use codes: high for binary garbage. */
export function garbageRatio(text: string): number {
  if (!text.length) return 0;
  const n = Math.min(text.length, 200000);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (
      (c < 32 && c !== 10 && c !== 13 && c !== 9) ||
      c === 0xfffd ||
      (c >= 0xe000 && c <= 0xf8ff) ||
      (c >= 0x7f && c < 0xa0)
    )
      bad++;
  }
  return bad / n;
}

/** Share of CJK ideographs among non-space characters. */
export function cjkRatio(text: string): number {
  const n = Math.min(text.length, 200000);
  let cjk = 0,
    all = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c <= 32) continue;
    all++;
    if (c >= 0x3400 && c <= 0x9fff) cjk++;
  }
  return all ? cjk / all : 0;
}
