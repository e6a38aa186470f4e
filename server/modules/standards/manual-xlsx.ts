/**
 * A manual as an .xlsx workbook (sheets 手册 / 项目 / 等次), so an organization department can
 * load its own checklist. Import checks the tree (every item row names its dimension, a dimension
 * keeps one point value, codes are unique, methods are known) before the point sums.
 */
import ExcelJS from 'exceljs';
import type { Band, Dimension, ManualBody, ManualItem } from '../../../common/contracts/standards.ts';
import { STD_METHOD_LABELS, STD_METHODS, STD_SCHEMES, STD_SOURCE_RULES } from '../../../common/enums.ts';
import { badRequest } from '../../lib/errors.ts';
import { notXlsx } from '../imports/xlsx.ts';
import type { ManualContent } from './manuals.service.ts';

const ITEM_COLS = [
  '维度',
  '维度分值',
  '加分项',
  '编号',
  '项目',
  '考评标准',
  '分值',
  '计分方式',
  '每次分值',
  '最低分',
  '分档',
  '不累计组',
  '佐证类型',
  '数据来源',
  '取数规则',
  '取数扣分',
  '阈值',
  '否决线',
] as const;
const BAND_COLS = ['等次', '最低分', '指导比例(%)', '比例控制', '受单项否决', '整顿对象'] as const;
const METHOD_BY_LABEL = Object.fromEntries(Object.entries(STD_METHOD_LABELS).map(([k, v]) => [v, k]));

