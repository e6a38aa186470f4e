/**
 * The password policy, one definition for the server (which enforces it) and the web forms (which
 * state it and check it as the user types, so the rule shown is the rule applied).
 */
export const PASSWORD_POLICY = '至少 8 位,且须包含大写字母、小写字母、数字、符号中的至少三类';

/** Why a password is refused, or null when it meets the policy. */
export function passwordProblem(pw: string): string | null {
  if (pw.length < 8) return `密码${PASSWORD_POLICY}`;
  if (pw.length > 128) return '密码不能超过 128 位';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(pw)).length;
  return classes < 3 ? `密码${PASSWORD_POLICY}` : null;
}
