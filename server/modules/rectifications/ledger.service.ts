import ExcelJS from 'exceljs';
import type { Ctx } from '../../context.ts';
import { localDate } from '../../lib/clock.ts';
import type { Actor } from '../../lib/scope.ts';
import type { RectExportQuery, RectSummaryPage, RectSummaryQuery } from '../../../common/contracts/rectifications.ts';
import type { OutFile } from '../../lib/http.ts';
import { listQuery } from './items.service.ts';
import { datedFileName } from '../../lib/filename.ts';
import * as D from '../../lib/official-docx.ts';

/** The ledger as the offices keep it (.xlsx), with the same filters as the list. */
export async function exportXlsx(ctx: Ctx, actor: Actor, f: RectExportQuery): Promise<OutFile> {
  const rows = await listQuery(ctx.db, actor, f, ctx.clock.now())
    .selectAll('r')
    .select(['o.name as org_name', 'i.name as issuer_name'])
    .orderBy('o.path')
    .orderBy('r.id')
    .execute();
  const today = localDate(ctx.clock.now());
  const data = await table(
    '问题整改台账',
    [
      ['序号', 6],
      ['整改单位', 24],
      ['问题', 50],
      ['来源', 10],
      ['整改措施', 40],
      ['责任人', 10],
      ['完成时限', 12],
      ['状态', 10],
      ['是否逾期', 8],
      ['反弹次数', 8],
      ['销号日期', 12],
      ['回头看日期', 12],
      ['交办方', 20],
    ],
    rows.map((r, i) => [
      i + 1,
      r.org_name,
      r.problem,
      r.source,
      r.measures ?? '',
      r.owner ?? '',
      r.deadline_date ?? '',
      r.status,
      r.status !== '已销号' && r.deadline_date && r.deadline_date < today ? '是' : '否',
      r.rebound_count,
      r.closed_date ?? '',
      r.recheck_due_date ?? '',
      r.issuer_name,
    ]),
  );
  return { fileName: datedFileName('问题整改台账', 'xlsx', ctx.clock.now()), data };
}

/** The same ledger as a Word file (A4 landscape, official layout), for offices that file in Word. */
export async function exportDocx(ctx: Ctx, actor: Actor, f: RectExportQuery): Promise<OutFile> {
  const rows = await listQuery(ctx.db, actor, f, ctx.clock.now())
    .selectAll('r')
    .select(['o.name as org_name', 'i.name as issuer_name'])
    .orderBy('o.path')
    .orderBy('r.id')
    .limit(5000)
    .execute();
  const today = localDate(ctx.clock.now());
  const late = (r: (typeof rows)[number]) => r.status !== '已销号' && !!r.deadline_date && r.deadline_date < today;
  const data = await D.officialDocx(
    '问题整改台账',
    [
      D.title('问题整改台账'),
      D.subtitle(
        `统计日期:${D.cnDate(today)}    共 ${rows.length} 项,已销号 ${rows.filter((r) => r.status === '已销号').length} 项,逾期 ${rows.filter(late).length} 项`,
      ),
      D.table(
        [
          ['序号', 2],
          ['整改单位', 6],
          ['存在问题', 14],
          ['来源', 3],
          ['整改措施', 12],
          ['责任人', 3],
          ['完成时限', 5],
          ['状态', 4],
          ['销号日期', 5],
          ['交办方', 5],
        ],
        rows.map((r, i) => [
          String(i + 1),
          r.org_name,
          r.problem,
          r.source,
          r.measures ?? '',
          r.owner ?? '',
          D.cnDate(r.deadline_date),
          r.status + (late(r) ? '\n(逾期)' : '') + (r.rebound_count ? `\n反弹${r.rebound_count}次` : ''),
          D.cnDate(r.closed_date),
          r.issuer_name,
        ]),
        { landscape: true },
      ),
    ],
    { landscape: true },
  );
  return { fileName: datedFileName('问题整改台账', 'docx', ctx.clock.now()), data };
}

/** Per-organization summary: totals by status, overdue and rebounds (computed, never typed). */
export async function summary(ctx: Ctx, actor: Actor, f: RectSummaryQuery): Promise<RectSummaryPage> {
  const today = localDate(ctx.clock.now());
  const rows = await listQuery(ctx.db, actor, f, ctx.clock.now())
    .select((eb) => [
      'r.org_id',
      'o.name as org_name',
      eb.fn.countAll<number>().as('total'),
      eb.fn.sum<number>(eb.case().when('r.status', '=', '整改中').then(1).else(0).end()).as('open'),
      eb.fn.sum<number>(eb.case().when('r.status', '=', '申请销号').then(1).else(0).end()).as('applying'),
      eb.fn.sum<number>(eb.case().when('r.status', '=', '已销号').then(1).else(0).end()).as('closed'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.and([eb('r.status', '!=', '已销号'), eb('r.deadline_date', '<', today)]))
            .then(1)
            .else(0)
            .end(),
        )
        .as('overdue'),
      eb.fn.sum<number>('r.rebound_count').as('rebounds'),
    ])
    .groupBy(['r.org_id', 'o.name', 'o.path'])
    .orderBy('o.path')
    .execute();
  const items = rows.map((r) => {
    const total = Number(r.total);
    const closed = Number(r.closed);
    return {
      orgId: r.org_id,
      orgName: r.org_name,
      total,
      open: Number(r.open),
      applying: Number(r.applying),
      closed,
      overdue: Number(r.overdue),
      rebounds: Number(r.rebounds),
      closeRate: total ? Math.round((closed / total) * 1000) / 10 : 0,
    };
  });
  return { items, total: items.length };
}

export async function summaryXlsx(ctx: Ctx, actor: Actor, f: RectSummaryQuery): Promise<OutFile> {
  const { items } = await summary(ctx, actor, f);
  const data = await table(
    '整改情况汇总',
    [
      ['单位', 24],
      ['问题总数', 10],
      ['整改中', 10],
      ['申请销号', 10],
      ['已销号', 10],
      ['逾期', 8],
      ['反弹次数', 10],
      ['销号率(%)', 10],
    ],
    items.map((i) => [i.orgName, i.total, i.open, i.applying, i.closed, i.overdue, i.rebounds, i.closeRate]),
  );
  return { fileName: datedFileName('整改情况汇总', 'xlsx', ctx.clock.now()), data };
}

/** One sheet: a bold, frozen header row of (title, width) columns, then the rows. */
async function table(name: string, columns: [string, number][], rows: (string | number)[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(name);
  ws.columns = columns.map(([header, width]) => ({ header, width }));
  ws.getRow(1).font = { bold: true };
  ws.addRows(rows);
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
