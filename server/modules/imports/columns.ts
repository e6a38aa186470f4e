/**
 * The columns of the two import sheets: one definition drives the template (header, red "*" for
 * required, cell comment, dropdown), header recognition on upload, and the error report.
 */
import { EDUCATIONS, GENDERS, MEMBER_CATEGORIES, MEMBER_TYPES, ORG_TYPES } from '../../../common/enums.ts';

export type { ImportKind } from '../../../common/contracts/imports.ts';
import type { ImportKind } from '../../../common/contracts/imports.ts';

export interface ColumnDef {
  key: string;
  /** Header text without the "*" marker; also the `column` of error entries. */
  header: string;
  required: boolean;
  /** Other header spellings accepted on upload (files made by hand or by older systems). */
  aliases?: string[];
  options?: readonly string[];
  date?: boolean;
  /** Stored as text in the template so that Excel does not turn 18-digit IDs into 9.9E+17. */
  text?: boolean;
  note: string;
  width: number;
}

const DATE_NOTE = '日期,可填 2005-07-01、2005/7/1 或 2005年7月1日,也可用 Excel 日期格式。';

export const MEMBER_COLUMNS: ColumnDef[] = [
  { key: 'name', header: '姓名', required: true, note: '必填,不超过 30 个字。', width: 10 },
  {
    key: 'gender',
    header: '性别',
    required: false,
    options: GENDERS,
    note: '可不填:按身份证号自动识别;填写时须与身份证号一致。',
    width: 6,
  },
  { key: 'ethnicity', header: '民族', required: false, note: '如:汉族、回族。', width: 8 },
  {
    key: 'idNumber',
    header: '身份证号',
    required: true,
    text: true,
    aliases: ['公民身份号码', '身份证号码'],
    note: '必填,18 位,末位可为 X;按国家标准校验校验位。请保持本列为文本格式,否则 Excel 会丢失末几位。',
    width: 21,
  },
  {
    key: 'phone',
    header: '手机',
    required: false,
    text: true,
    aliases: ['手机号', '手机号码', '联系电话'],
    note: '11 位手机号,以 13–19 开头。',
    width: 13,
  },
  { key: 'education', header: '学历', required: false, options: EDUCATIONS, note: '从下拉列表选择。', width: 11 },
  {
    key: 'orgCode',
    header: '所在支部编码',
    required: true,
    text: true,
    aliases: ['支部编码', '所在党支部编码'],
    note: '必填:所在党支部(或党总支、党委)的组织编码,须在您的管辖范围内。编码可在「组织机构」中查看或导出。',
    width: 16,
  },
  { key: 'joinDate', header: '入党日期', required: false, date: true, note: DATE_NOTE, width: 12 },
  { key: 'fullDate', header: '转正日期', required: false, date: true, note: `${DATE_NOTE}预备党员不填。`, width: 12 },
  {
    key: 'memberType',
    header: '正式/预备',
    required: true,
    options: MEMBER_TYPES,
    aliases: ['党员类型', '正式或预备'],
    note: '必填:正式 或 预备。',
    width: 10,
  },
  {
    key: 'category',
    header: '党员类别',
    required: true,
    options: MEMBER_CATEGORIES,
    note: '必填,从下拉列表选择。',
    width: 10,
  },
];

export const ORG_COLUMNS: ColumnDef[] = [
  {
    key: 'code',
    header: '组织编码',
    required: true,
    text: true,
    note: '必填,全县唯一;只能包含字母、数字、下划线和连字符,不超过 40 个字符。',
    width: 16,
  },
  {
    key: 'name',
    header: '组织名称',
    required: true,
    aliases: ['名称'],
    note: '必填,全称,不超过 100 个字。',
    width: 32,
  },
  { key: 'shortName', header: '简称', required: false, note: '不超过 50 个字。', width: 16 },
  {
    key: 'type',
    header: '组织类型',
    required: true,
    options: ORG_TYPES,
    aliases: ['类型'],
    note: '必填,从下拉列表选择。',
    width: 10,
  },
  {
    key: 'parentCode',
    header: '上级组织编码',
    required: true,
    text: true,
    note: '必填:已有组织的编码(须在您的管辖范围内),或本表中前面行新建组织的编码。',
    width: 16,
  },
  {
    key: 'sortOrder',
    header: '排序号',
    required: false,
    note: '0–100000 的整数,同级内从小到大排列;可不填。',
    width: 8,
  },
];

export const columnsOf = (kind: ImportKind) => (kind === 'orgs' ? ORG_COLUMNS : MEMBER_COLUMNS);

/** Header text as people type it: "*姓名", "姓名 ", "身份证号(18位)" all mean 姓名 / 身份证号. */
export function normalizeHeader(h: string) {
  return h.replace(/[*＊\s]/g, '').replace(/[（(][^）)]*[）)]$/, '');
}

/** Maps each known column key to its 1-based column index in the uploaded header row. */
export function mapHeader(
  kind: ImportKind,
  headerRow: (string | null)[],
): { map: Map<string, number>; missing: string[] } {
  const map = new Map<string, number>();
  headerRow.forEach((raw, i) => {
    if (raw == null) return;
    const h = normalizeHeader(String(raw));
    const col = columnsOf(kind).find((c) => c.header === h || c.aliases?.includes(h));
    if (col && !map.has(col.key)) map.set(col.key, i + 1);
  });
  const missing = columnsOf(kind)
    .filter((c) => c.required && !map.has(c.key))
    .map((c) => c.header);
  return { map, missing };
}
