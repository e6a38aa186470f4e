import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mammoth from 'mammoth';
import { ManualClock } from '../../lib/clock.ts';
import { as, seedCounty, type County } from '../../test/fixtures.ts';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { registerBasics } from './test-helpers.ts';

const clock = new ManualClock('2026-02-05T02:00:00Z');
let t: TestApp;
let c: County;
let zzb: Client, townA: Client, townB: Client;
let ids: { invest: number; tax: number; ratio: number };
let letterA: number, letterB: number;
const db = () => t.database.db;

beforeAll(async () => {
  t = await createTestApp({ clock });
  c = await seedCounty(t.database.db);
  [zzb, townA, townB] = await Promise.all(['zzb', 'town-a', 'town-b'].map((u) => as(t.app, u)));
  ids = await registerBasics(zzb, c);
});
afterAll(() => t.close());

describe('目标责任书', () => {
  it('issues one template to each township; indicator lines become their targets', async () => {
    const bad = await zzb.post('/api/responsibility-letters', {
      orgIds: [c.orgs.townA],
      year: 2026,
      title: '2026年度目标管理责任书',
      items: [{ kind: '指标', text: '固定资产投资增长', indicatorId: null, target: null }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('须选择指标');
    const r = await zzb.post('/api/responsibility-letters', {
      orgIds: [c.orgs.townA, c.orgs.townB],
      year: 2026,
      title: '2026年度乡镇目标管理责任书',
      items: [
        { kind: '指标', text: '完成固定资产投资', indicatorId: ids.invest, target: 6000 },
        { kind: '重点任务', text: '完成工业园区二期标准厂房建设' },
        { kind: '党建', text: '软弱涣散村党组织整顿转化率100%' },
      ],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    [letterA, letterB] = r.body.ids;
    const tg = await db()
      .selectFrom('indicator_target')
      .selectAll()
      .where('indicator_id', '=', ids.invest)
      .orderBy('org_id')
      .execute();
    expect(tg.map((x) => [x.org_id, x.annual, x.source])).toEqual([
      [c.orgs.townA, 6000, '责任书'],
      [c.orgs.townB, 6000, '责任书'],
    ]);
    const again = await zzb.post('/api/responsibility-letters', {
      orgIds: [c.orgs.townA],
      year: 2026,
      title: '重复下达',
      items: [{ kind: '党建', text: '重复条目' }],
    });
    expect(again.status).toBe(409);
  });

  it('both sides sign with server time and account; signing twice is refused; the list has the acceptance shape', async () => {
    const list0 = await zzb.get('/api/responsibility-letters?year=2026');
    expect(list0.body.total).toBe(2);
    expect(list0.body.items[0]).toMatchObject({ id: letterA, orgId: c.orgs.townA, signedAt: null });
    const u = await townA.post(`/api/responsibility-letters/${letterA}/sign`);
    expect(u.status).toBe(200);
    expect(u.body).toMatchObject({ side: '责任单位', signedAt: '2026-02-05T02:00:00.000Z', status: '单位已签' });
    const twice = await townA.post(`/api/responsibility-letters/${letterA}/sign`);
    expect(twice.status).toBe(409);
    expect(twice.body.message).toContain('不能重复签署');
    clock.advance(600_000);
    expect((await zzb.post(`/api/responsibility-letters/${letterA}/sign`)).body.status).toBe('已签订');
    const row = await db()
      .selectFrom('responsibility_letter')
      .selectAll()
      .where('id', '=', letterA)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      unit_signer_name: 'town-a',
      issuer_signer_name: 'zzb',
      status: '已签订',
      issuer_signed_at: '2026-02-05T02:10:00.000Z',
    });
    const list = await townA.get('/api/responsibility-letters?year=2026');
    expect(list.body).toMatchObject({
      total: 1,
      items: [{ id: letterA, orgId: c.orgs.townA, signedAt: '2026-02-05T02:10:00.000Z' }],
    });
    expect((await townA.post(`/api/responsibility-letters/${letterB}/sign`)).status).toBe(404);
    expect((await townA.get(`/api/responsibility-letters/${letterB}`)).status).toBe(404);
    const audits = await db().selectFrom('audit_log').select('action').where('action', '=', 'letter.sign').execute();
    expect(audits).toHaveLength(2);
  });

  it('shows live progress per line and prints the .docx with the signature records', async () => {
    await townA.post(`/api/indicator-reports/${c.orgs.townA}/2026-01`, {
      values: [
        { indicatorId: ids.invest, value: 250 },
        { indicatorId: ids.tax, value: 40 },
      ],
    });
    await townA.post(`/api/indicator-reports/${c.orgs.townA}/2026-01/submit`);
    const d = await townA.get(`/api/responsibility-letters/${letterA}`);
    expect(d.status).toBe(200);
    const line = d.body.lines.find((l: any) => l.kind === '指标');
    expect(line).toMatchObject({ target: 6000, period: '2026-01', cumValue: 250, pace: '滞后', light: 'red' });
    const f = await townA.get(`/api/responsibility-letters/${letterA}/letter.docx`);
    expect(f.status).toBe(200);
    const text = (await mammoth.extractRawText({ buffer: f.raw })).value;
    expect(text).toContain('2026年度乡镇目标管理责任书');
    expect(text).toContain('签署人账号:town-a');
    expect(text).toContain('2026年02月05日 10:00');
    void townB;
  });
});
