import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { as, makeId, seedCounty, type County } from '../../test/fixtures.ts';
import { MEMBER_HEADER, openXlsx, sheet, upload, waitJob } from './test-helpers.ts';

let t: TestApp;
let c: County;
let admin: Client;
const memberCount = async () =>
  (
    await t.database.db
      .selectFrom('member')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;
type Extra = Partial<Record<'edu' | 'join' | 'full' | 'type' | 'cat' | 'gender' | 'phone', unknown>>;
const row = (name: string, id: unknown, code = 'TA01', extra: Extra = {}) => {
  const v = (k: keyof Extra, def: unknown) => (k in extra ? extra[k] : def);
  return [
    name,
    v('gender', null),
    '汉族',
    id,
    v('phone', '13912345678'),
    v('edu', '大学本科'),
    code,
    v('join', '2010-07-01'),
    v('full', '2011-07-01'),
    v('type', '正式'),
    v('cat', '在职'),
  ];
};
const badChecksum = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');

beforeAll(async () => {
  t = await createTestApp();
  c = await seedCounty(t.database.db);
  admin = await as(t.app, 'admin');
});
afterAll(() => t.close());

describe('member import: bad files are refused with a Chinese message and change nothing', () => {
  it('random bytes and a renamed .txt are not an xlsx', async () => {
    const before = await memberCount();
    const docx = new JSZip().file('word/document.xml', '<w:document/>');
    const files = [
      Buffer.from([0x12, 0x99, 0x00, 0x7f, 0x45, 0x01, 0x02, 0x03, 0x04]),
      Buffer.from('姓名,身份证号\n张三,110101199001011234\n'),
      Buffer.from('PK\x03\x04 this is not really a zip'),
      await docx.generateAsync({ type: 'nodebuffer' }),
    ];
    for (const f of files) {
      const r = await upload(admin, '/api/import/members', f, 'members.xlsx');
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ code: 'NOT_XLSX', message: '文件不是有效的 Excel(.xlsx)文件' });
    }
    expect(await memberCount()).toBe(before);
  });

  it('an old binary .xls is refused with advice', async () => {
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    const r = await upload(admin, '/api/import/members', xls, '党员.xls');
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('NOT_XLSX');
    expect(r.body.message).toContain('另存为」.xlsx');
  });

  it('an empty sheet and a header without data rows', async () => {
    const empty = new ExcelJS.Workbook();
    empty.addWorksheet('Sheet1');
    const r1 = await upload(admin, '/api/import/members', Buffer.from(await empty.xlsx.writeBuffer()));
    expect(r1.status).toBe(400);
    expect(r1.body.code).toBe('EMPTY_SHEET');
    expect(r1.body.message).toContain('工作表是空的');
    const r2 = await upload(admin, '/api/import/members', await sheet([MEMBER_HEADER]));
    expect(r2.status).toBe(400);
    expect(r2.body.message).toBe('表格中没有数据行:第一行为表头,请从第二行起填写数据');
  });

  it('missing required columns are named', async () => {
    const before = await memberCount();
    const header = MEMBER_HEADER.filter((h) => h !== '*身份证号' && h !== '*党员类别');
    const r = await upload(admin, '/api/import/members', await sheet([header, ['王五', '男', '汉族', '13912345678']]));
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('MISSING_COLUMNS');
    expect(r.body.message).toContain('缺少必填列:身份证号、党员类别');
    expect(await memberCount()).toBe(before);
  });

  it('more than 100,000 rows: the job fails, nothing is imported', async () => {
    const before = await memberCount();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(MEMBER_HEADER);
    for (let i = 0; i < 100_001; i++) ws.addRow(['某']);
    const r = await upload(admin, '/api/import/members', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(r.status).toBe(202);
    const job = await waitJob(admin, r.body.jobId);
    expect(job).toMatchObject({ status: 'failed', imported: 0, errorCount: 0 });
    expect(job.message).toBe('数据超过 100,000 行上限,请拆分为多个文件分批导入');
    expect(await memberCount()).toBe(before);
  }, 120_000);

  it('a JSON body instead of a file', async () => {
    const r = await admin.post('/api/import/members', { file: 'x' });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('FILE_REQUIRED');
  });
});

