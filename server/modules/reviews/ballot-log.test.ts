/**
 * Ballot codes never reach the log, an error message or the audit chain, through a whole voting
 * run (QR link, form, ballot, retry, used and wrong codes, malformed input); and a ballot whose
 * reply was lost can be submitted again with the same nonce for the same receipt, without anything
 * that links the voter's token to the ballot.
 */
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { as, seedCounty, type County } from '../../test/fixtures.ts';
import { redactUrl } from '../../lib/log.ts';
import { nonceCheck, receiptFor, tokenHash } from './tokens.ts';

let t: TestApp;
let c: County;
let rid: number;
let tokens: string[];
const log: string[] = [];
const bodies: string[] = [];
const nonce = (i: number) => `nonce-${String(i).padStart(4, '0')}-abcdefghijklmnop`;

beforeAll(async () => {
  const stream = new PassThrough();
  stream.on('data', (d) => log.push(String(d)));
  t = await createTestApp({ env: { LOG_LEVEL: 'debug' }, logStream: stream });
  c = await seedCounty(t.database.db);
  const zzb = await as(t.app, 'zzb');
  rid = (await zzb.post('/api/reviews', { title: '日志保密评议', year: 2024, orgIds: [c.orgs.townA, c.orgs.townB] }))
    .body.id;
  const p = await zzb.post(`/api/reviews/${rid}/participants`, {
    items: [{ name: '张三明', memberId: c.members.mA1 }],
  });
  tokens = (await zzb.post(`/api/reviews/${rid}/tokens`, { count: 12, qr: true })).body.tokens;
  const pid = p.body.items?.[0]?.id ?? (await zzb.get(`/api/reviews/${rid}/participants`)).body.items[0].id;
  tokens.push((await zzb.post(`/api/reviews/${rid}/participants/${pid}/issue`)).body.token);
  await zzb.post(`/api/reviews/${rid}/open-voting`);
});
afterAll(() => t.close());

const send = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, ip = '10.0.0.5') => {
  const r = await t.app.inject({ method, url, payload: payload as any, remoteAddress: ip });
  bodies.push(r.body);
  return r;
};
const ratings = (g = '好') => [c.orgs.townA, c.orgs.townB].map((orgId) => ({ orgId, grade: g }));

