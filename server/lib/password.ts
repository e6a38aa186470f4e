import { hash, verify } from '@node-rs/argon2';
import { PASSWORD_POLICY, passwordProblem } from '../../common/password-policy.ts';
import { badRequest } from './errors.ts';

const OPTS = {
  algorithm: 2 /* Algorithm.Argon2id (a const enum, not importable under isolatedModules) */,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
};

/** Policy (common/password-policy.ts): at least 8 characters from 3 of lower, upper, digits, symbols. */
export function checkPasswordPolicy(pw: string): void {
  const problem = typeof pw === 'string' ? passwordProblem(pw) : `密码${PASSWORD_POLICY}`;
  if (problem) throw badRequest('PASSWORD_WEAK', problem);
}

export const hashPassword = (pw: string) => hash(pw, OPTS);
export const verifyPassword = (h: string, pw: string) => verify(h, pw).catch(() => false);
