import fs from 'node:fs';
import { parseYmd } from './calendar.ts';
import { checkFunctionTable, type FunctionTable } from './functions.ts';
import { GENRE_LABELS } from './genre.ts';
import { extractTasks } from './index.ts';
import { readDocument, UserError } from './io.ts';
import type { Genre } from './types.ts';
import { deadlineLabel, positionLabel, writeXlsx } from './xlsx.ts';

const USAGE = `用法:npm run -s extract -- 文件 [--date YYYY-MM-DD] [--units 单位名单.txt] [--functions 职能表.json] [--json | --xlsx 输出.xlsx]
  文件          .txt(UTF-8 或 GB18030)或 .docx;用 - 表示从标准输入读取
  --date        相对时限(如"年底前")的参考日期,默认今天
  --units       单位名单,每行一个(如组织机构树),用于识别单位、映射简称,并把按职能建议的牵头单位对应到真实单位
  --functions   本地的职能—部门对照表(格式同 extract/functions.json),替换内置表
  --json        输出 JSON(语料 README 中的预测格式)
  --xlsx 文件   输出 Excel 任务分解表`;

function fail(msg: string): never {
  process.stderr.write(`错误:${msg}\n`);
  process.exit(2);
}

async function main(argv: string[]) {
  let file: string | undefined,
    date: string | undefined,
    unitsFile: string | undefined,
    functionsFile: string | undefined,
    xlsx: string | undefined,
    json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      const v = argv[++i];
      if (v === undefined || (v.startsWith('--') && v.length > 2)) fail(`${a} 需要一个参数\n${USAGE}`);
      return v;
    };
    if (a === '-h' || a === '--help') {
      process.stdout.write(`${USAGE}\n`);
      return;
    } else if (a === '--date') date = val();
    else if (a === '--units') unitsFile = val();
    else if (a === '--functions') functionsFile = val();
    else if (a === '--xlsx') xlsx = val();
    else if (a === '--json') json = true;
    else if (a.startsWith('--')) fail(`未知参数:${a}\n${USAGE}`);
    else if (file === undefined) file = a;
    else fail(`只能指定一个输入文件(多余的参数:${a})\n${USAGE}`);
  }
  if (!file) fail(`缺少输入文件\n${USAGE}`);
  if (json && xlsx) fail('--json 和 --xlsx 只能选一个');
  if (date !== undefined && !parseYmd(date)) fail(`日期格式不对:${date}(应为 YYYY-MM-DD,如 2024-03-01)`);
  let units: string[] | undefined;
  if (unitsFile) {
    try {
      units = (await readDocument(unitsFile)).text
        .split(/\r?\n/)
        .map((s) => s.trim())
        .filter(Boolean);
    } catch (e) {
      fail(e instanceof UserError ? `单位名单:${e.message}` : `无法读取单位名单:${unitsFile}`);
    }
  }
  let functions: FunctionTable | undefined;
  if (functionsFile) {
    try {
      functions = checkFunctionTable(JSON.parse(fs.readFileSync(functionsFile, 'utf8')));
    } catch (e) {
      fail(`职能表 ${functionsFile} 无法使用:${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const { text } = await readDocument(file);
  const res = extractTasks(text, { referenceDate: date, units, functions });
  for (const w of res.warnings) process.stderr.write(`提示:${w}\n`);
  if (json) {
    process.stdout.write(`${JSON.stringify({ genre: res.genre, level: res.level, tasks: res.tasks }, null, 2)}\n`);
  } else if (xlsx) {
    try {
      await writeXlsx(xlsx, res.tasks, text);
    } catch {
      fail(`无法写入 Excel 文件:${xlsx}`);
    }
    process.stderr.write(`已写入 ${xlsx}:${res.tasks.length} 项任务\n`);
  } else {
    printTable(res.tasks, text, res.genre);
  }
}

function printTable(tasks: ReturnType<typeof extractTasks>['tasks'], source: string, genre?: Genre) {
  const lines: string[] = [`任务分解表(共 ${tasks.length} 项;文体:${GENRE_LABELS[genre ?? 'speech']})`, ''];
  tasks.forEach((t, i) => {
    lines.push(`${i + 1}. ${t.text}`);
    const f: string[] = [];
    const p = t.unitSource === 'proposal' ? t.proposals?.[0] : undefined;
    f.push(`牵头:${t.units.join('、') || '—'}${p ? `(建议,依据:${p.keywords.join('、')})` : ''}`);
    if (!t.units.length && t.proposals?.length)
      f.push(`可考虑:${t.proposals.map((x) => x.mapped ?? x.name).join('、')}`);
    if (t.cooperating.length) f.push(`配合:${t.cooperating.join('、')}`);
    f.push(`时限:${deadlineLabel(t.deadline) || '—'}`);
    if (t.targets.length) f.push(`目标:${t.targets.map((x) => x.text).join(';')}`);
    f.push(`位置:${positionLabel(source, t)}`);
    if (t.confidence !== undefined) f.push(`把握:${Math.round(t.confidence * 100)}%`);
    lines.push(`   ${f.join(' | ')}`, '');
  });
  process.stdout.write(`${lines.join('\n')}\n`);
}

main(process.argv.slice(2)).catch((e: unknown) => {
  if (e instanceof UserError) fail(e.message);
  fail(`处理失败:${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
});
