/**
 * The vote page's autosave: a draft saved under a code comes back with the form of that code only,
 * is unreadable in the database without the code, carries nothing but the code's row, and is gone
 * once the ballot is cast or the campaign closes. Bad drafts are refused in Chinese, changing nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '../../test/harness.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { as, seedCounty, type County } from '../../test/fixtures.ts';
import { openDraft } from './draft.ts';
import { closedCampaign } from './reviews.test-support.ts';
import { tokenHash } from './tokens.ts';

let t: TestApp;
let c: County;
let rid: number;
let tokens: string[];
let anon: Client;
const OPINION = '希望加强村级后备干部培养';

const stored = async (tk: string) =>
  (
    await t.database.db
      .selectFrom('review_token')
      .select('draft')
      .where('hash', '=', tokenHash(tk))
      .executeTakeFirstOrThrow()
  ).draft;
const put = (body: unknown) => anon.request('PUT', '/api/ballots/draft', body);

beforeAll(async () => {
  t = await createTestApp();
  c = await seedCounty(t.database.db);
  const zzb = await as(t.app, 'zzb');
  rid = (await zzb.post('/api/reviews', { title: '草稿评议', year: 2024, orgIds: [c.orgs.townA, c.orgs.townB] })).body
    .id;
  tokens = (await zzb.post(`/api/reviews/${rid}/tokens`, { count: 3 })).body.tokens;
  expect((await zzb.post(`/api/reviews/${rid}/open-voting`)).status).toBe(200);
  anon = new Client(t.app);
});
afterAll(() => t.close());

describe('ballot drafts', () => {
  it('saves a partial ballot under the code, sealed, and returns it with the form', async () => {
    expect((await anon.post('/api/ballots/form', { token: tokens[0] })).body.draft).toBeNull();
    const audits = (await t.database.db.selectFrom('audit_log').select('id').execute()).length;
    const r = await put({
      token: tokens[0].toLowerCase(),
      ratings: [
        { orgId: c.orgs.townA, grade: '好', opinion: OPINION },
        { orgId: c.orgs.townB, grade: '' },
      ],
    });
    expect(r.status).toBe(200);
    const sealed = await stored(tokens[0]);
    expect(sealed).toBeTruthy();
    // Nothing readable in the row, and nothing else recorded the save.
    const raw = Buffer.from(sealed!, 'base64');
    for (const s of [OPINION, '好', '"grade"']) expect(raw.includes(s)).toBe(false);
    expect(raw.length).toBe(12 + 16 + 512); // iv + tag + one padded block: the length hides the content
    expect(openDraft(tokens[1], sealed)).toBeNull();
    expect((await t.database.db.selectFrom('audit_log').select('id').execute()).length).toBe(audits);
    // The row without a grade and opinion is not kept.
    const form = await anon.post('/api/ballots/form', { token: tokens[0] });
    expect(form.body.draft).toEqual([{ orgId: c.orgs.townA, grade: '好', opinion: OPINION }]);
    // Another code sees none of it.
    expect((await anon.post('/api/ballots/form', { token: tokens[1] })).body.draft).toBeNull();
    // A newer save replaces the draft.
    await put({ token: tokens[0], ratings: [{ orgId: c.orgs.townB, grade: '一般' }] });
    expect((await anon.post('/api/ballots/form', { token: tokens[0] })).body.draft).toEqual([
      { orgId: c.orgs.townB, grade: '一般' },
    ]);
  });

  it('refuses bad drafts in Chinese and keeps the previous one', async () => {
    const before = await stored(tokens[0]);
    const bad: [unknown, number, RegExp][] = [
      [{ token: tokens[0], ratings: [{ orgId: c.orgs.b1, grade: '好' }] }, 400, /不在本次评议范围内/],
      [
        {
          token: tokens[0],
          ratings: [
            { orgId: c.orgs.townA, grade: '好' },
            { orgId: c.orgs.townA, grade: '差' },
          ],
        },
        400,
        /只能评议一次/,
      ],
      [{ token: tokens[0], ratings: [{ orgId: c.orgs.townA, grade: '优秀' }] }, 400, /评议等次「优秀」无效/],
      [{ token: tokens[0], ratings: [{ orgId: c.orgs.townA, grade: '好', who: 'x' }] }, 400, /./],
      [{ token: tokens[0], ratings: [{ orgId: c.orgs.townA, grade: '好', opinion: 'x'.repeat(501) }] }, 400, /意见/],
      [{ token: 'ABCDE-FGHJK', ratings: [] }, 404, /选票码无效/],
    ];
    for (const [body, status, msg] of bad) {
      const r = await put(body);
      expect(r.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect(r.body.message).toMatch(msg);
    }
    expect(await stored(tokens[0])).toBe(before);
  });

  it('is deleted with the cast and refused afterwards', async () => {
    const ratings = [
      { orgId: c.orgs.townA, grade: '好' },
      { orgId: c.orgs.townB, grade: '一般' },
    ];
    expect((await anon.post('/api/ballots', { token: tokens[0], ratings })).status).toBe(200);
    expect(await stored(tokens[0])).toBeNull();
    const again = await put({ token: tokens[0], ratings });
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/已使用/);
    expect(await stored(tokens[0])).toBeNull();
  });

  it('goes for the whole campaign when it closes', async () => {
    expect((await put({ token: tokens[1], ratings: [{ orgId: c.orgs.townA, grade: '较好' }] })).status).toBe(200);
    expect(await stored(tokens[1])).toBeTruthy();
    const zzb = await as(t.app, 'zzb');
    // Voting stops with the 202: the drafts are gone before the counting even starts.
    expect((await zzb.post(`/api/reviews/${rid}/close`)).status).toBe(202);
    expect(await stored(tokens[1])).toBeNull();
    await closedCampaign(zzb, rid);
    const late = await put({ token: tokens[2], ratings: [{ orgId: c.orgs.townA, grade: '好' }] });
    expect(late.status).toBe(409);
    expect(await stored(tokens[2])).toBeNull();
  });
});
