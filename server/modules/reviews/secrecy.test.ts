/**
 * The secret ballot: no column, index, key order, timestamp, audit row, endpoint or export links a
 * ballot to a voter or a token, and a token yields exactly one ballot even under concurrent submits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { createTestApp, Client, type TestApp } from '../../test/harness.ts';
import { as, seedCounty, type County } from '../../test/fixtures.ts';
import { closeReview } from './reviews.test-support.ts';

let t: TestApp;
let c: County;
let zzb: Client;
let rid: number;
let tokens: string[];
const db = () => t.database.db;
const LINK =
  /voter|user|token|participant|member|actor|person|(^|_)ip($|_)|session|hash|_at$|time|seq|created|updated/i;
const rate = (token: string, g = '好', opinion?: string) => ({
  token,
  ratings: [c.orgs.townA, c.orgs.townB].map((orgId) => ({ orgId, grade: g, ...(opinion ? { opinion } : {}) })),
});

beforeAll(async () => {
  t = await createTestApp();
  c = await seedCounty(t.database.db);
  zzb = await as(t.app, 'zzb');
  rid = (await zzb.post('/api/reviews', { title: '保密测试评议', year: 2024, orgIds: [c.orgs.townA, c.orgs.townB] }))
    .body.id;
  await zzb.post(`/api/reviews/${rid}/participants`, {
    items: [
      { name: '张三明', memberId: c.members.mA1 },
      { name: '列席人员甲', kind: '列席', unit: '县直某局' },
    ],
  });
  tokens = (await zzb.post(`/api/reviews/${rid}/tokens`, { count: 40 })).body.tokens;
  await zzb.post(`/api/reviews/${rid}/open-voting`);
});
afterAll(() => t.close());

async function columnsOf(table: string): Promise<{ name: string; type: string; pk: boolean }[]> {
  if (t.database.dialect === 'sqlite') {
    const r = await sql<any>`select name, type, pk from pragma_table_info(${table})`.execute(db());
    return r.rows.map((x) => ({ name: x.name, type: String(x.type).toLowerCase(), pk: x.pk > 0 }));
  }
  const r = await sql<any>`select c.column_name as name, c.data_type as type,
      exists(select 1 from information_schema.key_column_usage k join information_schema.table_constraints tc on tc.constraint_name = k.constraint_name
             where tc.table_name = ${table} and tc.constraint_type = 'PRIMARY KEY' and k.column_name = c.column_name) as pk
    from information_schema.columns c where c.table_name = ${table}`.execute(db());
  return r.rows.map((x) => ({ name: x.name, type: String(x.type).toLowerCase(), pk: !!x.pk }));
}

async function indexesOf(table: string): Promise<{ name: string; columns: string[] }[]> {
  if (t.database.dialect === 'sqlite') {
    const list = (await sql<any>`select name from pragma_index_list(${table})`.execute(db())).rows;
    const out = [];
    for (const i of list)
      out.push({
        name: i.name,
        columns: (await sql<any>`select name from pragma_index_info(${i.name})`.execute(db())).rows.map((x) => x.name),
      });
    return out;
  }
  const r = await sql<any>`select indexname as name, indexdef from pg_indexes where tablename = ${table}`.execute(db());
  return r.rows.map((x) => ({ name: x.name, columns: [x.indexdef] }));
}

async function foreignKeysOf(table: string): Promise<string[]> {
  if (t.database.dialect === 'sqlite')
    return (await sql<any>`select "table" as t from pragma_foreign_key_list(${table})`.execute(db())).rows.map(
      (x) => x.t,
    );
  const r = await sql<any>`select ccu.table_name as t from information_schema.table_constraints tc
    join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name
    where tc.table_name = ${table} and tc.constraint_type = 'FOREIGN KEY'`.execute(db());
  return r.rows.map((x) => x.t);
}

describe('anonymity at schema level', () => {
  it('ballot tables have no column, index or foreign key linking to a voter, user, token or time', async () => {
    for (const table of ['ballot', 'ballot_rating', 'review_tally']) {
      const cols = await columnsOf(table);
      expect(cols.length).toBeGreaterThan(0);
      expect(
        cols.filter((x) => LINK.test(x.name)).map((x) => x.name),
        table,
      ).toEqual([]);
      for (const ix of await indexesOf(table))
        expect(ix.columns.join(' '), `${table}.${ix.name}`).not.toMatch(/voter|user_|token|participant|member|actor/i);
      expect(
        (await foreignKeysOf(table)).filter((x) => !['ballot', 'review_campaign'].includes(x)),
        table,
      ).toEqual([]);
    }
    // The token table has no owner, no time, and nothing pointing at a ballot (nonce_check is a
    // digest of the voter's client nonce; the receipt is another digest of it: see tokens.ts; the
    // draft is sealed with a key from the code and cleared by the cast: see draft.ts).
    expect((await columnsOf('review_token')).map((x) => x.name).sort()).toEqual([
      'campaign_id',
      'draft',
      'hash',
      'nonce_check',
      'used',
    ]);
    // Participants record only that a token was received.
    expect(
      (await columnsOf('review_participant')).map((x) => x.name).filter((n) => /token|hash|ballot|receipt/.test(n)),
    ).toEqual([]);
  });

  it('the ballot key is random text, not an integer sequence, and (SQLite) there is no hidden rowid', async () => {
    const cols = await columnsOf('ballot');
    const pk = cols.filter((x) => x.pk);
    expect(pk.map((x) => x.name)).toEqual(['id']);
    expect(pk[0].type).toMatch(/text/);
    expect(cols.find((x) => x.name === 'id')!.type).not.toMatch(/int|serial/);
    if (t.database.dialect === 'sqlite') {
      await expect(sql`select rowid from ballot`.execute(db())).rejects.toThrow(/rowid/);
      await expect(sql`select rowid from ballot_rating`.execute(db())).rejects.toThrow(/rowid/);
      await expect(sql`select rowid from review_token`.execute(db())).rejects.toThrow(/rowid/);
    } else {
      const r = await sql<any>`select count(*)::int as n from information_schema.sequences`.execute(db());
      const seqs = await sql<any>`select pg_get_serial_sequence('ballot', 'id') as s`.execute(db());
      expect(seqs.rows[0].s).toBeNull();
      expect(r.rows.length).toBe(1);
    }
  });
});

describe('anonymity at time level and API level', () => {
  it('stores only the day, shows no instant and writes no audit row per ballot', async () => {
    const auditBefore = (await db().selectFrom('audit_log').select('id').execute()).length;
    const receipts: string[] = [];
    for (let i = 0; i < 6; i++)
      receipts.push(
        (await new Client(t.app).post('/api/ballots', rate(tokens[i], i % 2 ? '较好' : '好', `意见${i}`))).body.receipt,
      );
    expect(receipts.every((r) => /^[A-Z2-9]{10}$/.test(r))).toBe(true);
    expect((await db().selectFrom('audit_log').select('id').execute()).length).toBe(auditBefore);
    const rows = await db().selectFrom('ballot').selectAll().where('campaign_id', '=', rid).execute();
    expect(rows).toHaveLength(6);
    for (const b of rows) {
      expect(b.cast_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(b.id).toMatch(/^[0-9a-f]{32}$/);
      for (const v of Object.values(b)) expect(String(v)).not.toMatch(/T\d{2}:\d{2}/);
    }
    // Random ids: the key order is not the insertion order.
    const byKey = await db()
      .selectFrom('ballot')
      .select('receipt')
      .where('campaign_id', '=', rid)
      .orderBy('id')
      .execute();
    const insertionOrderKept = byKey.map((r) => r.receipt).join() === receipts.join();
    const natural = await db().selectFrom('ballot').select('receipt').where('campaign_id', '=', rid).execute();
    expect(insertionOrderKept && natural.map((r) => r.receipt).join() === receipts.join()).toBe(false);
  });

  it('the participant list records that a token was received, never which one', async () => {
    const list = await zzb.get(`/api/reviews/${rid}/participants`);
    const p = list.body.items[1];
    const issued = await zzb.post(`/api/reviews/${rid}/participants/${p.id}/issue`);
    expect(issued.status).toBe(200);
    expect(issued.body.token).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    expect((await zzb.post(`/api/reviews/${rid}/participants/${p.id}/issue`)).status).toBe(409);
    const row = await db()
      .selectFrom('review_participant')
      .selectAll()
      .where('id', '=', p.id)
      .executeTakeFirstOrThrow();
    expect(row.received).toBe(1);
    expect(JSON.stringify(row)).not.toContain(issued.body.token.replace('-', ''));
    const auditText = JSON.stringify(await db().selectFrom('audit_log').selectAll().execute());
    expect(auditText).not.toContain(issued.body.token);
    expect(auditText).not.toContain(issued.body.token.replace('-', ''));
    // The issued token works like any other.
    expect((await new Client(t.app).post('/api/ballots', rate(issued.body.token, '一般'))).status).toBe(200);
  });

  it('no endpoint or export reveals tokens, token hashes, ballot ids or instants', async () => {
    await closeReview(zzb, rid);
    const allTokens = tokens.map((x) => x.replace('-', ''));
    const hashes = (await db().selectFrom('review_token').select('hash').execute()).map((h) => h.hash);
    const ids = (await db().selectFrom('ballot').select('id').execute()).map((b) => b.id);
    const texts: string[] = [];
    for (const u of ['/results', '/receipts', '/turnout', '/screen', '', '/participants'])
      texts.push(JSON.stringify((await zzb.get(`/api/reviews/${rid}${u}`)).body));
    const xlsx = await zzb.get(`/api/reviews/${rid}/results.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.raw as any);
    wb.eachSheet((ws) => ws.eachRow((r) => texts.push(JSON.stringify(r.values))));
    const docx = await zzb.get(`/api/reviews/${rid}/results.docx`);
    texts.push((await mammoth.extractRawText({ buffer: docx.raw })).value);
    texts.push(JSON.stringify((await zzb.get('/api/audit?pageSize=500')).body));
    const all = texts.join('\n');
    for (const tk of allTokens) {
      expect(all).not.toContain(tk);
      expect(all).not.toContain(`${tk.slice(0, 5)}-${tk.slice(5)}`);
    }
    for (const h of hashes) expect(all).not.toContain(h);
    for (const i of ids) expect(all).not.toContain(i);
    const results = texts[0] + texts[1];
    expect(results).not.toMatch(/\d{2}:\d{2}/);
    // Opinions come grouped per org in sorted order, not in the order cast.
    const r = await zzb.get(`/api/reviews/${rid}/results`);
    const ops = r.body.opinions.find((o: any) => o.orgId === c.orgs.townA).items;
    expect(ops).toEqual([...ops].sort((a: string, b: string) => a.localeCompare(b, 'zh-CN')));
    expect(ops).toHaveLength(6);
  });
});

describe('a token is used once, even under concurrent double submits', () => {
  let id2: number;
  let tks: string[];
  beforeAll(async () => {
    id2 = (await zzb.post('/api/reviews', { title: '并发测试评议', year: 2025, orgIds: [c.orgs.townA, c.orgs.townB] }))
      .body.id;
    tks = (await zzb.post(`/api/reviews/${id2}/tokens`, { count: 20 })).body.tokens;
    await zzb.post(`/api/reviews/${id2}/open-voting`);
  });
  const count = async () =>
    (await db().selectFrom('ballot').select('id').where('campaign_id', '=', id2).execute()).length;

  it('over app.inject: two simultaneous POSTs of one token → one 200, one 409', async () => {
    for (let i = 0; i < 5; i++) {
      const before = await count();
      const rs = await Promise.all([
        new Client(t.app).post('/api/ballots', rate(tks[i])),
        new Client(t.app).post('/api/ballots', rate(tks[i], '差')),
      ]);
      expect(rs.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(rs.find((r) => r.status === 409)!.body.code).toBe('TOKEN_USED');
      expect(await count()).toBe(before + 1);
    }
  });

  it('over real HTTP to a listening server: ten simultaneous POSTs of one token → exactly one ballot', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as any).port;
    try {
      for (let i = 5; i < 10; i++) {
        const before = await count();
        const rs = await Promise.all(
          Array.from({ length: 10 }, () =>
            fetch(`http://127.0.0.1:${port}/api/ballots`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(rate(tks[i])),
            }),
          ),
        );
        const statuses = rs.map((r) => r.status).sort();
        expect(statuses.filter((s) => s === 200)).toHaveLength(1);
        expect(statuses.filter((s) => s === 409)).toHaveLength(9);
        expect(await count()).toBe(before + 1);
      }
    } finally {
      await t.app.server.close();
    }
    const used = await db()
      .selectFrom('review_token')
      .select((eb) => eb.fn.sum<number>('used').as('u'))
      .where('campaign_id', '=', id2)
      .executeTakeFirstOrThrow();
    expect(Number(used.u)).toBe(await count());
  });
});
