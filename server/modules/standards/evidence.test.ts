import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.ts';
import { type County, as, seedCounty } from '../../test/fixtures.ts';
import { type Client, type TestApp, createTestApp } from '../../test/harness.ts';
import { sniff } from './evidence.service.ts';
import { PNG, count, fullSheet, put, standardManualId, uploadFile } from './standards.test-support.ts';

let t: TestApp;
let c: County;
let zzb: Client, townA: Client, branchA1: Client;
let entry: number;
const clock = new ManualClock('2026-12-01T02:00:00.000Z');
const files = () => `/api/standards/entries/${entry}/files`;
// uploads of this file go to a directory of its own, removed afterwards
const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-std-files-'));
const stored = () => path.join(uploadDir, 'standards', String(entry));
const storedCount = () => (fs.existsSync(stored()) ? fs.readdirSync(stored()).length : 0);

async function xlsxBuffer() {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('台账').addRow(['日期', '内容']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

beforeAll(async () => {
  t = await createTestApp({ clock, env: { LUOSHI_UPLOAD_DIR: uploadDir } });
  c = await seedCounty(t.database.db);
  zzb = await as(t.app, 'zzb');
  townA = await as(t.app, 'town-a');
  branchA1 = await as(t.app, 'branch-a1');
  const r = await zzb.post('/api/standards/rounds', {
    manualId: await standardManualId(zzb),
    year: 2026,
    name: '佐证材料测试',
    orgIds: [c.orgs.a1],
    selfWeight: 40,
    superiorWeight: 60,
    selfDueDate: '2026-12-10',
    reviewDueDate: '2026-12-20',
    objectionDays: 5,
  });
  entry = (await zzb.get(`/api/standards/rounds/${r.body.id}`)).body.entryRows[0].id;
});
afterAll(async () => {
  await t.close();
  fs.rmSync(uploadDir, { recursive: true, force: true });
});

describe('evidence files under the items of a sheet', () => {
  let photo: number;

  it('sniffs the content, not the name', async () => {
    expect(sniff(PNG)?.kind).toBe('image');
    expect(sniff(Buffer.from('%PDF-1.7\n%âãÏÓ\n'))?.kind).toBe('pdf');
    expect(sniff(await xlsxBuffer())?.kind).toBe('xlsx');
    expect(sniff(Buffer.from('<html><script>alert(1)</script></html>'))).toBeNull();
    expect(sniff(Buffer.from('PK\u0003\u0004 not really a zip'))).toBeNull();
  });

  it('the branch uploads a photo under an item; the sheet lists it; the township downloads it', async () => {
    const r = await uploadFile(branchA1, files(), { code: 'A1', type: '记录本', note: '11月学习' }, '学习.png', PNG);
    expect(r.status).toBe(201);
    photo = r.body.id;
    const row = await t.database.db
      .selectFrom('std_evidence_file')
      .selectAll()
      .where('id', '=', photo)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ entry_id: entry, code: 'A1', type: '记录本', kind: 'image', mime: 'image/png' });
    expect(fs.readFileSync(path.join(uploadDir, 'standards', row.stored_name))).toEqual(PNG);
    const xlsx = await uploadFile(branchA1, files(), { code: 'A3', type: '台账' }, '任务台账.xlsx', await xlsxBuffer());
    expect(xlsx.status).toBe(201);

    const s = await townA.get(`/api/standards/entries/${entry}`);
    const a1 = s.body.items.find((i: any) => i.code === 'A1');
    expect(a1.files).toEqual([
      expect.objectContaining({ id: photo, type: '记录本', note: '11月学习', fileName: '学习.png', kind: 'image' }),
    ]);
    const d = await townA.get(`${files()}/${photo}`);
    expect(d.status).toBe(200);
    expect(d.headers['content-type']).toBe('image/png');
    expect(d.raw).toEqual(PNG);
    const audits = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'standards.evidence.upload')
      .execute();
    expect(audits).toHaveLength(2);
  });

  it('refuses empty files, content that is not an image/pdf/docx/xlsx, and a type the item does not ask for', async () => {
    const rows = await count(t, 'std_evidence_file');
    const onDisk = storedCount();
    const empty = await uploadFile(branchA1, files(), { code: 'A1', type: '记录本' }, '空.png', Buffer.alloc(0));
    expect(empty.status).toBe(400);
    expect(empty.body.message).toBe('上传的文件「空.png」是空文件,未保存任何内容');
    const renamed = await uploadFile(branchA1, files(), { code: 'A1' }, '记录.pdf', Buffer.from('MZ\x90\x00 program'));
    expect(renamed.status).toBe(400);
    expect(renamed.body.code).toBe('FILE_TYPE_UNSUPPORTED');
    expect(renamed.body.message).toContain('只能上传图片(JPG、PNG、GIF、BMP、WEBP)、PDF、Word(.docx)或 Excel(.xlsx)');
    const html = await uploadFile(branchA1, files(), { code: 'A1' }, 'a.jpg', Buffer.from('<svg onload=alert(1)>'));
    expect(html.status).toBe(400);
    const wrongType = await uploadFile(branchA1, files(), { code: 'A1', type: '批复' }, 'p.png', PNG);
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.message).toBe('A1 理论学习 要求的佐证类型为「记录本」,没有「批复」');
    const noItem = await uploadFile(branchA1, files(), { code: 'Z9' }, 'p.png', PNG);
    expect(noItem.status).toBe(400);
    expect(noItem.body.message).toBe('手册中没有编号为 Z9 的项目');
    const notMultipart = await branchA1.post(files(), { code: 'A1' });
    expect(notMultipart.status).toBe(400);
    expect(await count(t, 'std_evidence_file')).toBe(rows);
    expect(storedCount()).toBe(onDisk);
  });

  it('only the branch itself uploads or deletes', async () => {
    const rows = await count(t, 'std_evidence_file');
    const r = await uploadFile(townA, files(), { code: 'A1', type: '记录本' }, 'x.png', PNG);
    expect(r.status).toBe(403);
    expect(r.body.message).toBe('佐证材料只能由支部本身上传或删除');
    expect((await townA.request('DELETE', `${files()}/${photo}`)).status).toBe(403);
    expect(await count(t, 'std_evidence_file')).toBe(rows);
  });

  it('a file meets the required evidence type on submit; a submitted sheet keeps its files', async () => {
    // every item at its maximum, but A1 with no description: its uploaded 记录本 is the evidence
    const items = (await fullSheet(branchA1, entry)).map((x: any) => (x.code === 'A1' ? { ...x, evidence: [] } : x));
    const tmp = await uploadFile(branchA1, files(), { code: 'A2', type: '会议记录' }, '多余.png', PNG);
    const del = await branchA1.request('DELETE', `${files()}/${tmp.body.id}`);
    expect(del.status).toBe(200);
    expect(
      await t.database.db.selectFrom('std_evidence_file').selectAll().where('id', '=', tmp.body.id).execute(),
    ).toEqual([]);
    const sub = await put(branchA1, `/api/standards/entries/${entry}/self`, { items, submit: true });
    expect(sub.status).toBe(200);
    const e = await t.database.db.selectFrom('std_entry').selectAll().where('id', '=', entry).executeTakeFirstOrThrow();
    expect(e.status).toBe('待初核');
    // the radar's data: every item at its maximum, and this is the only submitted sheet
    const after = await branchA1.get(`/api/standards/entries/${entry}`);
    expect(after.body.dimensions[0]).toEqual({ name: '政治建设', points: 15, score: 15, average: 15 });
    expect(after.body.dimensions.map((d: any) => d.name)).not.toContain('加分项');

    const rows = await count(t, 'std_evidence_file');
    const late = await uploadFile(branchA1, files(), { code: 'A1', type: '记录本' }, '补.png', PNG);
    expect(late.status).toBe(409);
    expect(late.body.message).toBe('自评已提交,不能再修改佐证材料(如需修改请由上级退回)');
    expect((await branchA1.request('DELETE', `${files()}/${photo}`)).status).toBe(409);
    expect(await count(t, 'std_evidence_file')).toBe(rows);

    // the exported score sheet names the attached files beside the described ones
    const x = await zzb.get(`/api/standards/entries/${entry}/sheet.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.raw as unknown as ArrayBuffer);
    expect(JSON.stringify(wb.worksheets[0].getSheetValues())).toContain('记录本:学习.png(附件)');
  });
});
