/**
 * Helpers for the modules' scope cases (the scope matrix, scope-matrix.test.ts): the 乙镇 markers
 * a leak is detected by, and ways to try requests as several callers — town-a (甲镇's 单位管理员),
 * dcs-a (a 督查员 scoped to 甲镇, so that a refusal comes from scope, not role) and member-a.
 */
import type { Db } from '../db/connect.ts';
import { insertUser } from './fixtures.ts';
import type { Client } from './harness.ts';
import type { Attempt, Case } from './scope-types.ts';

export const B_MARKERS = ['乙镇', '赵四海', '钱文静', 'TB01', 'town-b'];
/** The 乙镇 markers found in an answer (text or JSON). */
export const leaks = (x: unknown) =>
  B_MARKERS.filter((m) => (typeof x === 'string' ? x : JSON.stringify(x ?? null)).includes(m));

export const at = (method: Attempt['method'], url: string, body?: unknown, status?: number[]): Attempt => ({
  method,
  url,
  body,
  ...(status ? { status } : {}),
});

/** A fixture-style account (password PASSWORD) created once per matrix run, shared by the modules. */
export async function ensureUser(
  db: Db,
  client: (u: string) => Promise<Client>,
  u: { username: string; role: 'supervisor'; scopeOrgId: number },
) {
  const exists = await db.selectFrom('app_user').select('id').where('username', '=', u.username).executeTakeFirst();
  if (!exists) await insertUser(db, u);
  return client(u.username);
}

/** Runs attempts as `who`; each must answer one of its statuses (default 403/404) and leak no marker. */
export async function tryAll(c: Client, who: string, attempts: Attempt[]) {
  const out: string[] = [];
  for (const a of attempts) {
    const r = await c.request(a.method, a.url, a.body);
    const l = leaks(r.body);
    if (!(a.status ?? [403, 404]).includes(r.status) || l.length)
      out.push(`${who} ${a.method} ${a.url} → ${r.status} ${l.join(',')} ${JSON.stringify(r.body).slice(0, 120)}`);
  }
  return out;
}

/** A module's setup ids, holding the 甲镇 督查员 (`supA`) and the 党员 (`member`) as clients. */
type Callers = Record<string, any>;

/**
 * town-a gets the attempts as `denied` does; the 甲镇 督查员 gets them too, expecting `supStatus`
 * (404); and, as the matrix does for every `denied` case, the 党员 member-a (403/404).
 */
export const both = (ids: Callers, attempts: () => Attempt[], supStatus = [404]): Case => ({
  kind: 'custom',
  run: async (townA) => [
    ...(await tryAll(townA, 'town-a', attempts())),
    ...(await tryAll(
      ids.supA,
      'dcs-a',
      attempts().map((a) => ({ ...a, status: a.status ?? supStatus })),
    )),
    ...(await tryAll(
      ids.member,
      'member-a',
      attempts().map((a) => ({ ...a, status: [403, 404, ...(a.status ?? [])] })),
    )),
  ],
});

/** The same attempts, with the same expected answers, as town-a, the 甲镇 督查员 and the 党员. */
export const asAll = async (townA: Client, ids: Callers, attempts: Attempt[]) => [
  ...(await tryAll(townA, 'town-a', attempts)),
  ...(await tryAll(ids.supA, 'dcs-a', attempts)),
  ...(await tryAll(ids.member, 'member-a', attempts)),
];

/** Runs `check` as town-a and as the 甲镇 督查员 (the readers of 甲镇's lists); collects the failures. */
export async function asReaders(townA: Client, ids: Callers, check: (cl: Client, who: string) => Promise<string[]>) {
  return [...(await check(townA, 'town-a')), ...(await check(ids.supA, 'dcs-a'))];
}

/** GETs `url` as `cl`: a failure unless 200 without any 乙镇 marker. */
export async function readsClean(cl: Client, who: string, url: string) {
  const r = await cl.get(url);
  return { r, out: r.status !== 200 || leaks(r.body).length ? [`${who} ${url} → ${r.status} ${leaks(r.body)}`] : [] };
}
