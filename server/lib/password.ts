import { hash, verify } from '@node-rs/argon2';
import { badRequest } from './errors.ts';

const OPTS = {
  algorithm: 2 /* Algorithm.Argon2id (a const enum, not importable under isolatedModules) */,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
};

/** Policy: at least 8 characters from at least 3 of: lower case, upper case, digits, symbols. */
export function checkPasswordPolicy(pw: string): void {
  if (typeof pw !== 'string' || pw.length < 8)
    throw badRequest('PASSWORD_WEAK', '密码至少 8 位,且须包含大写字母、小写字母、数字、符号中的至少三类');
  if (pw.length > 128) throw badRequest('PASSWORD_WEAK', '密码不能超过 128 位');
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(pw)).length;
  if (classes < 3)
    throw badRequest('PASSWORD_WEAK', '密码至少 8 位,且须包含大写字母、小写字母、数字、符号中的至少三类');
}

export const hashPassword = (pw: string) => hash(pw, OPTS);
export const verifyPassword = (h: string, pw: string) => verify(h, pw).catch(() => false);
