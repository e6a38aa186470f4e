/**
 * Progress reports (text + percent), attachments (stored on disk with uploader and server time),
 * roll-up of progress to parent tasks, and milestones of key projects.
 */
import { safeContentType } from '../../lib/content-type.ts';
import crypto from 'node:crypto';
import path from 'node:path';
import { fileTarget, openStored, putFile, removeFile } from '../../lib/files.ts';
import type { MilestoneBody, ReportBody } from '../../../common/contracts/tasks.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { localDate } from '../../lib/clock.ts';
import { badRequest, notFound } from '../../lib/errors.ts';
import type { OutFile, Upload } from '../../lib/http.ts';
import type { Actor } from '../../lib/scope.ts';
import { isValidDate } from '../../lib/workdays.ts';
import { refreshLights } from './lights.ts';
import { recordStatus } from '../publicsets/status.ts';
import { assertLead, assertStatus, visibleTask } from './tasks.policy.ts';

/** Parent progress = mean of its children's progress, up the chain. */
export async function rollUp(trx: Executor, ctx: Ctx, parentId: number | null) {
  let id = parentId;
  const seen = new Set<number>();
  while (id != null && !seen.has(id)) {
    seen.add(id);
    const { avg } = await trx
      .selectFrom('task')
      .select((eb) => eb.fn.avg<number>('progress').as('avg'))
      .where('parent_id', '=', id)
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('task')
      .set({ progress: Math.round(Number(avg ?? 0)), updated_at: nowIso(ctx) })
      .where('id', '=', id)
      .execute();
    await refreshLights(trx, ctx, [id]);
    const p = await trx.selectFrom('task').select('parent_id').where('id', '=', id).executeTakeFirstOrThrow();
    id = p.parent_id;
  }
}

