/**
 * Learning from corrections over HTTP: a reviewer's corrections are recorded as lessons, and the next extraction
 * does not repeat the mistakes (rows deleted as not tasks stay deleted, chosen leads are proposed again, marked as
 * coming from a past correction). Replayed on a document of our own and, when the corpus is on this machine, on a
 * dev2 document with its gold table.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusDir } from '../../../extract/corpus.ts';
import { squash } from '../../../extract/corrections.ts';
import { matchTasks, type GoldTask } from '../../../extract/replay.ts';
import type { ExtractedTask } from '../../../extract/types.ts';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { as, insertOrg, insertUser, seedCounty, type County } from '../../test/fixtures.ts';

let t: TestApp;
let c: County;
let dcs: Client;
const orgIds = new Map<string, number>();
let code = 0;

beforeAll(async () => {
  t = await createTestApp();
  c = await seedCounty(t.database.db);
  dcs = await as(t.app, 'dcs');
});
afterAll(() => t.close());

/** The county's units the gold tables name, created once (the reviewer picks them from the org tree). */
async function orgFor(name: string) {
  if (!orgIds.has(name))
    orgIds.set(
      name,
      await insertOrg(t.database.db, { code: `G${++code}`, name, type: '政府单位', parentId: c.orgs.county }),
    );
  return orgIds.get(name)!;
}

type Row = ExtractedTask & { leadOrgId: number | null };
const lessons = () => t.database.db.selectFrom('extraction_correction').selectAll().execute();

/** What a reviewer does in the review screen to make the rows match the gold table. */
async function review(doc: string, gold: GoldTask[], rows: Row[]) {
  const m = matchTasks(doc, gold, rows);
  const corrections: any[] = [];
  const fixed = new Map<string, number>();
  for (const [i, r] of rows.entries()) {
    const j = m.get(i);
    const passage = { text: r.text, start: r.start, end: r.end };
    if (j === undefined) {
      corrections.push({ kind: 'not_task', ...passage });
      continue;
    }
    const want = gold[j].units?.[0];
    if (!want) continue;
    const id = await orgFor(want);
    if (r.leadOrgId === id) continue;
    corrections.push({
      kind: 'unit',
      ...passage,
      unitText: r.unitSource === 'explicit' && r.units.length === 1 ? r.units[0] : null,
      unitSource: r.unitSource ?? null,
      proposalType: r.proposals?.find((p) => p.source === 'function')?.type ?? null,
      leadOrgId: id,
    });
    // only what a lesson can teach is expected to be fixed next time (a wrong inherited unit teaches nothing)
    const teaches =
      (r.unitSource === 'explicit' && r.units.length === 1) || !r.units.length || r.unitSource === 'proposal';
    if (teaches) fixed.set(squash(r.text), id);
  }
  return { corrections, fixed };
}

async function replay(title: string, doc: string, gold: GoldTask[], date: string) {
  for (const g of gold) if (g.units?.[0]) await orgFor(g.units[0]);
  const d = await dcs.post('/api/documents', { title, date, text: doc, allowDuplicate: true });
  expect(d.status).toBe(201);
  const first = await dcs.post(`/api/documents/${d.body.id}/extract`);
  expect(first.status).toBe(200);
  const { corrections, fixed } = await review(doc, gold, first.body.tasks);
  expect(corrections.length).toBeGreaterThan(0);
  const before = await lessons();
  const r = await dcs.post(`/api/documents/${d.body.id}/corrections`, { corrections });
  expect(r.status).toBe(200);
  expect(r.body.recorded).toBe(corrections.length);
  const after = await lessons();
  const learnt = Object.values(r.body.learnt as Record<string, number>).reduce((a, b) => a + b, 0);
  expect(after.length).toBeGreaterThan(before.length - 1);
  expect(after.filter((x) => x.document_id === d.body.id)).toHaveLength(learnt);

  const again = await dcs.post(`/api/documents/${d.body.id}/extract`);
  const rejected = new Set(corrections.filter((x) => x.kind === 'not_task').map((x) => squash(x.text)));
  const rows: Row[] = again.body.tasks;
  expect(rows.filter((x) => rejected.has(squash(x.text)))).toEqual([]);
  for (const x of rows) {
    const want = fixed.get(squash(x.text));
    if (want !== undefined) expect({ text: x.text, lead: x.leadOrgId }).toEqual({ text: x.text, lead: want });
  }
  return { first: first.body, again: again.body, corrections, fixed, id: d.body.id as number };
}

