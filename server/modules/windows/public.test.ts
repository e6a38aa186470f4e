import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { as, seedCounty, type County } from '../../test/fixtures.ts';
import { ManualClock } from '../../lib/clock.ts';
import { newWindow, rate } from './test-helpers.ts';

const clock = new ManualClock('2026-03-02T02:00:00Z');
let t: TestApp;
let c: County;
let townA: Client, dcs: Client;
let win: { id: number; code: string };
const db = () => t.database.db;
const count = async (table: 'rating' | 'rating_case' | 'rating_ticket') =>
  Number(
    (
      await db()
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await createTestApp({ clock });
  c = await seedCounty(t.database.db);
  [townA, dcs] = await Promise.all(['town-a', 'dcs'].map((u) => as(t.app, u)));
  win = await newWindow(townA, c.orgs.townA, '甲镇社保窗口');
});
afterAll(() => t.close());

describe('POST /api/public/ratings: bad input', () => {
  it('is refused in Chinese with nothing stored', async () => {
    const cases: [Record<string, unknown>, number, RegExp][] = [
      [{ windowCode: 'NOPE99', level: '满意' }, 404, /窗口不存在/],
      [{ windowCode: win.code, level: '特别满意' }, 400, /评价等级/],
      [{ windowCode: win.code, level: '满意', comment: '字'.repeat(501) }, 400, /意见建议/],
      [{ windowCode: win.code, level: '满意', phone: '12345' }, 400, /联系电话/],
      [{ windowCode: win.code, level: '满意', itemId: 99999 }, 400, /服务事项/],
      [{ windowCode: win.code, level: '满意', scores: [5, 5] }, 400, /分项评分/],
      [{ windowCode: win.code, level: '满意', contentVersion: 42 }, 400, /版本/],
      [{ windowCode: win.code, level: '满意', ticket: 'WRONG123' }, 400, /评价码无效/],
      [{ windowCode: win.code }, 400, /评价等级/],
      [{ windowCode: win.code, level: '满意', isAdmin: true }, 400, /./],
    ];
    for (const [body, status, msg] of cases) {
      const r = await rate(t.app, body);
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.body.message).toMatch(msg);
      expect(r.body.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await count('rating')).toBe(0);
  });

  it('hostile and random bodies get a 4xx with a Chinese message, never a 5xx, and nothing is stored', async () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const values = [
      null,
      true,
      0,
      -1,
      1e308,
      '',
      '满意',
      '非常不满意\u0000',
      '<script>',
      "' or 1=1 --",
      'x'.repeat(5000),
      [],
      {},
      [1, 2],
      { $gt: '' },
      '\ud800',
    ];
    const keys = [
      'windowCode',
      'level',
      'comment',
      'phone',
      'itemId',
      'ticket',
      'scores',
      'device',
      'contentVersion',
      '__proto__',
      'constructor',
    ];
    const bodies: string[] = ['', 'null', '[]', '"满意"', '{', '{"windowCode":', '\u0000', '{"a":'.repeat(200)];
    for (let i = 0; i < 150; i++) {
      const o: Record<string, unknown> = {};
      for (const k of keys) if (rnd() < 0.4) o[k] = values[Math.floor(rnd() * values.length)];
      if (rnd() < 0.5) o.windowCode = rnd() < 0.5 ? win.code : 'NOPE99';
      // A body that happens to be valid would be stored: keep the level invalid.
      o.level = values[Math.floor(rnd() * values.length)];
      if (o.level === '满意') o.level = '满意!';
      bodies.push(JSON.stringify(o));
    }
    for (const payload of bodies) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/public/ratings',
        payload,
        headers: { 'content-type': 'application/json' },
        remoteAddress: '192.0.2.50',
      });
      expect(r.statusCode, payload.slice(0, 120)).toBeGreaterThanOrEqual(400);
      expect(r.statusCode, payload.slice(0, 120)).toBeLessThan(500);
      expect(r.json().message).toMatch(/[\u4e00-\u9fff]/);
    }
    const wrongType = await t.app.inject({
      method: 'POST',
      url: '/api/public/ratings',
      payload: 'level=满意',
      headers: { 'content-type': 'text/plain' },
    });
    expect(wrongType.statusCode).toBeGreaterThanOrEqual(400);
    expect(wrongType.statusCode).toBeLessThan(500);
    expect(await count('rating')).toBe(0);
    expect(await count('rating_case')).toBe(0);
  });
});

