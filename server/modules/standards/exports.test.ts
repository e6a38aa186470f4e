import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.ts';
import { type County, as, seedCounty } from '../../test/fixtures.ts';
import { type Client, type TestApp, createTestApp } from '../../test/harness.ts';

let t: TestApp;
let c: County;
let zzb: Client;
const clock = new ManualClock('2026-12-01T02:00:00.000Z');

beforeAll(async () => {
  t = await createTestApp({ clock });
  c = await seedCounty(t.database.db);
  zzb = await as(t.app, 'zzb');
});
afterAll(() => t.close());

/** A multipart upload of one file field. */
function upload(cl: Client, url: string, buf: Buffer) {
  const boundary = `----std${Date.now()}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="m.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    buf,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return cl.request('POST', url, body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
}
const manualCount = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('std_manual')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('manual .xlsx export and import', () => {
  let exported: Buffer;
  it('exports a manual and imports it back as a new manual', async () => {
    const list = await zzb.get('/api/standards/manuals');
    const std = list.body.items.find((m: any) => m.scheme === '标准化');
    const r = await zzb.get(`/api/standards/manuals/${std.id}/export.xlsx`);
    expect(r.status).toBe(200);
    exported = r.raw;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['手册', '项目', '等次']);
    const imp = await upload(zzb, '/api/standards/manuals/import', exported);
    expect(imp.status).toBe(201);
    const back = await zzb.get(`/api/standards/manuals/${imp.body.id}`);
    const orig = await zzb.get(`/api/standards/manuals/${std.id}`);
    expect(back.body.dimensions).toEqual(orig.body.dimensions);
    expect(back.body.bands).toEqual(orig.body.bands);
  });

  it('refuses a workbook with a broken tree and one whose points do not add up; nothing stored', async () => {
    const before = await manualCount();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported as unknown as ArrayBuffer);
    (wb.getWorksheet('项目') as ExcelJS.Worksheet).getRow(3).getCell(1).value = null; // the item loses its dimension
    const broken = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await upload(zzb, '/api/standards/manuals/import', broken);
    expect(r.status).toBe(400);
    expect(r.body.message).toBe('第 3 行:项目「A2」缺少所属维度');
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(exported as unknown as ArrayBuffer);
    (wb2.getWorksheet('项目') as ExcelJS.Worksheet).getRow(2).getCell(7).value = 8; // A1 5 → 8
    const r2 = await upload(zzb, '/api/standards/manuals/import', Buffer.from(await wb2.xlsx.writeBuffer()));
    expect(r2.status).toBe(400);
    expect(r2.body.message).toContain('维度「政治建设」各项分值合计 18 分,与维度分值 15 分不符');
    const r3 = await upload(zzb, '/api/standards/manuals/import', Buffer.from('not a workbook'));
    expect(r3.status).toBe(400);
    expect(await manualCount()).toBe(before);
  });
});

describe('round files', () => {
  it('score sheet side by side, ranking, and the 公示 notice', async () => {
    const list = await zzb.get('/api/standards/manuals');
    const round = await zzb.post('/api/standards/rounds', {
      manualId: list.body.items[0].id,
      year: 2026,
      name: '2026年度考评',
      orgIds: [c.orgs.a1, c.orgs.b1],
      selfWeight: 0,
      superiorWeight: 100,
      selfDueDate: '2026-12-10',
      reviewDueDate: '2026-12-20',
      objectionDays: 5,
    });
    const entries = await t.database.db
      .selectFrom('std_entry')
      .selectAll()
      .where('round_id', '=', round.body.id)
      .execute();
    for (const [i, e] of entries.entries())
      await t.database.db
        .updateTable('std_entry')
        .set({ status: '已审定', self_score: 90 - i, superior_score: 88 - i, total: 88 - i })
        .where('id', '=', e.id)
        .execute();
    await zzb.post(`/api/standards/rounds/${round.body.id}/grade`, {});
    await zzb.post(`/api/standards/rounds/${round.body.id}/publicity`, {});
    const sheet = await zzb.get(`/api/standards/entries/${entries[0].id}/sheet.xlsx`);
    expect(sheet.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(sheet.raw as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(2).values).toEqual(expect.arrayContaining(['自评得分', '初核得分', '初核意见']));
    const last = ws.getRow(ws.rowCount).values as unknown[];
    expect(last).toEqual(expect.arrayContaining(['合计', 90, 88]));
    const rank = await zzb.get(`/api/standards/rounds/${round.body.id}/ranking.xlsx`);
    const wr = new ExcelJS.Workbook();
    await wr.xlsx.load(rank.raw as unknown as ArrayBuffer);
    expect(wr.worksheets[0].getRow(3).values).toEqual(expect.arrayContaining([1, '甲镇东村党支部', 88]));
    const notice = await zzb.get(`/api/standards/rounds/${round.body.id}/notice.docx`);
    expect(notice.status).toBe(200);
    const text = (await mammoth.extractRawText({ buffer: notice.raw })).value;
    expect(text).toContain('关于2026年度考评结果的公示');
    expect(text).toContain('2026年12月01日 至 2026年12月07日(5 个工作日)');
    expect(text).toContain('乙镇南村党支部');
    await zzb.post('/api/standards/plans', {
      orgId: c.orgs.a1,
      basis: '排名末位',
      contactLeader: '王明',
      problems: [{ problem: '台账不全' }],
    });
    const ledger = await zzb.get('/api/standards/plans.xlsx');
    expect(ledger.status).toBe(200);
    const wl = new ExcelJS.Workbook();
    await wl.xlsx.load(ledger.raw as unknown as ArrayBuffer);
    expect(wl.worksheets[0].getRow(3).values).toEqual(
      expect.arrayContaining(['甲镇东村党支部', '排名末位', '王明', 1, 0, '整顿中']),
    );
  });
});
