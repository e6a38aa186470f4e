import type { NewTask, TaskDetail, TaskItem, TaskPatch } from '../../../common/contracts/tasks.ts';
import { LIGHTS, TASK_STATUSES } from '../../../common/enums.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { localDate } from '../../lib/clock.ts';
import { badRequest } from '../../lib/errors.ts';
import { isInPath, type Actor } from '../../lib/scope.ts';
import { isValidDate } from '../../lib/workdays.ts';
import { notify } from '../../lib/notify.ts';
import { ensureFresh, refreshLights } from './lights.ts';
import { assertStatus, taskVisible, visibleTask } from './tasks.policy.ts';

/** A task to insert: the API's new-task body, plus the passage offsets when published from a document. */
export type TaskInput = NewTask & { start?: number; end?: number };

/**
 * Inserts one dispatched task (status 待签收) with its units; `label` prefixes error messages
 * ("第 2 条任务:"). Validates: non-empty text, lead/cooperating units inside the caller's scope,
 * a real due date not before `notBefore` (the meeting date).
 */
export async function insertTask(
  trx: Executor,
  ctx: Ctx,
  actor: Actor,
  input: TaskInput,
  o: { label: string; documentId?: number; notBefore?: string; notBeforeLabel?: string },
) {
  const text = input.text?.trim();
  if (!text) throw badRequest('TASK_TEXT_EMPTY', `${o.label}任务内容不能为空`);
  if (text.length > 4000) throw badRequest('TASK_TEXT_TOO_LONG', `${o.label}任务内容过长(上限 4000 字)`);
  const scoped = async (id: number, what: string) => {
    const org = await trx
      .selectFrom('org_unit')
      .select(['id', 'name', 'path', 'status'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!org || !isInPath(org.path, actor.scopePath))
      throw badRequest('ORG_NOT_IN_SCOPE', `${o.label}${what}(编号 ${id})不存在或不在您的管辖范围内`);
    if (org.status !== '正常') throw badRequest('ORG_DISSOLVED', `${o.label}${what}「${org.name}」已撤销,不能接收任务`);
    return org;
  };
  await scoped(input.leadOrgId, '牵头单位');
  const co = [...new Set(input.coOrgIds ?? [])].filter((x) => x !== input.leadOrgId);
  for (const id of co) await scoped(id, '配合单位');
  const due = input.dueDate ?? null;
  if (due !== null && !isValidDate(due))
    throw badRequest('DUE_DATE_INVALID', `${o.label}完成时限「${due}」不是有效日期`);
  if (due && o.notBefore && due < o.notBefore)
    throw badRequest(
      'DUE_BEFORE_MEETING',
      `${o.label}完成时限 ${due} 早于${o.notBeforeLabel ?? '会议日期'} ${o.notBefore}`,
    );
  if (input.start !== undefined || input.end !== undefined) {
    if (input.start === undefined || input.end === undefined || input.start < 0 || input.end <= input.start)
      throw badRequest('PASSAGE_INVALID', `${o.label}原文位置不正确(起止位置)`);
  }
  const parentId: number | null = input.parentId ?? null;
  if (parentId !== null) {
    const p = await visibleTask(trx, actor, parentId).catch(() => null);
    if (!p) throw badRequest('PARENT_NOT_FOUND', `${o.label}上级任务不存在或无权访问`);
  }
  const targets = (input.targets ?? [])
    .map((x) => (typeof x === 'string' ? x : x.text))
    .map((x) => x.trim())
    .filter(Boolean);
  const now = nowIso(ctx);
  const today = localDate(ctx.clock.now());
  const r = await trx
    .insertInto('task')
    .values({
      document_id: o.documentId ?? null,
      passage_start: input.start ?? null,
      passage_end: input.end ?? null,
      parent_id: parentId,
      text,
      lead_org_id: input.leadOrgId,
      leader: input.leader?.trim() || null,
      due_date: due,
      deadline_text: input.deadlineText?.trim() || null,
      targets_json: JSON.stringify(targets),
      priority: input.priority ?? '一般',
      key_project: input.keyProject ? 1 : 0,
      report_cycle: input.reportCycle ?? 'none',
      status: 'pending',
      progress: 0,
      issued_date: today,
      accepted_date: null,
      last_report_date: null,
      closed_at: null,
      light: 'green',
      light_reasons: '[]',
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('task_org')
    .values([
      { task_id: r.id, org_id: input.leadOrgId, role: 'lead' as const },
      ...co.map((org_id) => ({ task_id: r.id, org_id, role: 'co' as const })),
    ])
    .execute();
  await trx
    .insertInto('task_event')
    .values({ task_id: r.id, kind: 'dispatch', text: null, actor_id: actor.userId, at: now })
    .execute();
  // The lead unit learns of its new task in the app (its 工作台 counts it under 待签收 as well).
  await notify(trx, ctx, {
    orgId: input.leadOrgId,
    taskId: r.id,
    kind: 'task_assigned',
    message: `【新任务】${text.length > 30 ? `${text.slice(0, 30)}…` : text}${due ? `(完成时限 ${due})` : ''},请及时签收`,
    dedupeKey: `task_assigned:${r.id}`,
    link: `/tasks/${r.id}`,
  });
  await refreshLights(trx, ctx, [r.id]);
  await audit(ctx, trx, actor, {
    action: 'task.create',
    entity: 'task',
    entityId: r.id,
    after: { text, leadOrgId: input.leadOrgId, coOrgIds: co, dueDate: due, documentId: o.documentId ?? null, parentId },
  });
  return r.id;
}

/** A task created by hand (a sub-task of a decomposition, or one not from a document). */
export async function create(ctx: Ctx, actor: Actor, input: NewTask) {
  return ctx.db.transaction().execute(async (trx) => ({ id: await insertTask(trx, ctx, actor, input, { label: '' }) }));
}

export async function coOrgsOf(db: Executor, ids: number[]) {
  const m = new Map<number, { id: number; name: string }[]>();
  if (!ids.length) return m;
  const rows = await db
    .selectFrom('task_org as x')
    .innerJoin('org_unit as o', 'o.id', 'x.org_id')
    .select(['x.task_id', 'o.id', 'o.name'])
    .where('x.task_id', 'in', ids)
    .where('x.role', '=', 'co')
    .orderBy('o.path')
    .execute();
  for (const r of rows) {
    let l = m.get(r.task_id);
    if (!l) m.set(r.task_id, (l = []));
    l.push({ id: r.id, name: r.name });
  }
  return m;
}

export type Row = Awaited<ReturnType<typeof loadRowForItem>>;
const loadRowForItem = (db: Executor, id: number) =>
  db
    .selectFrom('task as t')
    .innerJoin('org_unit as lo', 'lo.id', 't.lead_org_id')
    .selectAll('t')
    .select('lo.name as lead_name')
    .where('t.id', '=', id)
    .executeTakeFirstOrThrow();

export const isOverdue = (r: { due_date: string | null; status: string }, today: string) =>
  !!r.due_date && today > r.due_date && (r.status === 'pending' || r.status === 'doing');

export function item(r: Row, coOrgs: { id: number; name: string }[], today: string): TaskItem {
  return {
    id: r.id,
    text: r.text,
    light: r.light,
    lightLabel: LIGHTS[r.light],
    lightReasons: JSON.parse(r.light_reasons) as string[],
    status: r.status,
    statusLabel: TASK_STATUSES[r.status],
    overdue: isOverdue(r, today),
    leadOrg: { id: r.lead_org_id, name: r.lead_name },
    coOrgs,
    leader: r.leader,
    dueDate: r.due_date,
    deadlineText: r.deadline_text,
    targets: JSON.parse(r.targets_json) as string[],
    priority: r.priority,
    reportCycle: r.report_cycle,
    keyProject: !!r.key_project,
    progress: r.progress,
    documentId: r.document_id,
    passage: r.document_id != null ? { start: r.passage_start, end: r.passage_end } : null,
    parentId: r.parent_id,
    issuedDate: r.issued_date,
    acceptedDate: r.accepted_date,
    lastReportDate: r.last_report_date,
    closedAt: r.closed_at,
    createdAt: r.created_at,
  };
}

/** Full detail: the task, its passage, children, reports, attachments, milestones and log. */
export async function get(ctx: Ctx, actor: Actor, id: number): Promise<TaskDetail> {
  await ensureFresh(ctx);
  const t = await visibleTask(ctx.db, actor, id);
  const today = localDate(ctx.clock.now());
  const row = await loadRowForItem(ctx.db, id);
  const co = await coOrgsOf(ctx.db, [id]);
  const doc =
    t.document_id != null
      ? await ctx.db
          .selectFrom('document')
          .select(['id', 'title', 'doc_date', 'text'])
          .where('id', '=', t.document_id)
          .executeTakeFirst()
      : null;
  const children = await ctx.db
    .selectFrom('task as t')
    .innerJoin('org_unit as lo', 'lo.id', 't.lead_org_id')
    .selectAll('t')
    .select('lo.name as lead_name')
    .where('t.parent_id', '=', id)
    .where(taskVisible(actor.scopePath))
    .orderBy('t.id')
    .execute();
  const reports = await ctx.db
    .selectFrom('task_report as r')
    .innerJoin('app_user as u', 'u.id', 'r.created_by')
    .innerJoin('org_unit as o', 'o.id', 'r.org_id')
    .select([
      'r.id',
      'r.percent',
      'r.text',
      'r.created_at as createdAt',
      'u.display_name as author',
      'o.name as orgName',
    ])
    .where('r.task_id', '=', id)
    .orderBy('r.id', 'desc')
    .execute();
  const attachments = await ctx.db
    .selectFrom('task_attachment as a')
    .innerJoin('app_user as u', 'u.id', 'a.uploaded_by')
    .select([
      'a.id',
      'a.report_id as reportId',
      'a.file_name as fileName',
      'a.size',
      'a.mime',
      'a.uploaded_at as uploadedAt',
      'u.display_name as uploader',
    ])
    .where('a.task_id', '=', id)
    .orderBy('a.id')
    .execute();
  const events = await ctx.db
    .selectFrom('task_event as e')
    .leftJoin('app_user as u', 'u.id', 'e.actor_id')
    .select(['e.id', 'e.kind', 'e.text', 'e.at', 'u.display_name as actor'])
    .where('e.task_id', '=', id)
    .orderBy('e.id')
    .execute();
  const milestones = await ctx.db
    .selectFrom('task_milestone')
    .select(['id', 'name', 'due_date as dueDate', 'done_date as doneDate', 'sort_order as sortOrder'])
    .where('task_id', '=', id)
    .orderBy('sort_order')
    .execute();
  const childCo = await coOrgsOf(
    ctx.db,
    children.map((c) => c.id),
  );
  return {
    ...item(row, co.get(id) ?? [], today),
    document: doc ? { id: doc.id, title: doc.title, date: doc.doc_date } : null,
    passageText:
      doc && t.passage_start != null && t.passage_end != null ? doc.text.slice(t.passage_start, t.passage_end) : null,
    children: children.map((c) => item(c, childCo.get(c.id) ?? [], today)),
    reports,
    attachments,
    events,
    milestones,
  };
}

/** Edits the supervisor-owned fields of an unfinished task. */
export async function patch(ctx: Ctx, actor: Actor, id: number, p: TaskPatch) {
  return ctx.db.transaction().execute(async (trx) => {
    const t = await visibleTask(trx, actor, id);
    assertStatus(t, ['pending', 'doing', 'requested'], '修改');
    if (p.text !== undefined && !p.text.trim()) throw badRequest('TASK_TEXT_EMPTY', '任务内容不能为空');
    if (p.dueDate && !isValidDate(p.dueDate))
      throw badRequest('DUE_DATE_INVALID', `完成时限「${p.dueDate}」不是有效日期`);
    const set: Record<string, unknown> = { updated_at: nowIso(ctx) };
    if (p.leader !== undefined) set.leader = p.leader?.trim() || null;
    if (p.dueDate !== undefined) set.due_date = p.dueDate;
    if (p.priority !== undefined) set.priority = p.priority;
    if (p.reportCycle !== undefined) set.report_cycle = p.reportCycle;
    if (p.keyProject !== undefined) set.key_project = p.keyProject ? 1 : 0;
    if (p.text !== undefined) set.text = p.text.trim();
    await trx.updateTable('task').set(set).where('id', '=', id).execute();
    await refreshLights(trx, ctx, [id]);
    await audit(ctx, trx, actor, {
      action: 'task.update',
      entity: 'task',
      entityId: id,
      before: { leader: t.leader, dueDate: t.due_date, priority: t.priority, reportCycle: t.report_cycle },
      after: p,
    });
    return { ok: true };
  });
}
