/** The downloadable import templates, generated from the column definitions. */
import ExcelJS from 'exceljs';
import type { Ctx } from '../../context.ts';
import { inSubtree, type Actor } from '../../lib/scope.ts';
import { idCheckDigit } from '../../../common/idcard.ts';
import { columnsOf, type ImportKind } from './columns.ts';
import { MAX_ROWS } from './xlsx.ts';

const fictionalId = (first17: string) => first17 + idCheckDigit(first17);

/**
 * The example rows' identities: an import refuses rows that still carry them (the two fictional
 * members, the 示例村 branches), so a template uploaded without deleting them adds nobody fictional.
 */
export const EXAMPLE_MEMBER_IDS = [fictionalId('99010119850715001'), fictionalId('99010119930302002')];
export const EXAMPLE_ORG_NAMES = ['中共示例村总支部委员会', '中共示例村第一支部委员会'];
export const EXAMPLE_ROW_MESSAGE = '这是模板自带的示例行(虚构数据),请删除该行或改为真实数据后再导入';

/**
 * Builds the template. The example rows use the caller's own codes (their first branch, their
 * scope node) so they show real values; the IDs are fictional (region 990101 does not exist).
 */
export async function buildTemplate(ctx: Ctx, actor: Actor, kind: ImportKind): Promise<Buffer> {
  const scope = await ctx.db
    .selectFrom('org_unit')
    .select(['code'])
    .where('id', '=', actor.scopeOrgId)
    .executeTakeFirst();
  const branch = await ctx.db
    .selectFrom('org_unit as o')
    .select('o.code')
    .where(inSubtree('o', actor.scopePath))
    .where('o.type', '=', '党支部')
    .where('o.status', '=', '正常')
    .orderBy('o.path')
    .limit(1)
    .executeTakeFirst();
  const cols = columnsOf(kind);
  const wb = new ExcelJS.Workbook();
  wb.creator = '落实 Luoshi';
  const ws = wb.addWorksheet(kind === 'orgs' ? '组织导入' : '党员导入', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = cols.map((c) => ({
    key: c.key,
    width: c.width,
    style: c.text ? { numFmt: '@' } : c.date ? { numFmt: 'yyyy-mm-dd' } : {},
  }));
  const header = ws.getRow(1);
  cols.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.required ? `*${c.header}` : c.header;
    cell.font = { bold: true, color: { argb: c.required ? 'FFC00000' : 'FF000000' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    cell.alignment = { horizontal: 'center', vertical: 'middle' };
    cell.note = `${c.required ? '【必填】' : '【选填】'}${c.note}`;
    const letter = ws.getColumn(i + 1).letter;
    if (c.options) {
      (ws as any).dataValidations.add(`${letter}2:${letter}${MAX_ROWS + 1}`, {
        type: 'list',
        allowBlank: !c.required,
        showErrorMessage: true,
        formulae: [`"${c.options.join(',')}"`],
        errorTitle: '请从下拉列表中选择',
        error: `「${c.header}」应为:${c.options.join('、')}`,
      });
    }
  });
  header.height = 22;
  const examples =
    kind === 'members'
      ? [
          {
            name: '张明华',
            gender: '男',
            ethnicity: '汉族',
            idNumber: EXAMPLE_MEMBER_IDS[0],
            phone: '13800000001',
            education: '大学本科',
            orgCode: branch?.code ?? 'ZB001',
            joinDate: new Date(Date.UTC(2008, 6, 1)),
            fullDate: new Date(Date.UTC(2009, 6, 1)),
            memberType: '正式',
            category: '在职',
          },
          {
            name: '李秀英',
            gender: '女',
            ethnicity: '回族',
            idNumber: EXAMPLE_MEMBER_IDS[1],
            phone: '13900000002',
            education: '大学专科',
            orgCode: branch?.code ?? 'ZB001',
            joinDate: '2025/6/30',
            fullDate: null,
            memberType: '预备',
            category: '生产一线',
          },
        ]
      : [
          {
            code: `${scope?.code ?? 'ROOT'}-X1`,
            name: EXAMPLE_ORG_NAMES[0],
            shortName: '示例村党总支',
            type: '党总支',
            parentCode: scope?.code ?? 'ROOT',
            sortOrder: 1,
          },
          {
            code: `${scope?.code ?? 'ROOT'}-X1-B1`,
            name: EXAMPLE_ORG_NAMES[1],
            shortName: '示例村第一党支部',
            type: '党支部',
            parentCode: `${scope?.code ?? 'ROOT'}-X1`,
            sortOrder: 1,
          },
        ];
  for (const e of examples) ws.addRow(e);

  const help = wb.addWorksheet('填写说明');
  help.columns = [{ width: 16 }, { width: 90 }];
  help.addRow(['填写说明']).font = { bold: true, size: 14 };
  help.addRow(['', '1. 在第一个工作表中从第 2 行起填写,每行一条;表头不要修改。红色带 * 的列为必填。']);
  help.addRow(['', '2. 第 2、3 行为示例,导入前请删除或改为真实数据。']);
  help.addRow([
    '',
    `3. 一次最多 ${MAX_ROWS.toLocaleString('en-US')} 行。导入前逐行校验,只要有一处错误就整表不导入;可下载错误报告(错误单元格标红并附错误说明)修改后重新上传。`,
  ]);
  help.addRow(['', '4. 日期可填 2005-07-01、2005/7/1 或 2005年7月1日,也可用 Excel 日期格式。']);
  for (const c of cols)
    help.addRow([
      c.header,
      `${c.required ? '【必填】' : '【选填】'}${c.note}${c.options ? `可选值:${c.options.join('、')}。` : ''}`,
    ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
