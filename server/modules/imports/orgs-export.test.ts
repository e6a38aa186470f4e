import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { as, makeId, seedCounty, type County } from '../../test/fixtures.ts';
import { ORG_HEADER, openXlsx, sheet, upload, waitJob } from './test-helpers.ts';
import { EXAMPLE_ROW_MESSAGE } from './templates.ts';

let t: TestApp;
let c: County;
let admin: Client;
const orgCount = async () =>
  (
    await t.database.db
      .selectFrom('org_unit')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;

beforeAll(async () => {
  t = await createTestApp();
  c = await seedCounty(t.database.db);
  admin = await as(t.app, 'admin');
});
afterAll(() => t.close());

describe('org import', () => {
  it('every bad row is reported; nothing is created', async () => {
    const before = await orgCount();
    const r = await upload(
      admin,
      '/api/import/orgs',
      await sheet([
        ORG_HEADER,
        ['TA09', '甲镇九村党支部', null, '党支部', 'TA10', 1],
        ['TA10', '甲镇十村党总支', null, '党总支', 'TA', 2],
        ['TB', '重复编码', null, '党支部', 'TA', null],
        ['TA 11', '编码含空格', null, '党支部', 'TA', null],
        ['TA12', '类型不对', null, '居委会', 'TA', null],
        ['TA10', '本表重复', null, '党支部', 'TA', null],
        ['TA13', '上级不存在', null, '党支部', 'ZZZ', 'abc'],
      ]),
    );
    expect(r.status).toBe(202);
    const job = await waitJob(admin, r.body.jobId);
    expect(job).toMatchObject({ kind: 'orgs', status: 'failed', total: 7, imported: 0 });
    expect(job.errors).toEqual([
      { row: 2, column: '上级组织编码', message: '上级组织「TA10」须在本行之前(第 3 行)定义,请调整行的顺序' },
      { row: 4, column: '组织编码', message: '组织编码「TB」已被使用' },
      { row: 5, column: '组织编码', message: '「组织编码」只能包含字母、数字、下划线和连字符,且不超过 40 个字符' },
      {
        row: 6,
        column: '组织类型',
        message: '「组织类型」应为以下之一:党委、党工委、党组、机关工委、党总支、党支部、党小组、政府单位、网格',
      },
      { row: 7, column: '组织编码', message: '与第 3 行的组织编码重复' },
      { row: 8, column: '上级组织编码', message: '组织编码不存在或不在管辖范围内' },
      { row: 8, column: '排序号', message: '「排序号」应为 0–100000 的整数' },
    ]);
    expect(await orgCount()).toBe(before);
  });

  it('a township imports its own subtree top-down (parents earlier in the sheet); not into a neighbour', async () => {
    const townA = await as(t.app, 'town-a');
    const before = await orgCount();
    const bad = await upload(
      townA,
      '/api/import/orgs',
      await sheet([
        ORG_HEADER,
        ['TA20', '甲镇新村党总支', '新村党总支', '党总支', 'TA', 5],
        ['TB20', '越界', null, '党支部', 'TB', 1],
      ]),
    );
    const badJob = await waitJob(townA, bad.body.jobId);
    expect(badJob.errors).toEqual([{ row: 3, column: '上级组织编码', message: '组织编码不存在或不在管辖范围内' }]);
    expect(await orgCount()).toBe(before);

    const ok = await upload(
      townA,
      '/api/import/orgs',
      await sheet([
        ORG_HEADER,
        ['TA20', '甲镇新村党总支', '新村党总支', '党总支', 'TA', 5],
        ['TA20-1', '甲镇新村第一党支部', null, '党支部', 'TA20', 1],
        ['TA20-1-G1', '第一党小组', null, '党小组', 'TA20-1', null],
      ]),
    );
    const job = await waitJob(townA, ok.body.jobId);
    expect(job).toMatchObject({ status: 'done', imported: 3, errorCount: 0 });
    expect(await orgCount()).toBe(before + 3);
    const rows = await t.database.db
      .selectFrom('org_unit')
      .selectAll()
      .where('code', 'like', 'TA20%')
      .orderBy('id')
      .execute();
    const townAPath = (
      await t.database.db.selectFrom('org_unit').select('path').where('id', '=', c.orgs.townA).executeTakeFirstOrThrow()
    ).path;
    expect(rows.map((r) => [r.code, r.path, r.depth])).toEqual([
      ['TA20', `${townAPath}${rows[0].id}/`, 2],
      ['TA20-1', `${townAPath}${rows[0].id}/${rows[1].id}/`, 3],
      ['TA20-1-G1', `${townAPath}${rows[0].id}/${rows[1].id}/${rows[2].id}/`, 4],
    ]);
    expect(rows[0]).toMatchObject({ short_name: '新村党总支', sort_order: 5, status: '正常', parent_id: c.orgs.townA });
    const tree = await townA.get('/api/orgs/tree');
    const zz = tree.body.children.find((n: any) => n.code === 'TA20');
    expect(zz.children[0]).toMatchObject({ code: 'TA20-1', children: [{ code: 'TA20-1-G1' }] });
    const hist = await townA.get(`/api/orgs/${rows[1].id}/history`);
    expect(hist.body.items[0]).toMatchObject({ action: '新建' });
    const audits = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'org.import').execute();
    expect(audits).toHaveLength(1);
    expect(JSON.parse(audits[0].after_json!)).toMatchObject({ count: 3 });
  });
});