describe('一次一评 tickets and throttling', () => {
  it('a ticket makes a rating verified once; a second use is refused and stores nothing', async () => {
    const tk = await townA.post(`/api/windows/${win.id}/tickets`, { count: 3 });
    expect(tk.status).toBe(200);
    expect(tk.body.codes).toHaveLength(3);
    const code = tk.body.codes[0] as string;
    const r = await rate(t.app, { windowCode: win.code, level: '非常满意', ticket: code.toLowerCase() });
    expect(r.status).toBe(201);
    expect(
      await db()
        .selectFrom('rating')
        .select(['verified', 'ticket_id'])
        .where('id', '=', r.body.id)
        .executeTakeFirstOrThrow(),
    ).toMatchObject({ verified: 1 });
    const again = await rate(t.app, { windowCode: win.code, level: '非常不满意', ticket: code });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('一次一评');
    expect(await count('rating')).toBe(1);
    expect(await count('rating_case')).toBe(0);
    // Concurrent double submit of one ticket: exactly one rating.
    const both = await Promise.all(
      [1, 2].map(() => rate(t.app, { windowCode: win.code, level: '满意', ticket: tk.body.codes[1] })),
    );
    expect(both.map((x) => x.status).sort()).toEqual([201, 409]);
    // Another window's ticket does not work here.
    const other = await newWindow(townA, c.orgs.a1, '东村代办点');
    expect((await rate(t.app, { windowCode: other.code, level: '满意', ticket: tk.body.codes[2] })).status).toBe(400);
    const detail = await townA.get(`/api/windows/${win.id}`);
    expect(detail.body).toMatchObject({ ticketsIssued: 3, ticketsUsed: 2 });
  });

  it('a hall behind one NAT address: many phones rate, nothing is lost or marked', async () => {
    const before = await count('rating');
    for (let i = 0; i < 30; i++) {
      clock.advance(20_000); // three a minute: a busy hall, under the burst limit
      const r = await rate(
        t.app,
        { windowCode: win.code, level: i % 10 === 0 ? '基本满意' : '满意', device: `phone-${i}-abcdef` },
        '100.64.0.1',
      );
      expect(r.status).toBe(201);
    }
    expect(await count('rating')).toBe(before + 30);
    expect(await db().selectFrom('rating').select('id').where('suspect', '=', 1).execute()).toHaveLength(0);
  });

  it('a flood from one source is throttled per minute (429, nothing stored) and past the daily count marked 待核, not lost', async () => {
    await dcs.patch('/api/windows-settings', { untrackedPerSourceDay: 5, burstPerMinute: 10 });
    const ip = '203.0.113.99';
    const statuses: number[] = [];
    const ids: number[] = [];
    for (let i = 0; i < 14; i++) {
      const r = await rate(t.app, { windowCode: win.code, level: '非常不满意' }, ip);
      statuses.push(r.status);
      if (r.status === 201) ids.push(r.body.id);
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.slice(10)).toEqual([429, 429, 429, 429]);
    const flood = await db()
      .selectFrom('rating')
      .select(['id', 'suspect', 'suspect_reason'])
      .where('id', 'in', ids)
      .orderBy('id')
      .execute();
    expect(flood).toHaveLength(10);
    expect(flood.filter((r) => r.suspect === 1)).toHaveLength(5);
    expect(flood.find((r) => r.suspect === 1)!.suspect_reason).toContain('同一网络来源');
    // Counted flood 差评 open cases; the 待核 ones do not (until released).
    expect(await count('rating_case')).toBe(5);
    const stats = await dcs.get('/api/windows/stats?month=2026-03');
    expect(stats.body.rows.find((r: any) => r.key === win.id)).toMatchObject({ suspect: 5 });
    // A supervisor releases one: it counts and its case opens. A unit may not.
    const held = flood.find((r) => r.suspect === 1)!.id;
    expect((await townA.post(`/api/ratings/${held}/release`)).status).toBe(403);
    const rel = await dcs.post(`/api/ratings/${held}/release`);
    expect(rel.status).toBe(200);
    expect(rel.body.caseId).toBeGreaterThan(0);
    expect((await dcs.post(`/api/ratings/${held}/release`)).status).toBe(409);
    // A minute later the same source may rate again (still past its daily count: 待核).
    clock.advance(61_000);
    const later = await rate(t.app, { windowCode: win.code, level: '满意' }, ip);
    expect(later.status).toBe(201);
    // Ratings list shows flags, masked data only; nobody can edit a rating (no such route).
    const list = await townA.get(`/api/windows/${win.id}/ratings?pageSize=5`);
    expect(list.body.items[0]).toMatchObject({ id: later.body.id, suspect: true });
    expect((await townA.patch(`/api/windows/${win.id}/ratings`, { level: '满意' })).status).toBe(404);
  });

  it('one phone (device id) counts twice a day per window; more are kept as 待核', async () => {
    await dcs.patch('/api/windows-settings', { untrackedPerSourceDay: 100 });
    const other = await newWindow(townA, c.orgs.townA, '甲镇民政窗口');
    const ids: number[] = [];
    for (let i = 0; i < 3; i++)
      ids.push(
        (await rate(t.app, { windowCode: other.code, level: '满意', device: 'same-phone-123' }, `198.18.0.${i + 1}`))
          .body.id,
      );
    const rows = await db().selectFrom('rating').select('suspect').where('id', 'in', ids).orderBy('id').execute();
    expect(rows.map((r) => r.suspect)).toEqual([0, 0, 1]);
  });
});

