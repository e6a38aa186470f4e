/**
 * Uploads: a file over the 50 MiB limit is refused with 413 and nothing is stored (it used to be
 * cut and accepted); attachments are served with a type decided by the server, never the
 * uploader's claim.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from './harness.ts';
import { as, seedCounty, type County } from './fixtures.ts';
import { publish, upload } from '../modules/tasks/tasks.test-support.ts';

const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-up-'));
let t: TestApp;
let c: County;
let dcs: Client, townA: Client;
let taskId: number;
const BIG = Buffer.alloc(50 * 1024 * 1024 + 10, 0x61);
const filesOnDisk = () =>
  fs.existsSync(path.join(uploadDir, 'tasks'))
    ? fs.readdirSync(path.join(uploadDir, 'tasks'), { recursive: true }).filter((f) => path.extname(String(f)))
    : [];

beforeAll(async () => {
  t = await createTestApp({ env: { LUOSHI_UPLOAD_DIR: uploadDir } });
  c = await seedCounty(t.database.db);
  [dcs, townA] = await Promise.all(['dcs', 'town-a'].map((u) => as(t.app, u)));
  taskId = (await publish(dcs, '2026-11-02', [{ leadOrgId: c.orgs.townA }])).taskIds[0];
  expect((await townA.post(`/api/tasks/${taskId}/accept`)).status).toBe(200);
});
afterAll(async () => {
  await t.close();
  fs.rmSync(uploadDir, { recursive: true, force: true });
});

describe('upload size limit', () => {
  it('an attachment over 50 MiB gets 413 with a Chinese message; no row, no file', async () => {
    const r = await upload(townA, `/api/tasks/${taskId}/attachments`, {}, { name: '大文件.pdf', data: BIG });
    expect(r.status).toBe(413);
    expect(r.body.code).toBe('FILE_TOO_LARGE');
    expect(r.body.message).toContain('50 MB');
    expect(await t.database.db.selectFrom('task_attachment').selectAll().execute()).toEqual([]);
    expect(filesOnDisk()).toEqual([]);
  });

  it('a document upload and an Excel import over the limit get 413 too', async () => {
    const zzb = await as(t.app, 'zzb');
    const docs = (await t.database.db.selectFrom('document').select('id').execute()).length;
    const imp = await upload(zzb, '/api/import/members', {}, { name: '党员.xlsx', data: BIG });
    expect([imp.status, imp.body.code]).toEqual([413, 'FILE_TOO_LARGE']);
    const doc = await upload(zzb, '/api/documents/upload', { date: '2026-11-02' }, { name: '讲话.docx', data: BIG });
    expect([doc.status, doc.body.code]).toEqual([413, 'FILE_TOO_LARGE']);
    expect(await t.database.db.selectFrom('document').select('id').execute()).toHaveLength(docs);
  });
});

describe('attachment content types', () => {
  const cases: [string, string, string][] = [
    ['页面.html', 'text/html', 'application/octet-stream'],
    ['图.svg', 'image/svg+xml', 'application/octet-stream'],
    ['脚本.js', 'application/javascript', 'application/octet-stream'],
    ['台账.pdf', 'text/html', 'application/pdf'],
    ['照片.PNG', 'text/html', 'image/png'],
    ['说明.txt', 'text/html', 'text/plain; charset=utf-8'],
  ];
  for (const [name, claimed, served] of cases)
    it(`${name} uploaded as ${claimed} is served as ${served}, as an attachment, nosniff`, async () => {
      const a = await upload(
        townA,
        `/api/tasks/${taskId}/attachments`,
        {},
        { name, data: Buffer.from('<script>alert(1)</script>'), type: claimed },
      );
      expect(a.status).toBe(201);
      const dl = await dcs.get(`/api/tasks/${taskId}/attachments/${a.body.id}`);
      expect(dl.status).toBe(200);
      expect(dl.headers['content-type']).toBe(served);
      expect(dl.headers['content-disposition']).toMatch(/^attachment;/);
      expect(dl.headers['x-content-type-options']).toBe('nosniff');
      const row = await t.database.db
        .selectFrom('task_attachment')
        .select('mime')
        .where('id', '=', a.body.id)
        .executeTakeFirstOrThrow();
      expect(row.mime).toBe(served);
    });

  it("rows stored before the rule (with the uploader's type) are served safely too", async () => {
    const a = await upload(
      townA,
      `/api/tasks/${taskId}/attachments`,
      {},
      { name: '旧.htm', data: Buffer.from('<b>x</b>') },
    );
    await t.database.db.updateTable('task_attachment').set({ mime: 'text/html' }).where('id', '=', a.body.id).execute();
    const dl = await dcs.get(`/api/tasks/${taskId}/attachments/${a.body.id}`);
    expect(dl.headers['content-type']).toBe('application/octet-stream');
  });
});
