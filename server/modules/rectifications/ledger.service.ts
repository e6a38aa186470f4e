import ExcelJS from 'exceljs';
import type { Ctx } from '../../context.ts';
import { localDate } from '../../lib/clock.ts';
import type { Actor } from '../../lib/scope.ts';
import { listQuery, type ListFilter } from './items.service.ts';
import { datedFileName } from '../../lib/filename.ts';

/** The ledger as the offices keep it (.xlsx), with the same filters as the list. */
export async function exportXlsx(ctx: Ctx, actor: Actor, f: Omit<ListFilter, 'page' | 'pageSize'>) {
  const rows = await listQuery(ctx, actor, f)
    .selectAll('r')
    .select(['o.name as org_name', 'i.name as issuer_name'])
    .orderBy('o.path')
    .orderBy('r.id')
    .execute();
  const today = localDate(ctx.clock.now());
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('问题整改台账');
  ws.columns = [
    { header: '序号', width: 6 },
    { header: '整改单位', width: 24 },
    { header: '问题', width: 50 },
    { header: '来源', width: 10 },
    { header: '整改措施', width: 40 },
    { header: '责任人', width: 10 },
    { header: '完成时限', width: 12 },
    { header: '状态', width: 10 },
    { header: '是否逾期', width: 8 },
    { header: '反弹次数', width: 8 },
    { header: '销号日期', width: 12 },
    { header: '回头看日期', width: 12 },
    { header: '交办方', width: 20 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.addRows(
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
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return {
    fileName: datedFileName('问题整改台账', 'xlsx', ctx.clock.now()),
    data: Buffer.from(await wb.xlsx.writeBuffer()),
  };
}

/** Per-organization summary: totals by status, overdue and rebounds (computed, never typed). */
export async function summary(ctx: Ctx, actor: Actor, f: Omit<ListFilter, 'page' | 'pageSize' | 'status'>) {
  const today = localDate(ctx.clock.now());
  const rows = await listQuery(ctx, actor, f)
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

export async function summaryXlsx(ctx: Ctx, actor: Actor, f: Omit<ListFilter, 'page' | 'pageSize' | 'status'>) {
  const { items } = await summary(ctx, actor, f);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('整改情况汇总');
  ws.columns = [
    { header: '单位', width: 24 },
    { header: '问题总数', width: 10 },
    { header: '整改中', width: 10 },
    { header: '申请销号', width: 10 },
    { header: '已销号', width: 10 },
    { header: '逾期', width: 8 },
    { header: '反弹次数', width: 10 },
    { header: '销号率(%)', width: 10 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const i of items)
    ws.addRow([i.orgName, i.total, i.open, i.applying, i.closed, i.overdue, i.rebounds, i.closeRate]);
  return {
    fileName: datedFileName('整改情况汇总', 'xlsx', ctx.clock.now()),
    data: Buffer.from(await wb.xlsx.writeBuffer()),
  };
}