describe('评价内容 versions and settings', () => {
  it('a new version applies to new ratings; old ratings keep theirs; bad input is refused', async () => {
    expect((await townA.post('/api/rating-content', { questions: ['服务态度'] })).status).toBe(403);
    expect((await dcs.post('/api/rating-content', { questions: [] })).status).toBe(400);
    expect((await dcs.post('/api/rating-content', { questions: ['服务态度', '服务态度'] })).body.message).toContain(
      '重复',
    );
    const v = await dcs.post('/api/rating-content', {
      questions: ['整体满意度', '服务效率', '服务态度', '办事便捷度'],
      note: '增加便捷度',
    });
    expect(v.status).toBe(201);
    const page = (await t.app.inject({ method: 'GET', url: `/api/public/windows/${win.code}` })).json();
    expect(page.content).toEqual({
      version: v.body.id,
      questions: ['整体满意度', '服务效率', '服务态度', '办事便捷度'],
    });
    clock.advance(61_000);
    const r = await rate(t.app, { windowCode: win.code, level: '满意', scores: [5, 4, 5, 4] }, '192.0.2.77');
    expect(r.status).toBe(201);
    const old = await rate(
      t.app,
      { windowCode: win.code, level: '满意', contentVersion: 1, scores: [5, 5, 5] },
      '192.0.2.78',
    );
    expect(old.status).toBe(201);
    const rows = await db()
      .selectFrom('rating')
      .select(['content_version', 'scores'])
      .where('id', 'in', [r.body.id, old.body.id])
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { content_version: v.body.id, scores: '[5,4,5,4]' },
      { content_version: 1, scores: '[5,5,5]' },
    ]);
  });

  it('settings: only supervisors change them, within bounds, audited', async () => {
    expect((await townA.patch('/api/windows-settings', { caseWorkdays: 15 })).status).toBe(403);
    const bad = await dcs.patch('/api/windows-settings', { caseWorkdays: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('差评办理时限');
    const ok = await dcs.patch('/api/windows-settings', {
      caseWorkdays: 15,
      hardest: { metric: 'unresolved', minRatings: 1, count: 2 },
    });
    expect(ok.body).toMatchObject({ caseWorkdays: 15, hardest: { metric: 'unresolved', minRatings: 1, count: 2 } });
    clock.advance(61_000);
    const r = await rate(t.app, { windowCode: win.code, level: '不满意' }, '192.0.2.90');
    expect(r.body.dueDate).toBe('2026-03-23');
    expect(
      await db().selectFrom('audit_log').select('id').where('action', '=', 'settings.windows').execute(),
    ).toHaveLength(3);
  });
});
