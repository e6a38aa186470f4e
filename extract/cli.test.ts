import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const corpus = path.resolve(process.env.CORPUS_DIR ?? path.join(root, '../shared/corpus/dev'));
const speechFile = path.join(corpus, 'seed-speech-4.txt');
// the dev speech when the corpus is present, else a short stand-in with the same kind of content
const speech = fs.existsSync(speechFile)
  ? fs.readFileSync(speechFile, 'utf8')
  : '同志们:\n\n县委组织部要尽快研究出台x县离退休党员分类管理办法。\n\n今年上半年,各镇要按每村不少于x名的标准,精准储备一批村级后备干部。\n';

let dir = '';
function run(args: string[], input?: Buffer | string) {
  const r = spawnSync('npx', ['tsx', 'extract/cli.ts', ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    timeout: 60000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const parse = (out: string) =>
  JSON.parse(out) as {
    tasks: {
      text: string;
      start: number;
      end: number;
      units: string[];
      deadline: { text: string; from: string | null; to: string | null } | null;
      targets: { text: string }[];
    }[];
  };

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-cli-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('extract CLI', () => {
  let utf8Tasks: ReturnType<typeof parse>['tasks'] = [];

  it('reads a UTF-8 .txt and prints the prediction JSON', () => {
    const f = path.join(dir, 'speech.txt');
    fs.writeFileSync(f, speech);
    const r = run([f, '--date', '2020-01-15', '--json']);
    expect(r.code).toBe(0);
    utf8Tasks = parse(r.out).tasks;
    expect(utf8Tasks.length).toBeGreaterThan(1);
    for (const t of utf8Tasks) {
      expect(speech.slice(t.start, t.end)).toBe(t.text);
      expect(Array.isArray(t.units) && Array.isArray(t.targets)).toBe(true);
    }
    const t = utf8Tasks.find((x) => x.text.startsWith('县委组织部要尽快研究出台'))!;
    expect(t.units).toEqual(['县委组织部']);
    expect(t.deadline).toMatchObject({ text: '尽快', from: null, to: null });
    const h = utf8Tasks.find((x) => x.text.startsWith('各镇要按每村不少于x名'))!;
    expect(h.deadline).toMatchObject({ text: '今年上半年', from: '2020-01-01', to: '2020-06-30' });
  }, 60000);

  it('detects GB18030 and gives the same tasks', () => {
    const f = path.join(dir, 'speech-gbk.txt');
    fs.writeFileSync(f, iconv.encode(speech, 'gb18030'));
    const r = run([f, '--date', '2020-01-15', '--json']);
    expect(r.code).toBe(0);
    expect(parse(r.out).tasks).toEqual(utf8Tasks);
  }, 60000);

  it('reads a .docx generated from the speech', async () => {
    const doc = new Document({
      sections: [
        {
          children: speech
            .split(/\n+/)
            .filter((p) => p.trim())
            .map((p) => new Paragraph({ children: [new TextRun(p)] })),
        },
      ],
    });
    const f = path.join(dir, 'speech.docx');
    fs.writeFileSync(f, await Packer.toBuffer(doc));
    const r = run([f, '--date', '2020-01-15', '--json']);
    expect(r.code).toBe(0);
    const tasks = parse(r.out).tasks;
    expect(tasks.map((t) => t.text)).toEqual(utf8Tasks.map((t) => t.text));
    expect(tasks.map((t) => t.units)).toEqual(utf8Tasks.map((t) => t.units));
  }, 60000);

  it('reads a .docx 分工 table (牵头单位/完成时限 columns)', async () => {
    const row = (cells: string[]) =>
      new TableRow({ children: cells.map((c) => new TableCell({ children: [new Paragraph(c)] })) });
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph('x县重点工作任务分解表'),
            new Table({
              rows: [
                row(['序号', '工作任务', '牵头单位', '配合单位', '完成时限']),
                row(['1', '加快推进工业园区扩区调规', '县工信局', '县自然资源局、县发改局', '2024年6月底前']),
                row(['2', '新增城镇就业不少于2000人', '县人社局', '各乡镇', '年底前']),
              ],
            }),
          ],
        },
      ],
    });
    const f = path.join(dir, 'table.docx');
    fs.writeFileSync(f, await Packer.toBuffer(doc));
    const r = run([f, '--date', '2024-02-20', '--json']);
    expect(r.code).toBe(0);
    const tasks = parse(r.out).tasks;
    expect(tasks.map((t) => [t.text, t.units, t.deadline?.to])).toEqual([
      ['加快推进工业园区扩区调规', ['县工信局'], '2024-06-30'],
      ['新增城镇就业不少于2000人', ['县人社局'], '2024-12-31'],
    ]);
  }, 60000);

  it('reads stdin with "-" and prints a readable table by default', () => {
    const r = run(['-', '--date', '2024-02-20'], '县财政局要在今年底前完成专项资金拨付。\n');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/任务分解表/);
    expect(r.out).toMatch(/牵头:县财政局/);
    expect(r.out).toMatch(/今年底前\(2024-02-20 至 2024-12-31\)/);
  }, 60000);

  it('writes an .xlsx 任务分解表', async () => {
    const out = path.join(dir, 'out.xlsx');
    const f = path.join(dir, 'fg.txt');
    fs.writeFileSync(
      f,
      '3.加快推进工业园区扩区调规,年底前完成规划修编。(牵头单位:县工信局;配合单位:县自然资源局、县发改局)\n',
    );
    const r = run([f, '--date', '2024-02-20', '--xlsx', out]);
    expect(r.code).toBe(0);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0];
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
      '序号',
      '工作任务',
      '牵头单位',
      '配合单位',
      '完成时限',
      '目标指标',
      '原文位置',
    ]);
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getCell('C2').value).toBe('县工信局');
    expect(ws.getCell('D2').value).toBe('县自然资源局、县发改局');
    expect(String(ws.getCell('E2').value)).toMatch(/^年底前/);
  }, 60000);

  it.each([
    [['/no/such/file.txt'], /找不到文件/],
    [[], /缺少输入文件/],
    [['x.txt', '--date', '2024-13-01'], /日期格式不对/],
    [['x.txt', '--bogus'], /未知参数/],
  ])(
    'bad usage %j → exit 2 with a Chinese message',
    (args, msg) => {
      const r = run(args as string[]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(msg);
      expect(r.err).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    },
    60000,
  );

  it('rejects binary garbage with exit 2', () => {
    const f = path.join(dir, 'garbage.bin');
    const b = Buffer.alloc(4096);
    for (let i = 0; i < b.length; i++) b[i] = (i * 131 + 7) % 256;
    fs.writeFileSync(f, b);
    const r = run([f, '--json']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/不是文本|乱码/);
  }, 60000);
});
