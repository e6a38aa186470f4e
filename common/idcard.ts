/** GB 11643-1999 citizen ID numbers: 18 characters, ISO 7064 MOD 11-2 check digit. */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function idCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

export type IdCardResult =
  | { ok: true; birthDate: string; gender: '男' | '女'; normalized: string }
  | { ok: false; message: string };

/** Validates format, birth date and checksum; returns the birth date and sex it encodes. */
export function parseIdCard(raw: string, today = new Date()): IdCardResult {
  const id = String(raw ?? '')
    .trim()
    .toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, message: '身份证号应为 18 位,前 17 位为数字,末位为数字或 X' };
  const y = Number(id.slice(6, 10)),
    m = Number(id.slice(10, 12)),
    d = Number(id.slice(12, 14));
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) {
    return { ok: false, message: '身份证号中的出生日期无效' };
  }
  if (dt.getTime() > today.getTime()) return { ok: false, message: '身份证号中的出生日期晚于今天' };
  if (idCheckDigit(id.slice(0, 17)) !== id[17]) return { ok: false, message: '身份证号校验位不正确,请核对' };
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const gender = Number(id[16]) % 2 === 1 ? '男' : '女';
  return { ok: true, birthDate, gender, normalized: id };
}

/** Mainland mobile numbers: 11 digits starting 13–19. */
export const isMobile = (s: string) => /^1[3-9]\d{9}$/.test(String(s ?? '').trim());

/** Masks an ID number for lists: 110105********1234 */
export const maskId = (id: string) => (id.length === 18 ? `${id.slice(0, 6)}********${id.slice(14)}` : id);
