/**
 * 约谈 after two months in a row on the 办事最难窗口 list, the periodic jobs (phone deletion after
 * close + retention, 约谈 for last month, overdue notices) and the monthly 通报 (.docx).
 */
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { InterviewRow, JobsResult } from '../../../common/contracts/windows-supervision.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import { conflict, notFound } from '../../lib/errors.ts';
import type { Job } from '../../lib/jobs.ts';
import { notify } from '../../lib/notify.ts';
import { type Actor, isInPath, pathInSubtree } from '../../lib/scope.ts';
import { addDays } from '../../lib/workdays.ts';
import { loadSettings, monthOf, monthRange, OPEN_STATUSES, prevMonth, today } from './common.ts';
import { computeStats } from './stats.service.ts';

/** Creates the 约谈 records for `month` over the subtree at `path`; idempotent (one per window and month). */
export async function runInterviews(ctx: Ctx, path: string, month: string, actor: Actor | null) {
  const [now, before] = await Promise.all([
    computeStats(ctx.db, path, month, 'window'),
    computeStats(ctx.db, path, prevMonth(month), 'window'),
  ]);
  const earlier = new Set(before.hardest.map((h) => h.windowId));
  let created = 0;
  for (const h of now.hardest.filter((x) => earlier.has(x.windowId))) {
    await ctx.db.transaction().execute(async (trx) => {
      const w = await trx
        .selectFrom('service_window')
        .select(['org_id', 'name'])
        .where('id', '=', h.windowId)
        .executeTakeFirstOrThrow();
      const at = nowIso(ctx);
      const r = await trx
        .insertInto('window_interview')
        .values({
          window_id: h.windowId,
          org_id: w.org_id,
          month,
          reason: `连续两个月(${prevMonth(month)}、${month})列入"办事最难窗口":${h.why}`,
          status: '待约谈',
          held_date: null,
          interviewer: null,
          record: null,
          created_at: at,
          updated_at: at,
        })
        .onConflict((oc) => oc.columns(['window_id', 'month']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!r) return;
      created++;
      await audit(ctx, trx, actor, {
        action: 'window_interview.create',
        entity: 'window_interview',
        entityId: r.id,
        after: { windowId: h.windowId, month },
      });
      await notify(trx, ctx, {
        orgId: w.org_id,
        taskId: null,
        kind: 'rating_overdue',
        message: `窗口「${w.name}」连续两个月列入"办事最难窗口",将被约谈`,
        dedupeKey: `window_interview:${r.id}`,
        link: '/windows/stats',
      });
    });
  }
  return created;
}

export async function listInterviews(ctx: Ctx, actor: Actor, q: { status?: string; page?: number; pageSize?: number }) {
  let base = ctx.db
    .selectFrom('window_interview as i')
    .innerJoin('service_window as w', 'w.id', 'i.window_id')
    .innerJoin('org_unit as o', 'o.id', 'i.org_id')
    .where(pathInSubtree('o.path', actor.scopePath));
  if (q.status) base = base.where('i.status', '=', q.status);
  const total = Number((await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const pageSize = q.pageSize ?? 20;
  const rows = await base
    .select([
      'i.id',
      'i.window_id',
      'w.name as window_name',
      'i.org_id',
      'o.name as org_name',
      'i.month',
      'i.reason',
      'i.status',
      'i.held_date',
      'i.interviewer',
      'i.record',
    ])
    .orderBy('i.month', 'desc')
    .orderBy('i.id')
    .limit(pageSize)
    .offset(((q.page ?? 1) - 1) * pageSize)
    .execute();
  return {
    total,
    items: rows.map(
      (r): InterviewRow => ({
        id: r.id,
        windowId: r.window_id,
        windowName: r.window_name,
        orgId: r.org_id,
        orgName: r.org_name,
        month: r.month,
        reason: r.reason,
        status: r.status,
        heldDate: r.held_date,
        interviewer: r.interviewer,
        record: r.record,
      }),
    ),
  };
}

export async function recordInterview(
  ctx: Ctx,
  actor: Actor,
  id: number,
  b: { heldDate: string; interviewer: string; record: string },
) {
  const i = await ctx.db
    .selectFrom('window_interview as i')
    .innerJoin('org_unit as o', 'o.id', 'i.org_id')
    .selectAll('i')
    .select('o.path')
    .where('i.id', '=', id)
    .executeTakeFirst();
  if (!i || !isInPath(i.path, actor.scopePath)) throw notFound('约谈记录', 'INTERVIEW_NOT_FOUND');
  if (i.status === '已约谈') throw conflict('INTERVIEW_DONE', '该约谈已记录,不能重复记录');
  if (b.heldDate > today(ctx)) throw conflict('INTERVIEW_FUTURE', '约谈日期不能晚于今天');
  return ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('window_interview')
      .set({
        status: '已约谈',
        held_date: b.heldDate,
        interviewer: b.interviewer.trim(),
        record: b.record.trim(),
        updated_at: nowIso(ctx),
      })
      .where('id', '=', id)
      .execute();
    await audit(ctx, trx, actor, {
      action: 'window_interview.record',
      entity: 'window_interview',
      entityId: id,
      before: { status: i.status },
      after: { status: '已约谈', heldDate: b.heldDate, interviewer: b.interviewer },
    });
    return { ok: true };
  });
}

/**
 * Periodic work over a subtree ('/' for the scheduler): deletes 回访 phones of cases closed more
 * than `retentionDays` ago, creates last month's 约谈 records, notifies overdue cases once.
 */
export async function runJobs(ctx: Ctx, path: string, actor: Actor | null): Promise<JobsResult> {
  const settings = await loadSettings(ctx.db);
  const day = today(ctx);
  const cutoff = addDays(day, -settings.retentionDays);
  const inTree = (eb: any) =>
    eb('c.org_id', 'in', eb.selectFrom('org_unit as o').select('o.id').where(pathInSubtree('o.path', path)));
  const purged = await ctx.db.transaction().execute(async (trx) => {
    const ids = (
      await trx
        .selectFrom('rating_case as c')
        .select('c.id')
        .where('c.contact_phone', 'is not', null)
        .where('c.closed_date', 'is not', null)
        .where('c.closed_date', '<=', cutoff)
        .where(inTree)
        .execute()
    ).map((r) => r.id);
    if (!ids.length) return 0;
    await trx
      .updateTable('rating_case')
      .set({ contact_phone: null, phone_purged_at: nowIso(ctx) })
      .where('id', 'in', ids)
      .execute();
    await audit(ctx, trx, actor, {
      action: 'rating_case.phone_purge',
      entity: 'rating_case',
      entityId: null,
      after: { cases: ids, retentionDays: settings.retentionDays },
    });
    return ids.length;
  });
  const interviews = await runInterviews(ctx, path, prevMonth(monthOf(day)), actor);
  const overdue = await ctx.db
    .selectFrom('rating_case as c')
    .leftJoin('service_window as w', 'w.id', 'c.window_id')
    .select(['c.id', 'c.org_id', 'c.due_date', 'w.name'])
    .where('c.status', 'in', OPEN_STATUSES)
    .where('c.due_date', '<', day)
    .where(inTree)
    .execute();
  let notified = 0;
  for (const c of overdue) {
    const id = await notify(ctx.db, ctx, {
      orgId: c.org_id,
      taskId: null,
      kind: 'rating_overdue',
      message: `差评工单${c.name ? `(窗口「${c.name}」)` : ''}已超过办理时限 ${c.due_date},请尽快办结`,
      dedupeKey: `rating_overdue:${c.id}`,
      link: `/rating-cases/${c.id}`,
    });
    if (id) notified++;
  }
  return { phonesPurged: purged, interviewsCreated: interviews, overdueNotified: notified };
}

const cell = (text: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, font: '仿宋', size: 21 })] })] });
const p = (text: string, o: { bold?: boolean; size?: number; center?: boolean; indent?: boolean } = {}) =>
  new Paragraph({
    alignment: o.center ? AlignmentType.CENTER : undefined,
    indent: o.indent ? { firstLine: 640 } : undefined,
    spacing: { after: 120, line: 460 },
    children: [new TextRun({ text, bold: o.bold, size: o.size ?? 32, font: '仿宋' })],
  });
