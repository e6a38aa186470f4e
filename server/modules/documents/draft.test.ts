/**
 * The review draft over HTTP: saved as the reviewer works (versions, last write wins, told when it
 * replaced a colleague's copy), restored with who saved it, refused for bad rows with nothing changed,
 * refused to a unit that only received a task from the document, discarded, and cleared by a publish.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { as, insertUser, seedCounty, type County } from '../../test/fixtures.ts';

let t: TestApp;
let c: County;
let dcs: Client;
let doc: number;
const TEXT = '甲镇要在年底前完成党员活动室改造。乙镇要加强宣传引导。';

beforeAll(async () => {
  t = await createTestApp();
  c = await seedCounty(t.database.db);
  dcs = await as(t.app, 'dcs');
  doc = (await dcs.post('/api/documents', { title: '县委常委会纪要', date: '2026-11-30', text: TEXT })).body.id;
});
afterAll(() => t.close());

const row = (key: string, start: number, end: number, leadOrgId: number | null = null) => ({
  key,
  text: TEXT.slice(start, end),
  start,
  end,
  leadOrgId,
  coOrgIds: [],
  dueDate: '2026-12-31',
  deadlineText: '年底前',
  targets: [],
  unmatched: [],
  units: ['甲镇'],
  leader: '张副县长',
  confidence: 0.9,
  reasons: ['要'],
  origin: {
    text: TEXT.slice(start, end),
    start,
    end,
    leadOrgId: null,
    unitSource: 'explicit',
    units: ['甲镇'],
    proposalType: null,
  },
});
const url = () => `/api/documents/${doc}/review-draft`;
const stored = () =>
  t.database.db.selectFrom('document_review_draft').selectAll().where('document_id', '=', doc).executeTakeFirst();

it('saves, restores, counts versions and says when a colleague’s copy was replaced', async () => {
  expect((await dcs.get(url())).body).toEqual({ draft: null });
  const taught = [{ kind: 'not_task', text: '乙镇要加强宣传引导', start: 17, end: 26 }];
  const first = await dcs.request('PUT', url(), {
    baseVersion: null,
    rows: [row('r1', 0, 16, c.orgs.townA), row('r2', 17, 26)],
    taught,
    warnings: ['提示'],
  });
  expect(first.status).toBe(200);
  expect(first.body).toMatchObject({ version: 1, overwritten: false });
  const again = await dcs.request('PUT', url(), {
    baseVersion: 1,
    rows: [row('r1', 0, 16, c.orgs.townA)],
    taught,
    warnings: [],
  });
  expect(again.body).toMatchObject({ version: 2, overwritten: false });
  // the county's 组织部 saves over a stale copy: last write wins, and it is told
  const zzb = await as(t.app, 'zzb');
  const stale = await zzb.request('PUT', url(), { baseVersion: 1, rows: [row('r9', 0, 16)], taught: [], warnings: [] });
  expect(stale.body).toMatchObject({ version: 3, overwritten: true });
  const got = await dcs.get(url());
  expect(got.status).toBe(200);
  expect(got.body.draft).toMatchObject({ version: 3, savedByName: 'zzb', rows: [row('r9', 0, 16)], taught: [] });
  expect(await stored()).toMatchObject({ version: 3 });
  // only the first save is audited, not every autosave
  const audits = await t.database.db
    .selectFrom('audit_log')
    .select('action')
    .where('action', 'like', 'document.draft%')
    .execute();
  expect(audits.map((a) => a.action)).toEqual(['document.draft.start']);
});

it('refuses bad rows and callers that may not review the document, changing nothing', async () => {
  const before = await stored();
  const bad = async (body: unknown, code: string | null, status = 400) => {
    const r = await dcs.request('PUT', url(), body);
    expect(r.status).toBe(status);
    if (code) expect(r.body.code).toBe(code);
    expect(typeof r.body.message).toBe('string');
  };
  const ok = { baseVersion: 3, taught: [], warnings: [] };
  await bad({ ...ok, rows: [row('r1', 0, TEXT.length + 5)] }, 'PASSAGE_INVALID');
  await bad({ ...ok, rows: [row('r1', 10, 4)] }, 'PASSAGE_INVALID');
  await bad({ ...ok, rows: [row('r1', 0, 16), row('r1', 17, 26)] }, 'DRAFT_ROW_DUPLICATE');
  await bad({ ...ok, rows: [{ ...row('r1', 0, 16), dueDate: '2026-13-01' }] }, null);
  await bad({ ...ok, rows: [{ ...row('r1', 0, 16), extra: 1 }] }, null);
  await bad({ ...ok, rows: Array.from({ length: 501 }, (_, i) => row(`r${i}`, 0, 16)) }, null);
  await bad({ rows: [] }, null);
  // 甲镇's 督查员: the county's document is not there for it (nothing received yet); a 单位管理员 lacks the permission
  await insertUser(t.database.db, { username: 'dcs-a', role: 'supervisor', scopeOrgId: c.orgs.townA });
  const supA = await as(t.app, 'dcs-a');
  expect((await supA.request('PUT', url(), { ...ok, rows: [] })).status).toBe(404);
  expect((await supA.get(url())).status).toBe(404);
  expect((await (await as(t.app, 'town-a')).get(url())).status).toBe(403);
  const member = await as(t.app, 'member-a');
  expect([403, 404]).toContain((await member.get(url())).status);
  expect(await stored()).toEqual(before);
  expect((await dcs.request('PUT', '/api/documents/999999/review-draft', { ...ok, rows: [] })).status).toBe(404);
});

it('is discarded on request and cleared by a publish', async () => {
  const del = await dcs.delete(url());
  expect(del.body).toEqual({ ok: true });
  expect(await stored()).toBeUndefined();
  await dcs.request('PUT', url(), {
    baseVersion: null,
    rows: [row('r1', 0, 16, c.orgs.townA)],
    taught: [],
    warnings: [],
  });
  expect(await stored()).toMatchObject({ version: 1 });
  const pub = await dcs.post(`/api/documents/${doc}/publish`, {
    tasks: [
      {
        text: TEXT.slice(0, 16),
        start: 0,
        end: 16,
        leadOrgId: c.orgs.townA,
        coOrgIds: [],
        dueDate: null,
        deadlineText: null,
        targets: [],
        leader: null,
      },
    ],
  });
  expect(pub.status).toBe(200);
  expect(await stored()).toBeUndefined();
  // 甲镇 now reads the document (it received a task from it) but does not review it
  const supA = await as(t.app, 'dcs-a');
  expect((await supA.get(`/api/documents/${doc}`)).status).toBe(200);
  const r = await supA.get(url());
  expect([r.status, r.body.code]).toEqual([403, 'DOCUMENT_NOT_OWNED']);
  const actions = await t.database.db
    .selectFrom('audit_log')
    .select('action')
    .where('action', 'like', 'document.draft%')
    .orderBy('id')
    .execute();
  expect(actions.map((a) => a.action)).toEqual([
    'document.draft.start',
    'document.draft.discard',
    'document.draft.start',
    'document.draft.publish',
  ]);
});
