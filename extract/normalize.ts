// Length-preserving normalisation: every output char corresponds to the input char at the same index,
// so offsets found in the normalised text are valid in the original document.
import * as OpenCC from 'opencc-js/t2cn';

let t2s: ((s: string) => string) | null = null;
const charCache = new Map<string, string>();

/** Simplified form of one traditional character (identity when the conversion is not one-to-one). */
function simplifyChar(c: string): string {
  let v = charCache.get(c);
  if (v === undefined) {
    t2s ??= OpenCC.Converter({ from: 'hk', to: 'cn' });
    const r = t2s(c);
    v = r.length === c.length ? r : c;
    charCache.set(c, v);
  }
  return v;
}

const PUNCT: Record<string, string> = {
  '，': ',', '；': ';', '：': ':', '（': '(', '）': ')', '！': '!', '？': '?', '\u3000': ' ', '\u00a0': ' ',
  '\t': ' ', '\r': '\n', '\u2028': '\n', '\u2029': '\n', '﹔': ';', '﹐': ',', '﹕': ':', '〔': '(', '〕': ')',
  '【': '[', '】': ']', '｛': '{', '｝': '}', '．': '.', '\ufeff': ' ', '\u200b': ' ',
};

/**
 * Normalise for matching: traditional → simplified (char by char), full-width ASCII → half-width,
 * CR/tab/ideographic space → LF/space, Latin lowercased. Output length === input length.
 */
export function normalizeText(text: string): string {
  const out: string[] = new Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const code = c.charCodeAt(0);
    if (code < 0x80) { out[i] = code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : code === 13 ? '\n' : code === 9 ? ' ' : c; continue; }
    const p = PUNCT[c];
    if (p !== undefined) { out[i] = p; continue; }
    if (code >= 0xff01 && code <= 0xff5e) { // full-width ASCII block
      const h = code - 0xfee0;
      out[i] = String.fromCharCode(h >= 65 && h <= 90 ? h + 32 : h);
      continue;
    }
    if (code >= 0x3400 && code <= 0x9fff) { out[i] = simplifyChar(c); continue; }
    out[i] = c;
  }
  return out.join('');
}

/** Share of characters that are control/replacement/private-use codes: high for binary garbage. */
export function garbageRatio(text: string): number {
  if (!text.length) return 0;
  const n = Math.min(text.length, 200000);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 10 && c !== 13 && c !== 9) || c === 0xfffd || (c >= 0xe000 && c <= 0xf8ff) || (c >= 0x7f && c < 0xa0)) bad++;
  }
  return bad / n;
}

/** Share of CJK ideographs among non-space characters. */
export function cjkRatio(text: string): number {
  const n = Math.min(text.length, 200000);
  let cjk = 0, all = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c <= 32) continue;
    all++;
    if (c >= 0x3400 && c <= 0x9fff) cjk++;
  }
  return all ? cjk / all : 0;
}