const pct = (x: number | null) => (x === null ? '—' : `${x}%`);

/** 月度"好差评"情况通报: totals, ranking, 办事最难窗口, 差评整改, 约谈 — generated from the records. */
export async function report(ctx: Ctx, actor: Actor, month: string) {
  const s = await computeStats(ctx.db, actor.scopePath, month, 'window');
  const { from, to } = monthRange(month);
  const interviews = await ctx.db
    .selectFrom('window_interview as i')
    .innerJoin('service_window as w', 'w.id', 'i.window_id')
    .innerJoin('org_unit as o', 'o.id', 'i.org_id')
    .select(['w.name', 'o.name as org_name', 'i.status'])
    .where('i.month', '=', month)
    .where(pathInSubtree('o.path', actor.scopePath))
    .execute();
  const scope = await ctx.db
    .selectFrom('org_unit')
    .select('name')
    .where('id', '=', actor.scopeOrgId)
    .executeTakeFirstOrThrow();
  const [y, m] = month.split('-').map(Number);
  const t = s.total;
  // Every window rated this month: ranked ones first (by rank), the rest (too few ratings to rank) after.
  const ranked = s.rows.filter((r) => r.ratings > 0);
  const header = ['名次', '窗口', '所属单位', '评价数', '好评率', '差评数', '差评整改率', '回访率'];
  const doc = new Document({
    creator: '落实',
    title: '好差评情况通报',
    sections: [
      {
        children: [
          p(`关于${y}年${m}月政务服务"好差评"情况的通报`, { bold: true, size: 40, center: true }),
          p(`各单位:`),
          p(
            `${y}年${m}月(${from} 至 ${to}),${scope.name}范围内 ${s.rows.length} 个服务窗口共收到有效评价 ${t.ratings} 条,好评率 ${pct(t.goodRate)};差评 ${t.badCount} 条,已办结 ${t.rectified} 条,差评整改率 ${pct(t.rectifyRate)};实名差评 ${t.withPhone} 条,回访接通 ${t.calledBack} 条,回访率 ${pct(t.callbackRate)};平均响应 ${t.avgResponseHours ?? '—'} 小时。申诉成立不计入统计的评价 ${t.excluded} 条,待核评价 ${t.suspect} 条。`,
            { indent: true },
          ),
          p('一、窗口排名', { bold: true }),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [
              new TableRow({ children: header.map((h) => cell(h, true)) }),
              ...ranked.map(
                (r) =>
                  new TableRow({
                    children: [
                      r.rank === null ? '—' : String(r.rank),
                      r.name,
                      r.orgName,
                      String(r.ratings),
                      pct(r.goodRate),
                      String(r.badCount),
                      pct(r.rectifyRate),
                      pct(r.callbackRate),
                    ].map((x) => cell(x)),
                  }),
              ),
            ],
          }),
          p(`二、"办事最难窗口"(评选规则:${s.rule})`, { bold: true }),
          ...(s.hardest.length
            ? s.hardest.map((h, i) => p(`${i + 1}. ${h.orgName} ${h.name}:${h.why}。`, { indent: true }))
            : [p('本月无窗口列入。', { indent: true })]),
          p('三、约谈', { bold: true }),
          ...(interviews.length
            ? interviews.map((i) =>
                p(`${i.org_name} ${i.name}:连续两个月列入"办事最难窗口",${i.status}。`, { indent: true }),
              )
            : [p('本月无连续两个月列入"办事最难窗口"的窗口。', { indent: true })]),
          p('请各单位对照通报,逐条核实差评、按时回访整改,举一反三改进作风,切实做到"最多跑一次"。', { indent: true }),
          p(''),
          p(scope.name, { center: false }),
          p(`${today(ctx).replace(/^(\d+)-(\d+)-(\d+)$/, (_, a, b, c) => `${a}年${Number(b)}月${Number(c)}日`)}`),
        ],
      },
    ],
  });
  return { fileName: `${y}年${m}月好差评情况通报.docx`, data: await Packer.toBuffer(doc) };
}

/** Hourly (server/jobs.ts): phone deletion after retention, last month's 约谈, overdue notices (idempotent). */
export const windowsJob: Job<JobsResult> = {
  name: 'windows',
  label: '作风监督定时任务',
  everyMs: 3600_000,
  run: (ctx) => runJobs(ctx, '/', null),
};