describe('corrections: replay, the same mistakes do not recur', () => {
  it('on a 分工 document of our own', async () => {
    await orgFor('县城市管理局');
    const doc = [
      '2026年县政府重点工作任务分解表',
      '1.开展产业链招商,新引进亿元以上项目12个。',
      '2.推进老旧小区改造,完成改造15个。',
      '3.会议要求大家高度重视。',
      '4.城管要加强夜市占道经营整治。',
    ].join('\n');
    const gold = [
      { text: '开展产业链招商,新引进亿元以上项目12个', units: ['县投资促进中心'] },
      { text: '推进老旧小区改造,完成改造15个', units: ['县城建中心'] },
      { text: '城管要加强夜市占道经营整治', units: ['县综合行政执法局'] },
    ];
    const r = await replay('重点工作任务分解表', doc, gold, '2026-03-01');
    expect(r.fixed.size).toBeGreaterThanOrEqual(2);
    // the review screen can say where a proposal came from
    const row = r.again.tasks.find((x: Row) => x.text.includes('老旧小区'));
    expect(row).toMatchObject({ unitSource: 'correction', leadOrgId: orgIds.get('县城建中心') });
    expect(row.proposals[0]).toMatchObject({ source: 'correction' });
    expect(row.reasons).toContain('correction');
    expect(r.again.learnt).toBeGreaterThan(0);
    // and a new document on the same topics gets the same leads
    const next = await dcs.post('/api/documents', {
      title: '下半年工作安排',
      date: '2026-07-01',
      text: '2026年下半年重点工作任务分解表\n1.继续推进老旧小区改造,再完成改造6个。',
    });
    const ex = await dcs.post(`/api/documents/${next.body.id}/extract`);
    expect(ex.body.tasks[0]).toMatchObject({ leadOrgId: orgIds.get('县城建中心'), unitSource: 'correction' });
    const a = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'document.corrections')
      .where('entity_id', '=', String(r.id))
      .execute();
    expect(a).toHaveLength(1);
  });

  const dev2 = corpusDir('dev2');
  const name = 'official_huoshan_kaifaqu_zerenqingdan_2025';
  it.runIf(!!dev2)(`on the dev2 document ${name}`, async () => {
    const doc = fs.readFileSync(path.join(dev2!, `${name}.txt`), 'utf8').replace(/\r\n?/g, '\n');
    const gold = JSON.parse(fs.readFileSync(path.join(dev2!, `${name}.gold.json`), 'utf8'));
    const r = await replay('责任清单', doc, gold.tasks, gold.reference_date);
    expect(r.fixed.size).toBeGreaterThan(0);
  });
});