describe('a whole voting run leaves no ballot code in logs, errors or audit rows', () => {
  it('runs the voting: QR links, forms, ballots with nonces, retries, used, wrong and malformed codes', async () => {
    const receipts: string[] = [];
    for (const [i, tk] of tokens.entries()) {
      // The phone opens the QR link (the SPA page), then the page posts the code.
      expect((await send('GET', `/vote?t=${encodeURIComponent(tk)}`)).statusCode).toBeLessThan(500);
      // The short link printed under the QR code, and the page's autosave.
      expect((await send('GET', `/v/${tk.replace('-', '')}`)).statusCode).toBeLessThan(500);
      const draft = [{ orgId: c.orgs.townA, grade: '好', opinion: `草稿 ${tk}` }];
      expect((await send('PUT', '/api/ballots/draft', { token: tk, ratings: draft })).statusCode).toBe(200);
      expect((await send('POST', '/api/ballots/form', { token: i % 2 ? tk.toLowerCase() : tk })).statusCode).toBe(200);
      const r = await send('POST', '/api/ballots', { token: tk, nonce: nonce(i), ratings: ratings() });
      expect(r.statusCode).toBe(200);
      receipts.push(r.json().receipt);
    }
    // Retry after a lost reply: same token, same nonce → the same receipt, nothing added.
    const again = await send('POST', '/api/ballots', { token: tokens[0], nonce: nonce(0), ratings: ratings() });
    expect(again.statusCode).toBe(200);
    expect(again.json().receipt).toBe(receipts[0]);
    // Someone else with the same (used) code: 409.
    const other = await send('POST', '/api/ballots', { token: tokens[0], nonce: nonce(99), ratings: ratings() });
    expect(other.statusCode).toBe(409);
    expect((await send('POST', '/api/ballots', { token: tokens[1], ratings: ratings() })).statusCode).toBe(409);
    expect((await send('POST', '/api/ballots/form', { token: tokens[2] })).statusCode).toBe(409);
    // Legacy GET links with the code in the query string are not served as an API any more.
    expect((await send('GET', `/api/ballots/form?token=${tokens[3]}`)).statusCode).toBe(404);
    // Wrong, malformed and hostile variants of real codes.
    for (const tk of tokens.slice(0, 4)) {
      await send('POST', '/api/ballots', { token: `${tk}X`, ratings: ratings() });
      await send('POST', '/api/ballots', { token: `${tk}${'Z'.repeat(40)}`, ratings: ratings() });
      await send('POST', '/api/ballots', { token: tk, ratings: 'all good' });
      await send('POST', '/api/ballots', { token: tk, nonce: 'bad nonce!', ratings: ratings() });
      await send('POST', '/api/ballots/form', { token: tk, extra: tk });
      await send('GET', `/vote?code=${tk}&t=${tk}`);
    }
    const ballots = await t.database.db.selectFrom('ballot').select('receipt').where('campaign_id', '=', rid).execute();
    expect(ballots.map((b) => b.receipt).sort()).toEqual([...receipts].sort());
  });

  it('greps the captured log, every error body and the audit chain for every issued code', async () => {
    const text = log.join('');
    expect(text).toContain('/vote?t=[已隐藏]'); // the log did capture the run
    expect(text).toContain('/api/ballots');
    expect(text).toContain('/v/[已隐藏]');
    expect(text).toContain('/api/ballots/draft');
    const audit = JSON.stringify(await t.database.db.selectFrom('audit_log').selectAll().execute());
    const errors = bodies.filter((b) => b.includes('"message"')).join('\n');
    for (const tk of tokens) {
      const forms = [tk, tk.replace('-', ''), tk.toLowerCase(), encodeURIComponent(tk), tk.slice(0, 5), tk.slice(6)];
      for (const f of forms) {
        expect(text.includes(f), `log contains ${f}`).toBe(false);
        expect(errors.includes(f), `an error message contains ${f}`).toBe(false);
        expect(audit.includes(f), `the audit chain contains ${f}`).toBe(false);
      }
    }
  });

  it('the stored nonce digest and the receipt do not lead to each other without the nonce', async () => {
    const tk = tokens[4];
    const row = await t.database.db
      .selectFrom('review_token')
      .select('nonce_check')
      .where('hash', '=', tokenHash(tk))
      .executeTakeFirstOrThrow();
    expect(row.nonce_check).toBe(nonceCheck(tokenHash(tk), nonce(4)));
    const receipts = (await t.database.db.selectFrom('ballot').select('receipt').execute()).map((b) => b.receipt);
    expect(receipts).toContain(receiptFor(tokenHash(tk), nonce(4)));
    // Nothing stored names the ballot: not the receipt, not the ballot id.
    const ids = (await t.database.db.selectFrom('ballot').select(['id', 'receipt']).execute()).flatMap((b) => [
      b.id,
      b.receipt,
    ]);
    const stored = JSON.stringify(await t.database.db.selectFrom('review_token').selectAll().execute());
    for (const x of ids) expect(stored.includes(x)).toBe(false);
  });
});

describe('redactUrl', () => {
  it('hides secret query values and keeps everything else', () => {
    expect(redactUrl('/vote?t=ABCDE-FGHJK')).toBe('/vote?t=[已隐藏]');
    expect(redactUrl('/setup?token=abc&x=1')).toBe('/setup?token=[已隐藏]&x=1');
    expect(redactUrl('/vote?T=abc')).toBe('/vote?T=[已隐藏]');
    expect(redactUrl('/vote?%74=abc')).toBe('/vote?%74=[已隐藏]');
    expect(redactUrl('/vote?ABCDE-FGHJK')).toBe('/vote?[已隐藏]');
    expect(redactUrl('/api/members?q=张&page=2')).toBe('/api/members?q=张&page=2');
    expect(redactUrl('/api/health')).toBe('/api/health');
    // the 组织生活 sign-in sheet code and the 好差评 复评码 are secrets too
    expect(redactUrl('/api/checkin/info?c=K7P2Q9')).toBe('/api/checkin/info?c=[已隐藏]');
    expect(redactUrl('/api/public/followups/ABC123?x=1')).toBe('/api/public/followups/[已隐藏]?x=1');
    expect(redactUrl('/v/ABCDEFGHJK')).toBe('/v/[已隐藏]');
    expect(redactUrl('/v/ABCDEFGHJK?from=qr')).toBe('/v/[已隐藏]?from=qr');
  });
});