describe('member import: every row checked, all or nothing', () => {
  let failedJob: string;
  const good1 = makeId('1975-03-12', 301, '男');
  const good2 = makeId('1988-11-02', 302, '女');
  const good3 = makeId('1990-01-20', 303, '男');
  const good4 = makeId('1992-06-30', 304, '女');

  it('three bad rows: exactly three errors (row, column, message), nothing imported', async () => {
    const before = await memberCount();
    const file = await sheet([
      MEMBER_HEADER,
      row('周一平', good1),
      row('吴二红', badChecksum(good2), 'TA01', { gender: '女' }),
      row('郑三立', good3, 'NOPE'),
      row('孙四梅', good4, 'TA02', { edu: '博士后' }),
    ]);
    const r = await upload(admin, '/api/import/members', file);
    expect(r.body).toMatchObject({ jobId: expect.any(String) });
    const job = await waitJob(admin, r.body.jobId);
    expect(job).toMatchObject({ kind: 'members', status: 'failed', total: 4, imported: 0, errorCount: 3 });
    expect(job.errors).toEqual([
      { row: 3, column: '身份证号', message: '身份证号校验位不正确,请核对' },
      { row: 4, column: '所在支部编码', message: '组织编码不存在或不在管辖范围内' },
      {
        row: 5,
        column: '学历',
        message: '「学历」应为以下之一:研究生、大学本科、大学专科、中专、高中、初中、小学及以下',
      },
    ]);
    expect(await memberCount()).toBe(before);
    failedJob = r.body.jobId;
  });

  it('the error report is the original sheet with bad cells filled and a 错误说明 column', async () => {
    const r = await admin.get(`/api/import/jobs/${failedJob}/error-report`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const ws = (await openXlsx(r.raw)).worksheets[0];
    expect(ws.getCell(1, 12).value).toBe('错误说明');
    expect(ws.getCell(1, 1).value).toBe('*姓名');
    expect(ws.getCell(3, 1).value).toBe('吴二红');
    const fill = (rr: number, cc: number) => (ws.getCell(rr, cc).fill as any)?.fgColor?.argb;
    expect(fill(3, 4)).toBe('FFFFC7CE');
    expect(fill(4, 7)).toBe('FFFFC7CE');
    expect(fill(5, 6)).toBe('FFFFC7CE');
    expect(fill(2, 4)).toBeUndefined();
    expect(fill(3, 1)).toBeUndefined();
    expect(ws.getCell(2, 12).value).toBeNull();
    expect(ws.getCell(3, 12).value).toBe('身份证号:身份证号校验位不正确,请核对');
    expect(ws.getCell(4, 12).value).toBe('所在支部编码:组织编码不存在或不在管辖范围内');
  });

  it('only the uploader can read the job', async () => {
    const zzb = await as(t.app, 'zzb');
    expect((await zzb.get(`/api/import/jobs/${failedJob}`)).status).toBe(404);
    expect((await zzb.get(`/api/import/jobs/${failedJob}/error-report`)).status).toBe(404);
  });

  it('the fixed file imports; the members appear via GET /api/members; one audit row', async () => {
    const before = await memberCount();
    const file = await sheet([
      MEMBER_HEADER,
      row('周一平', good1, 'TA01', { phone: '139 1234-5678' }),
      row('吴二红', good2, 'TA01', { gender: '女', join: new Date(Date.UTC(2012, 6, 1)), full: '2013/7/1' }),
      row('郑三立', good3, 'TA02', { join: '2015年7月1日', full: null, type: '预备' }),
      row('孙四梅', good4, 'TA02', { edu: '研究生', phone: 13700000000, cat: '流动' }),
    ]);
    const r = await upload(admin, '/api/import/members', file);
    expect(r.status).toBe(202);
    const job = await waitJob(admin, r.body.jobId);
    expect(job).toMatchObject({ status: 'done', total: 4, imported: 4, errorCount: 0, errors: [] });
    expect(await memberCount()).toBe(before + 4);
    const list = await admin.get(`/api/members?orgId=${c.orgs.a2}&pageSize=100`);
    expect(list.body.items.map((m: any) => m.name).sort()).toEqual(['孙四梅', '王建国', '郑三立'].sort());
    const wu = await t.database.db
      .selectFrom('member')
      .selectAll()
      .where('id_number', '=', good2)
      .executeTakeFirstOrThrow();
    expect(wu).toMatchObject({
      name: '吴二红',
      gender: '女',
      birth_date: '1988-11-02',
      org_id: c.orgs.a1,
      join_date: '2012-07-01',
      full_date: '2013-07-01',
      member_type: '正式',
      name_initials: 'weh',
    });
    const zheng = await t.database.db
      .selectFrom('member')
      .selectAll()
      .where('id_number', '=', good3)
      .executeTakeFirstOrThrow();
    expect(zheng).toMatchObject({ join_date: '2015-07-01', full_date: null, member_type: '预备' });
    expect(
      (
        await t.database.db
          .selectFrom('member')
          .select('phone')
          .where('id_number', '=', good1)
          .executeTakeFirstOrThrow()
      ).phone,
    ).toBe('13912345678');
    const sun = await t.database.db
      .selectFrom('member')
      .selectAll()
      .where('id_number', '=', good4)
      .executeTakeFirstOrThrow();
    expect(sun).toMatchObject({ phone: '13700000000', education: '研究生', category: '流动' });
    const audits = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'member.import')
      .execute();
    expect(audits).toHaveLength(1);
    expect(JSON.parse(audits[0].after_json!)).toMatchObject({ count: 4 });
    expect((await admin.get(`/api/import/jobs/${r.body.jobId}/error-report`)).status).toBe(404);
  });

  it('duplicate ID numbers within the sheet and against the database', async () => {
    const before = await memberCount();
    const fresh = makeId('1970-02-02', 401, '男');
    const existing = makeId('1980-05-06', 101, '男'); // 张三明 from the fixtures
    const r = await upload(
      admin,
      '/api/import/members',
      await sheet([MEMBER_HEADER, row('甲', fresh), row('乙', existing), row('丙', fresh.toLowerCase())]),
    );
    const job = await waitJob(admin, r.body.jobId);
    expect(job.status).toBe('failed');
    expect(job.errors).toEqual([
      { row: 3, column: '身份证号', message: '该身份证号已登记为党员' },
      { row: 4, column: '身份证号', message: '与第 2 行的身份证号重复' },
    ]);
    expect(await memberCount()).toBe(before);
  });

  it('row rules come from the members module (gender vs ID, dates) and Excel-mangled IDs are explained', async () => {
    const id = makeId('1985-01-01', 501, '男');
    const r = await upload(
      admin,
      '/api/import/members',
      await sheet([
        MEMBER_HEADER,
        row('甲', id, 'TA01', { gender: '女' }),
        row('乙', makeId('1985-01-01', 503, '男'), 'TA01', { join: '2010-07-01', full: '2009-07-01' }),
        row('丙', 990101198501010000, 'TA01'),
        row('丁', makeId('1985-01-01', 505, '男'), 'TA01', { join: '2010-02-30' }),
        row('戊', makeId('1985-01-01', 507, '男'), 'TA01', { cat: null }),
        row('己', makeId('1985-01-01', 509, '男'), 'D01'),
      ]),
    );
    const job = await waitJob(admin, r.body.jobId);
    expect(job.errors).toEqual([
      { row: 2, column: '性别', message: '性别与身份证号不一致(身份证为男)' },
      { row: 3, column: '转正日期', message: '转正日期不能早于入党日期' },
      {
        row: 4,
        column: '身份证号',
        message: '身份证号被 Excel 存成了数字(末几位已丢失),请把该列设为文本格式后重新填写',
      },
      { row: 5, column: '入党日期', message: '「入党日期」不是有效日期(可填 2005-07-01、2005/7/1 或 2005年7月1日)' },
      { row: 6, column: '党员类别', message: '「党员类别」不能为空' },
      { row: 7, column: '所在支部编码', message: '「县财政局」是政府单位,党员应编入党支部(或党总支、党委)' },
    ]);
  });

  it('scope: 甲镇 cannot import into 乙镇 branches (reported as unknown code), nothing imported', async () => {
    const townA = await as(t.app, 'town-a');
    const before = await memberCount();
    const r = await upload(
      townA,
      '/api/import/members',
      await sheet([
        MEMBER_HEADER,
        row('冯一', makeId('1979-09-09', 601, '男'), 'TA01'),
        row('冯二', makeId('1979-09-09', 603, '男'), 'TB01'),
      ]),
    );
    expect(r.status).toBe(202);
    const job = await waitJob(townA, r.body.jobId);
    expect(job.status).toBe('failed');
    expect(job.errors).toEqual([{ row: 3, column: '所在支部编码', message: '组织编码不存在或不在管辖范围内' }]);
    expect(await memberCount()).toBe(before);
    const b1 = await t.database.db.selectFrom('member').select('name').where('org_id', '=', c.orgs.b1).execute();
    expect(b1.map((m) => m.name).sort()).toEqual(['赵四海', '钱文静'].sort());
  });

  it('permissions: a 督查员 (read-only) cannot import; mutations need the CSRF header', async () => {
    const dcs = await as(t.app, 'dcs');
    const file = await sheet([MEMBER_HEADER, row('某', makeId('1979-09-09', 701, '男'))]);
    expect((await upload(dcs, '/api/import/members', file)).status).toBe(403);
    admin.csrf = null;
    try {
      const r = await upload(admin, '/api/import/members', file);
      expect(r.status).toBe(403);
      expect(r.body.code).toBe('CSRF_FAILED');
    } finally {
      admin = await as(t.app, 'admin');
    }
  });

  it('a title row above the header is skipped; errors keep Excel row numbers', async () => {
    const before = await memberCount();
    const r = await upload(
      admin,
      '/api/import/members',
      await sheet([
        ['甲镇党员花名册(2025年)'],
        [],
        MEMBER_HEADER,
        row('褚一', badChecksum(makeId('1977-07-07', 901, '男'))),
      ]),
    );
    const job = await waitJob(admin, r.body.jobId);
    expect(job.errors).toEqual([{ row: 4, column: '身份证号', message: '身份证号校验位不正确,请核对' }]);
    expect(await memberCount()).toBe(before);
    const ws = (await openXlsx((await admin.get(`/api/import/jobs/${r.body.jobId}/error-report`)).raw)).worksheets[0];
    expect(ws.getCell(3, 12).value).toBe('错误说明');
    expect((ws.getCell(4, 4).fill as any)?.fgColor?.argb).toBe('FFFFC7CE');
  });

  it('the order of the parts inside the zip does not matter (Excel, WPS and exceljs each write their own)', async () => {
    const rows = [
      MEMBER_HEADER,
      row('卫一', makeId('1966-06-06', 801, '男'), 'TA01', { join: new Date(Date.UTC(1990, 0, 2)) }),
    ];
    const base = await JSZip.loadAsync(await sheet(rows));
    const orders = [
      ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/sharedStrings.xml'], // streamed as is
      ['xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml', 'xl/styles.xml', 'xl/workbook.xml'], // re-ordered
    ];
    const results = [];
    for (const first of orders) {
      const z = new JSZip();
      const names = [...first, ...Object.keys(base.files).filter((n) => !first.includes(n) && !base.files[n].dir)];
      for (const n of names) z.file(n, await base.file(n)!.async('nodebuffer'));
      const r = await upload(
        admin,
        '/api/import/members',
        await z.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }),
      );
      results.push(await waitJob(admin, r.body.jobId));
    }
    // Same content both times: the first imports, the second finds the same ID already registered.
    expect(results[0]).toMatchObject({ status: 'done', imported: 1 });
    expect(results[1].errors).toEqual([{ row: 2, column: '身份证号', message: '该身份证号已登记为党员' }]);
    const m = await t.database.db.selectFrom('member').selectAll().where('name', '=', '卫一').executeTakeFirstOrThrow();
    expect(m.join_date).toBe('1990-01-02');
  });

  it('1,200 rows (several insert batches) import with progress reported as total/processed', async () => {
    const before = await memberCount();
    const rows: unknown[][] = [MEMBER_HEADER];
    for (let i = 0; i < 1200; i++)
      rows.push(
        row(
          `测试${i}`,
          makeId(`19${60 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`, 100 + Math.floor(i / 360) * 2, '男'),
          i % 2 ? 'TA01' : 'TA02',
        ),
      );
    const r = await upload(admin, '/api/import/members', await sheet(rows));
    const job = await waitJob(admin, r.body.jobId);
    expect(job).toMatchObject({ status: 'done', total: 1200, processed: 1200, imported: 1200 });
    expect(await memberCount()).toBe(before + 1200);
  });
});
