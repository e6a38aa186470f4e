import { hash, verify } from '@node-rs/argon2';
import { COMMON_NUMBERS, COMMON_WORDS } from './common-passwords.ts';
import { badRequest } from './errors.ts';

const OPTS = {
  algorithm: 2 /* Algorithm.Argon2id (a const enum, not importable under isolatedModules) */,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
};

const POLICY = '密码至少 8 位,且须包含大写字母、小写字母、数字、符号中的至少三类';

const LEET: Record<string, string> = {
  '@': 'a',
  '4': 'a',
  '0': 'o',
  '1': 'l',
  '!': 'i',
  '3': 'e',
  $: 's',
  '5': 's',
  '7': 't',
};

/**
 * The word inside a password with leetspeak undone: leading and trailing digits and symbols are
 * dropped, those between letters read as letters ("P@ssw0rd!" → "password", "Admin@123" → "admin").
 */
const wordOf = (pw: string) =>
  [...pw.toLowerCase().replace(/^[^a-z]+|[^a-z]+$/g, '')]
    .map((ch) => LEET[ch] ?? ch)
    .filter((ch) => /[a-z]/.test(ch))
    .join('');

/**
 * Policy: at least 8 characters from at least 3 of: lower case, upper case, digits, symbols; not
 * built from a common password (letters or digits alone on the list); not containing the user
 * name or the person's name spelled in letters.
 */
export function checkPasswordPolicy(pw: string, who: { username?: string; displayName?: string } = {}): void {
  if (typeof pw !== 'string' || pw.length < 8) throw badRequest('PASSWORD_WEAK', POLICY);
  if (pw.length > 128) throw badRequest('PASSWORD_WEAK', '密码不能超过 128 位');
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(pw)).length;
  if (classes < 3) throw badRequest('PASSWORD_WEAK', POLICY);
  const word = wordOf(pw);
  const letters = pw.toLowerCase().replace(/[^a-z]/g, '');
  const digits = pw.replace(/[^0-9]/g, '');
  const common =
    COMMON_WORDS.has(word) ||
    COMMON_WORDS.has(letters) ||
    (letters.length <= 3 && (COMMON_NUMBERS.has(digits) || /^(.)\1+$/.test(digits))) ||
    /^(.)\1+$/.test(letters);
  if (common)
    throw badRequest(
      'PASSWORD_COMMON',
      '该密码由常见密码变化而来(如 Admin@123、P@ssw0rd),很容易被猜中,请换一个不常见的密码',
    );
  const lower = pw.toLowerCase();
  for (const n of [who.username, who.displayName]) {
    const name = n?.trim().toLowerCase();
    if (name && name.length >= 3 && (lower.includes(name) || lower.includes([...name].reverse().join(''))))
      throw badRequest('PASSWORD_CONTAINS_NAME', '密码不能包含用户名或姓名');
  }
}

export const hashPassword = (pw: string) => hash(pw, OPTS);
export const verifyPassword = (h: string, pw: string) => verify(h, pw).catch(() => false);
