import { hash, verify } from '@node-rs/argon2';
import { PASSWORD_POLICY, passwordProblem } from '../../common/password-policy.ts';
import { COMMON_NUMBERS, COMMON_WORDS } from './common-passwords.ts';
import { badRequest } from './errors.ts';

const OPTS = {
  algorithm: 2 /* Algorithm.Argon2id (a const enum, not importable under isolatedModules) */,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
};

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
 * Policy (common/password-policy.ts): at least 8 characters from 3 of lower, upper, digits, symbols; not
 * built from a common password (letters or digits alone on the list); not containing the user
 * name or the person's name spelled in letters.
 */
export function checkPasswordPolicy(pw: string, who: { username?: string; displayName?: string } = {}): void {
  // The base rule (length, character classes) is common/password-policy.ts, as the web forms state it.
  const problem = typeof pw === 'string' ? passwordProblem(pw) : `密码${PASSWORD_POLICY}`;
  if (problem) throw badRequest('PASSWORD_WEAK', problem);
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