describe('templates', () => {
  it('member template: frozen header, required columns marked red, notes, dropdowns, two example rows, valid but refused as examples', async () => {
    const r = await admin.get('/api/import/templates/members');
    expect(r.status).toBe(200);
    expect(r.headers['content-disposition']).toContain("filename*=UTF-8''");
    const wb = await openXlsx(r.raw);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('党员导入');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = (ws.getRow(1).values as any[]).slice(1);
    expect(header).toEqual([
      '*姓名',
      '性别',
      '民族',
      '*身份证号',
      '手机',
      '学历',
      '*所在支部编码',
      '入党日期',
      '转正日期',
      '*正式/预备',
      '*党员类别',
    ]);
    expect(ws.getCell('A1').font.color?.argb).toBe('FFC00000');
    expect(ws.getCell('B1').font.color?.argb).toBe('FF000000');
    expect(JSON.stringify(ws.getCell('D1').note)).toContain('校验位');
    // exceljs expands the ranges (F2:F100001) cell by cell when it reads a file back.
    const dv = (ws as any).dataValidations.model;
    expect(dv.F2).toMatchObject({ type: 'list', formulae: ['"研究生,大学本科,大学专科,中专,高中,初中,小学及以下"'] });
    expect(dv.F100001).toEqual(dv.F2);
    expect(dv.K2.formulae[0]).toContain('退役军人');
    expect(dv.J2.formulae[0]).toBe('"正式,预备"');
    expect(dv.A2).toBeUndefined();
    expect(ws.actualRowCount).toBe(3);
    expect(wb.worksheets[1].name).toBe('填写说明');

    // The examples are valid in every respect but one: the untouched template is refused only
    // because its rows are the examples (no fictional member goes in).
    const before = (await admin.get('/api/members?pageSize=1')).body.total;
    const up = await upload(admin, '/api/import/members', r.raw, '党员导入模板.xlsx');
    const job = await waitJob(admin, up.body.jobId);
    expect(job).toMatchObject({ status: 'failed', imported: 0, errorCount: 2 });
    expect(job.errors.map((e: any) => e.message)).toEqual([EXAMPLE_ROW_MESSAGE, EXAMPLE_ROW_MESSAGE]);
    expect((await admin.get('/api/members?pageSize=1')).body.total).toBe(before);
  });

  it('org template: same conventions; its example rows are refused as examples only', async () => {
    const r = await admin.get('/api/import/templates/orgs');
    const ws = (await openXlsx(r.raw)).worksheets[0];
    expect((ws.getRow(1).values as any[]).slice(1)).toEqual([
      '*组织编码',
      '*组织名称',
      '简称',
      '*组织类型',
      '*上级组织编码',
      '排序号',
    ]);
    expect((ws as any).dataValidations.model.D2.formulae[0]).toContain('党小组');
    const up = await upload(admin, '/api/import/orgs', r.raw);
    const job = await waitJob(admin, up.body.jobId);
    expect(job).toMatchObject({ status: 'failed', imported: 0, errorCount: 2 });
    expect(job.errors.map((e: any) => e.message)).toEqual([EXAMPLE_ROW_MESSAGE, EXAMPLE_ROW_MESSAGE]);
  });

  it('a read-only role cannot download templates', async () => {
    const dcs = await as(t.app, 'dcs');
    expect((await dcs.get('/api/import/templates/members')).status).toBe(403);
  });
});