describe('corrections: scope, bad inputs, forgetting', () => {
  let docId: number;
  beforeAll(async () => {
    docId = (
      await dcs.post('/api/documents', { title: '会议纪要', date: '2026-03-01', text: '各镇要在6月底前完成危房排查。' })
    ).body.id;
  });

  it('a town does not learn from its neighbour; the county teaches its towns', async () => {
    await insertUser(t.database.db, { username: 'sup-b', role: 'supervisor', scopeOrgId: c.orgs.townB });
    await insertUser(t.database.db, { username: 'sup-a', role: 'supervisor', scopeOrgId: c.orgs.townA });
    const supB = await as(t.app, 'sup-b');
    const supA = await as(t.app, 'sup-a');
    const text = '各村要在9月底前完成人居环境整治。\n各村要在5月底前完成河道清淤。';
    const rowB = { text: '各村要在5月底前完成河道清淤', start: 18, end: 32 };
    const texts = async (cl: Client, id: number) =>
      (await cl.post(`/api/documents/${id}/extract`)).body.tasks.map((x: Row) => x.text);
    const b = (await supB.post('/api/documents', { title: '乙镇纪要', date: '2026-03-01', text, allowDuplicate: true }))
      .body.id;
    expect(await texts(supB, b)).toContain(rowB.text);
    const r = await supB.post(`/api/documents/${b}/corrections`, { corrections: [{ kind: 'not_task', ...rowB }] });
    expect(r.body).toMatchObject({ recorded: 1, learnt: { not_task: 1 } });
    expect(await texts(supB, b)).not.toContain(rowB.text);
    // the same text in 甲镇's document is still a task for 甲镇
    const a = (await supA.post('/api/documents', { title: '甲镇纪要', date: '2026-03-01', text, allowDuplicate: true }))
      .body.id;
    expect(await texts(supA, a)).toContain(rowB.text);
    expect((await supA.get('/api/extraction-corrections')).body.total).toBe(0);
    // a lesson of the county serves 甲镇
    const county = (
      await dcs.post('/api/documents', { title: '县纪要', date: '2026-03-01', text, allowDuplicate: true })
    ).body.id;
    await dcs.post(`/api/documents/${county}/corrections`, {
      corrections: [{ kind: 'not_task', text: '各村要在9月底前完成人居环境整治', start: 0, end: 16 }],
    });
    expect(await texts(supA, a)).toEqual([rowB.text]);
    const all = await dcs.get('/api/extraction-corrections?kind=not_task&pageSize=500');
    expect(all.body.items.map((x: { text: string }) => x.text)).toEqual(
      expect.arrayContaining([rowB.text, '各村要在9月底前完成人居环境整治']),
    );
  });

  it('refuses bad corrections and changes nothing', async () => {
    const n = (await lessons()).length;
    const row = { text: '各镇要在6月底前完成危房排查', start: 0, end: 14 };
    const bad: [unknown, number, string?][] = [
      [{ corrections: [] }, 400],
      [{ corrections: [{ kind: 'not_task', ...row, start: 0, end: 99_999 }] }, 400, 'PASSAGE_INVALID'],
      [{ corrections: [{ kind: 'not_task', ...row, start: 10, end: 5 }] }, 400, 'PASSAGE_INVALID'],
      [{ corrections: [{ kind: 'maybe', ...row }] }, 400],
      [
        {
          corrections: [
            { kind: 'not_task', ...row },
            { kind: 'unit', ...row, unitText: null, unitSource: 'none', proposalType: null, leadOrgId: 999_999 },
          ],
        },
        404,
        'ORG_NOT_FOUND',
      ],
    ];
    for (const [body, status, code] of bad) {
      const r = await dcs.post(`/api/documents/${docId}/corrections`, body);
      expect(r.status).toBe(status);
      if (code) expect(r.body.code).toBe(code);
      expect(r.body.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(
      (await dcs.post('/api/documents/999999/corrections', { corrections: [{ kind: 'not_task', ...row }] })).status,
    ).toBe(404);
    expect((await lessons()).length).toBe(n);
  });

  it('a repeated lesson replaces the older one; a wrong lesson can be forgotten', async () => {
    const row = { text: '各镇要在6月底前完成危房排查', start: 0, end: 14 };
    const unit = (leadOrgId: number) => ({
      corrections: [{ kind: 'unit', ...row, unitText: '各镇', unitSource: 'explicit', proposalType: null, leadOrgId }],
    });
    expect((await dcs.post(`/api/documents/${docId}/corrections`, unit(c.orgs.townA))).body.learnt.alias).toBe(1);
    await dcs.post(`/api/documents/${docId}/corrections`, unit(c.orgs.dept));
    const aliases = (await lessons()).filter((x) => x.kind === 'alias' && x.text === '各镇');
    expect(aliases.map((x) => x.unit_org_id)).toEqual([c.orgs.dept]);
    const del = await dcs.delete(`/api/extraction-corrections/${aliases[0].id}`);
    expect(del.body).toEqual({ ok: true });
    expect((await lessons()).filter((x) => x.text === '各镇')).toEqual([]);
    expect((await dcs.delete(`/api/extraction-corrections/${aliases[0].id}`)).status).toBe(404);
  });
});