export async function manualToXlsx(m: {
  name: string;
  scheme: string;
  total_points: number;
  bonus_points: number;
  dimensions: ManualContent['dimensions'];
  bands: Band[];
}) {
  const wb = new ExcelJS.Workbook();
  const head = wb.addWorksheet('手册');
  head.addRows([
    ['名称', m.name],
    ['类型', m.scheme],
    ['基本分', m.total_points],
    ['加分上限', m.bonus_points],
  ]);
  head.getColumn(1).width = 12;
  head.getColumn(2).width = 40;
  const items = wb.addWorksheet('项目');
  items.addRow([...ITEM_COLS]).font = { bold: true };
  for (const d of m.dimensions)
    for (const it of d.items)
      items.addRow([
        d.name,
        d.points,
        d.bonus ? '是' : '否',
        it.code,
        it.title,
        it.criterion,
        it.maxPoints,
        STD_METHOD_LABELS[it.method],
        it.perOccurrence ?? null,
        it.floor ?? null,
        (it.levels ?? []).map((l) => `${l.label}:${l.points}`).join('/'),
        it.bonusGroup ?? null,
        it.evidence.join('、'),
        it.source?.key ?? null,
        it.source?.rule ?? null,
        it.source?.step ?? null,
        it.source?.threshold ?? null,
        it.vetoBelow ?? null,
      ]);
  items.columns.forEach((c, i) => {
    c.width = [12, 8, 6, 6, 18, 50, 6, 10, 8, 8, 24, 10, 16, 28, 8, 8, 6, 6][i] ?? 10;
  });
  items.views = [{ state: 'frozen', ySplit: 1 }];
  const bands = wb.addWorksheet('等次');
  bands.addRow([...BAND_COLS]).font = { bold: true };
  for (const b of m.bands)
    bands.addRow([
      b.grade,
      b.minScore,
      b.quotaPercent ?? null,
      b.quotaMode === 'enforce' ? '强制' : '提示',
      b.vetoBlocks ? '是' : '否',
      b.rectify ? '是' : '否',
    ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const text = (v: ExcelJS.CellValue) => {
  if (v == null) return '';
  if (typeof v === 'object' && 'richText' in v)
    return v.richText
      .map((r) => r.text)
      .join('')
      .trim();
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '').trim();
  return String(v).trim();
};
const num = (v: ExcelJS.CellValue) => {
  const s = text(v);
  if (!s) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : Number.NaN;
};

/** Reads a manual workbook; throws 400 with every problem of the tree (row numbers as in Excel). */
export async function manualFromXlsx(buf: Buffer): Promise<ManualBody> {
  if (buf.length < 4 || buf.readUInt32LE(0) !== 0x04034b50) throw notXlsx();
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw notXlsx();
  }
  const head = wb.getWorksheet('手册');
  const sheet = wb.getWorksheet('项目');
  const bandSheet = wb.getWorksheet('等次');
  if (!head || !sheet || !bandSheet)
    throw badRequest('MANUAL_XLSX_SHEETS', '手册文件须包含「手册」「项目」「等次」三个工作表(可先导出一份作为模板)');
  const meta: Record<string, string> = {};
  head.eachRow((r) => {
    meta[text(r.getCell(1).value)] = text(r.getCell(2).value);
  });
  const problems: string[] = [];
  const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(text);
  const col = (name: string) => header.indexOf(name) + 1;
  for (const c of ['维度', '维度分值', '编号', '项目', '考评标准', '分值', '计分方式'])
    if (!col(c)) problems.push(`「项目」表缺少列「${c}」`);
  if (problems.length) throw badRequest('MANUAL_XLSX_BROKEN', problems[0], { problems });
  const dims: Dimension[] = [];
  const byName = new Map<string, Dimension>();
  sheet.eachRow((r, n) => {
    if (n === 1) return;
    const g = (c: string) => (col(c) ? r.getCell(col(c)).value : null);
    const code = text(g('编号'));
    const dimName = text(g('维度'));
    if (!code && !dimName && !text(g('项目'))) return;
    if (!dimName) return void problems.push(`第 ${n} 行:项目「${code || text(g('项目'))}」缺少所属维度`);
    if (!code) return void problems.push(`第 ${n} 行:缺少项目编号`);
    const dimPoints = num(g('维度分值'));
    let d = byName.get(dimName);
    if (!d) {
      if (dimPoints === undefined || Number.isNaN(dimPoints))
        return void problems.push(`第 ${n} 行:维度「${dimName}」缺少维度分值`);
      d = { name: dimName, points: dimPoints, ...(text(g('加分项')) === '是' ? { bonus: true } : {}), items: [] };
      byName.set(dimName, d);
      dims.push(d);
    } else if (dimPoints !== undefined && dimPoints !== d.points)
      problems.push(`第 ${n} 行:维度「${dimName}」的分值 ${dimPoints} 与前面的 ${d.points} 不一致`);
    const method = METHOD_BY_LABEL[text(g('计分方式'))] ?? text(g('计分方式'));
    if (!(STD_METHODS as readonly string[]).includes(method))
      return void problems.push(`第 ${n} 行:计分方式「${text(g('计分方式'))}」无效(按次扣分/分档评定/是否达标/加分)`);
    const max = num(g('分值'));
    if (max === undefined || Number.isNaN(max) || max < 0) return void problems.push(`第 ${n} 行:分值无效`);
    const it: ManualItem = {
      code,
      title: text(g('项目')),
      criterion: text(g('考评标准')) || text(g('项目')),
      maxPoints: max,
      method: method as ManualItem['method'],
      evidence: text(g('佐证类型'))
        .split(/[、,,]/)
        .map((s) => s.trim())
        .filter(Boolean),
    };
    const per = num(g('每次分值'));
    if (per !== undefined) it.perOccurrence = per;
    const floor = num(g('最低分'));
    if (floor !== undefined) it.floor = floor;
    const levels = text(g('分档'));
    if (levels)
      it.levels = levels.split('/').map((s) => {
        const [label, p] = s.split(/[::]/);
        return { label: (label ?? '').trim(), points: Number(p) };
      });
    const group = text(g('不累计组'));
    if (group) it.bonusGroup = group;
    const key = text(g('数据来源'));
    if (key) {
      const rule = text(g('取数规则')) || 'perUnit';
      if (!(STD_SOURCE_RULES as readonly string[]).includes(rule)) problems.push(`第 ${n} 行:取数规则「${rule}」无效`);
      it.source = { key, rule: rule as 'perUnit', step: num(g('取数扣分')) ?? 1 };
      const th = num(g('阈值'));
      if (th !== undefined) it.source.threshold = th;
    }
    const veto = num(g('否决线'));
    if (veto !== undefined) it.vetoBelow = veto;
    if (
      [per, floor, veto].some((x) => Number.isNaN(x)) ||
      it.levels?.some((l) => !Number.isFinite(l.points) || !l.label)
    )
      problems.push(`第 ${n} 行:数值格式无效`);
    d.items.push(it);
  });
  const bands: Band[] = [];
  bandSheet.eachRow((r, n) => {
    if (n === 1) return;
    const grade = text(r.getCell(1).value);
    if (!grade) return;
    const min = num(r.getCell(2).value);
    if (min === undefined || Number.isNaN(min)) return void problems.push(`「等次」第 ${n} 行:最低分无效`);
    const q = num(r.getCell(3).value);
    bands.push({
      grade,
      minScore: min,
      quotaPercent: q === undefined || Number.isNaN(q) ? null : q,
      quotaMode: text(r.getCell(4).value) === '强制' ? 'enforce' : 'warn',
      vetoBlocks: text(r.getCell(5).value) === '是',
      ...(text(r.getCell(6).value) === '是' ? { rectify: true } : {}),
    });
  });
  if (!dims.length) problems.push('「项目」表没有任何项目');
  if (bands.length < 2) problems.push('「等次」表至少需要两个等次');
  const scheme = meta.类型 || '标准化';
  if (!(STD_SCHEMES as readonly string[]).includes(scheme)) problems.push(`类型「${scheme}」无效(标准化/星级)`);
  const total = Number(meta.基本分);
  const bonus = Number(meta.加分上限 || 0);
  if (!meta.名称) problems.push('「手册」表缺少名称');
  if (!Number.isFinite(total) || total <= 0) problems.push('「手册」表的基本分无效');
  if (problems.length) throw badRequest('MANUAL_XLSX_BROKEN', problems[0], { problems });
  return {
    name: meta.名称,
    scheme: scheme as ManualBody['scheme'],
    totalPoints: total,
    bonusPoints: bonus,
    dimensions: dims,
    bands,
  };
}
