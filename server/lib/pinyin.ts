import { pinyin } from 'pinyin-pro';

/** Pinyin initials and full pinyin of a name, surname-aware (单 → shan). 张三明 → zsm / zhangsanming */
export function namePinyin(name: string): { initials: string; full: string } {
  const initials = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', surname: 'head' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
  const full = pinyin(name, { toneType: 'none', type: 'array', surname: 'head' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
  return { initials, full };
}