describe('export', () => {
  it('members: headers, one row per filtered member, dates as dates, full ID for record keepers', async () => {
    const list = await admin.get(`/api/members?orgId=${c.orgs.townA}&pageSize=1`);
    const r = await admin.get(`/api/export/members?orgId=${c.orgs.townA}`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const ws = (await openXlsx(r.raw)).worksheets[0];
    expect((ws.getRow(1).values as any[]).slice(1)).toEqual([
      '姓名',
      '性别',
      '民族',
      '身份证号',
      '手机',
      '学历',
      '所在支部编码',
      '入党日期',
      '转正日期',
      '正式/预备',
      '党员类别',
      '所在支部',
      '出生日期',
      '状态',
    ]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getColumn(12).width).toBeGreaterThan(20);
    expect(ws.actualRowCount - 1).toBe(list.body.total);
    const zhang = ws.getRows(2, ws.actualRowCount - 1)!.find((row) => row.getCell(1).value === '张三明')!;
    expect(zhang.getCell(4).value).toBe(makeId('1980-05-06', 101, '男'));
    expect(zhang.getCell(8).value).toBeInstanceOf(Date);
    expect((zhang.getCell(8).value as Date).toISOString()).toBe('2005-07-01T00:00:00.000Z');
    expect(zhang.getCell(7).value).toBe('TA01');
    // The cells of a column share one style (export.ts): dates formatted, the rest plain, the header bold.
    expect([8, 9, 13].map((n) => zhang.getCell(n).numFmt)).toEqual(['yyyy-mm-dd', 'yyyy-mm-dd', 'yyyy-mm-dd']);
    expect([1, 4, 7, 12].map((n) => zhang.getCell(n).numFmt ?? null)).toEqual([null, null, null, null]);
    expect([ws.getRow(1).getCell(1).font?.bold, zhang.getCell(1).font?.bold ?? false]).toEqual([true, false]);
    const names = ws.getRows(2, ws.actualRowCount - 1)!.map((row) => row.getCell(1).value);
    expect(names).not.toContain('赵四海');

    const filtered = await admin.get(`/api/members?q=${encodeURIComponent('李')}&pageSize=1`);
    const rf = await admin.get(`/api/export/members?q=${encodeURIComponent('李')}`);
    expect((await openXlsx(rf.raw)).worksheets[0].actualRowCount - 1).toBe(filtered.body.total);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'member.export')
      .orderBy('id')
      .execute();
    expect(JSON.parse(audit[0].after_json!)).toMatchObject({ fullId: true, count: list.body.total });
  });

  it('a 督查员 (read-only) gets masked ID numbers; a township only its own members', async () => {
    const dcs = await as(t.app, 'dcs');
    const ws = (await openXlsx((await dcs.get('/api/export/members')).raw)).worksheets[0];
    const ids = ws.getRows(2, ws.actualRowCount - 1)!.map((row) => String(row.getCell(4).value));
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(id).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    const townB = await as(t.app, 'town-b');
    const wb = (await openXlsx((await townB.get('/api/export/members')).raw)).worksheets[0];
    expect(
      wb
        .getRows(2, wb.actualRowCount - 1)!
        .map((row) => row.getCell(1).value)
        .sort(),
    ).toEqual(['赵四海', '钱文静'].sort());
    expect((await townB.get(`/api/export/members?orgId=${c.orgs.a1}`)).status).toBe(404);
  });

  it('orgs: tree order, parent codes, row count equals the list total', async () => {
    const list = await admin.get('/api/orgs?pageSize=1');
    const r = await admin.get('/api/export/orgs');
    const ws = (await openXlsx(r.raw)).worksheets[0];
    expect((ws.getRow(1).values as any[]).slice(1)).toEqual([
      '组织编码',
      '组织名称',
      '简称',
      '组织类型',
      '上级组织编码',
      '排序号',
      '上级组织',
      '层级',
      '状态',
    ]);
    expect(ws.actualRowCount - 1).toBe(list.body.total);
    expect(ws.getCell('A2').value).toBe('C');
    const ta01 = ws.getRows(2, ws.actualRowCount - 1)!.find((row) => row.getCell(1).value === 'TA01')!;
    expect(ta01.getCell(5).value).toBe('TA');
    const sub = await admin.get(`/api/export/orgs?parentId=${c.orgs.townB}`);
    const ws2 = (await openXlsx(sub.raw)).worksheets[0];
    expect(ws2.getRows(2, ws2.actualRowCount - 1)!.map((row) => row.getCell(1).value)).toEqual(['TB', 'TB01']);
  });
});