/** A progress report by the lead unit of an accepted task. */
export async function report(ctx: Ctx, actor: Actor, id: number, input: ReportBody) {
  const text = input.text?.trim();
  if (!text) throw badRequest('REPORT_TEXT_EMPTY', '进展情况不能为空');
  return ctx.db.transaction().execute(async (trx) => {
    const t = await visibleTask(trx, actor, id);
    assertLead(actor, t);
    if (t.status === 'pending') throw badRequest('TASK_NOT_ACCEPTED', '请先签收任务,再报送进展');
    assertStatus(t, ['doing'], '报送进展');
    const now = nowIso(ctx);
    const r = await trx
      .insertInto('task_report')
      .values({
        task_id: id,
        org_id: t.lead_org_id,
        percent: input.percent,
        text,
        created_by: actor.userId,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('task')
      .set({ progress: input.percent, last_report_date: localDate(ctx.clock.now()), updated_at: now })
      .where('id', '=', id)
      .execute();
    await trx
      .insertInto('task_event')
      .values({ task_id: id, kind: 'report', text: `${input.percent}% ${text}`, actor_id: actor.userId, at: now })
      .execute();
    await refreshLights(trx, ctx, [id]);
    await rollUp(trx, ctx, t.parent_id);
    await recordStatus(trx, ctx, [id]); // public status history + followers
    await audit(ctx, trx, actor, {
      action: 'task.report',
      entity: 'task',
      entityId: id,
      after: { reportId: r.id, percent: input.percent, text },
    });
    return { id: r.id };
  });
}

const SAFE_EXT = /^\.[a-z0-9]{1,8}$/i;

/** Stores an uploaded evidence file for a task (optionally tied to one of its reports). */
export async function attach(
  ctx: Ctx,
  actor: Actor,
  id: number,
  file: Pick<Upload, 'filename' | 'mimetype' | 'data'>,
  reportId: number | null,
) {
  if (!file.data.length) throw badRequest('FILE_EMPTY', '上传的文件为空');
  const t = await visibleTask(ctx.db, actor, id);
  assertLead(actor, t);
  assertStatus(t, ['doing', 'requested'], '上传佐证材料');
  if (reportId != null) {
    const r = await ctx.db
      .selectFrom('task_report')
      .select('id')
      .where('id', '=', reportId)
      .where('task_id', '=', id)
      .executeTakeFirst();
    if (!r) throw badRequest('REPORT_NOT_FOUND', `进展报告 #${reportId} 不属于此任务`);
  }
  const ext = path.extname(file.filename);
  const stored = `${id}/${crypto.randomBytes(12).toString('hex')}${SAFE_EXT.test(ext) ? ext.toLowerCase() : ''}`;
  await putFile(fileTarget(ctx), 'tasks', stored, file.data);
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const now = nowIso(ctx);
      const a = await trx
        .insertInto('task_attachment')
        .values({
          task_id: id,
          report_id: reportId,
          file_name: file.filename.slice(0, 200),
          stored_name: stored,
          mime: safeContentType(file.filename),
          size: file.data.length,
          sha256: crypto.createHash('sha256').update(file.data).digest('hex'),
          uploaded_by: actor.userId,
          uploaded_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit(ctx, trx, actor, {
        action: 'task.attach',
        entity: 'task',
        entityId: id,
        after: { attachmentId: a.id, fileName: file.filename, size: file.data.length },
      });
      return { id: a.id };
    });
  } catch (e) {
    await removeFile(fileTarget(ctx), 'tasks', stored);
    throw e;
  }
}

export async function download(ctx: Ctx, actor: Actor, id: number, attId: number): Promise<OutFile> {
  await visibleTask(ctx.db, actor, id);
  const a = await ctx.db
    .selectFrom('task_attachment')
    .selectAll()
    .where('id', '=', attId)
    .where('task_id', '=', id)
    .executeTakeFirst();
  if (!a) throw notFound('附件', 'ATTACHMENT_NOT_FOUND');
  return {
    fileName: a.file_name,
    // Decided again from the name: rows stored before this rule carry the uploader's claim.
    type: safeContentType(a.file_name),
    data: await openStored(ctx, 'tasks', a.stored_name),
  };
}

/** Adds a milestone (签约, 土地摘牌, 开工, 投产 …) to a task; marks it a key project. */
export async function addMilestone(ctx: Ctx, actor: Actor, id: number, m: MilestoneBody) {
  if (!m.name.trim()) throw badRequest('MILESTONE_NAME_EMPTY', '节点名称不能为空');
  if (!isValidDate(m.dueDate)) throw badRequest('DUE_DATE_INVALID', `节点时限「${m.dueDate}」不是有效日期`);
  return ctx.db.transaction().execute(async (trx) => {
    const t = await visibleTask(trx, actor, id);
    assertStatus(t, ['pending', 'doing', 'requested'], '添加节点');
    const { n } = await trx
      .selectFrom('task_milestone')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('task_id', '=', id)
      .executeTakeFirstOrThrow();
    const r = await trx
      .insertInto('task_milestone')
      .values({ task_id: id, name: m.name.trim(), due_date: m.dueDate, done_date: null, sort_order: Number(n) + 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('task')
      .set({ key_project: 1, updated_at: nowIso(ctx) })
      .where('id', '=', id)
      .execute();
    await audit(ctx, trx, actor, {
      action: 'task.milestone.add',
      entity: 'task',
      entityId: id,
      after: { milestoneId: r.id, ...m },
    });
    return { id: r.id };
  });
}

/** The lead unit marks a milestone reached (the date is the server's, never typed in). */
export async function completeMilestone(ctx: Ctx, actor: Actor, id: number, milestoneId: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const t = await visibleTask(trx, actor, id);
    assertLead(actor, t);
    assertStatus(t, ['doing'], '完成节点');
    const m = await trx
      .selectFrom('task_milestone')
      .selectAll()
      .where('id', '=', milestoneId)
      .where('task_id', '=', id)
      .executeTakeFirst();
    if (!m) throw notFound('节点', 'MILESTONE_NOT_FOUND');
    if (m.done_date) throw badRequest('MILESTONE_DONE', `节点「${m.name}」已于 ${m.done_date} 完成`);
    const today = localDate(ctx.clock.now());
    await trx.updateTable('task_milestone').set({ done_date: today }).where('id', '=', milestoneId).execute();
    await trx
      .insertInto('task_event')
      .values({
        task_id: id,
        kind: 'milestone',
        text: `节点「${m.name}」完成`,
        actor_id: actor.userId,
        at: nowIso(ctx),
      })
      .execute();
    await audit(ctx, trx, actor, {
      action: 'task.milestone.done',
      entity: 'task',
      entityId: id,
      after: { milestoneId, doneDate: today },
    });
    return { ok: true, doneDate: today };
  });
}
