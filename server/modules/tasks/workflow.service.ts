/**
 * 待签收 → 办理中 → 申请办结 → 已办结, with 退回 (reason required) from 申请办结 back to 办理中.
 * The lead unit accepts, reports and asks to close; a supervisor closes, returns, writes 批示 and
 * 催办. Every step is a task_event plus an audit entry, in one transaction.
 */
import type { StepResult } from '../../../common/contracts/tasks.ts';
import type { TaskEventKind, TaskStatus } from '../../../common/enums.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { localDate } from '../../lib/clock.ts';
import { badRequest } from '../../lib/errors.ts';
import type { Actor } from '../../lib/scope.ts';
import { refreshLights } from './lights.ts';
import { notify, sendWebhook, type NewNotification } from '../../lib/notify.ts';
import { recordStatus } from '../publicsets/status.ts';
import { assertLead, assertStatus, visibleTask } from './tasks.policy.ts';

async function step(
  ctx: Ctx,
  actor: Actor,
  id: number,
  o: {
    from: TaskStatus[];
    to: TaskStatus;
    label: string;
    kind: TaskEventKind;
    text?: string | null;
    lead?: boolean;
    check?: (trx: Executor) => Promise<void>;
    extra?: { accepted_date?: string; closed_at?: string; progress?: number };
  },
): Promise<StepResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const t = await visibleTask(trx, actor, id);
    if (o.lead) assertLead(actor, t);
    assertStatus(t, o.from, o.label);
    if (o.check) await o.check(trx);
    const now = nowIso(ctx);
    await trx
      .updateTable('task')
      .set({ status: o.to, updated_at: now, ...(o.extra ?? {}) })
      .where('id', '=', id)
      .execute();
    await trx
      .insertInto('task_event')
      .values({ task_id: id, kind: o.kind, text: o.text ?? null, actor_id: actor.userId, at: now })
      .execute();
    await refreshLights(trx, ctx, [id]);
    await recordStatus(trx, ctx, [id]); // public status history + followers
    await audit(ctx, trx, actor, {
      action: `task.${o.kind}`,
      entity: 'task',
      entityId: id,
      before: { status: t.status },
      after: { status: o.to, text: o.text ?? null },
    });
    return { ok: true, status: o.to };
  });
}

/** 签收: the lead unit takes the task on. */
export const accept = (ctx: Ctx, actor: Actor, id: number) =>
  step(ctx, actor, id, {
    from: ['pending'],
    to: 'doing',
    label: '签收',
    kind: 'accept',
    lead: true,
    extra: { accepted_date: localDate(ctx.clock.now()) },
  });

/** 申请办结: only after at least one progress report (evidence over claims). */
export const requestClose = (ctx: Ctx, actor: Actor, id: number, summary?: string) =>
  step(ctx, actor, id, {
    from: ['doing'],
    to: 'requested',
    label: '申请办结',
    kind: 'request_close',
    text: summary?.trim() || null,
    lead: true,
    check: async (trx) => {
      const r = await trx.selectFrom('task_report').select('id').where('task_id', '=', id).executeTakeFirst();
      if (!r) throw badRequest('REPORT_REQUIRED', '申请办结前须至少报送一次进展情况(附佐证材料)');
    },
  });

/** 办结: the supervisor confirms a request to close. */
export const close = (ctx: Ctx, actor: Actor, id: number, opinion?: string) =>
  step(ctx, actor, id, {
    from: ['requested'],
    to: 'done',
    label: '确认办结',
    kind: 'close',
    text: opinion?.trim() || null,
    extra: { closed_at: nowIso(ctx), progress: 100 },
  });

/** 退回: back to 办理中 with a reason. */
export function returnTask(ctx: Ctx, actor: Actor, id: number, reason: string) {
  if (!reason?.trim()) throw badRequest('REASON_REQUIRED', '退回须填写理由');
  return step(ctx, actor, id, { from: ['requested'], to: 'doing', label: '退回', kind: 'return', text: reason.trim() });
}

/** 批示 (a leader's instruction) or 催办 (a manual reminder): a log entry plus a notification to the lead unit. */
export async function remark(
  ctx: Ctx,
  actor: Actor,
  id: number,
  kind: 'instruction' | 'urge',
  text: string | undefined,
) {
  const body = text?.trim();
  if (kind === 'instruction' && !body) throw badRequest('TEXT_REQUIRED', '批示内容不能为空');
  const sent: (NewNotification & { id: number; orgName: string })[] = [];
  const result = await ctx.db.transaction().execute(async (trx) => {
    const t = await visibleTask(trx, actor, id);
    if (kind === 'urge') assertStatus(t, ['pending', 'doing'], '催办');
    const now = nowIso(ctx);
    const ev = await trx
      .insertInto('task_event')
      .values({ task_id: id, kind, text: body ?? null, actor_id: actor.userId, at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const message =
      kind === 'urge'
        ? `【催办】请抓紧办理任务 #${id}「${short(t.text)}」${body ? `:${body}` : ''}`
        : `【批示】任务 #${id}「${short(t.text)}」:${body}`;
    const n: NewNotification = { orgId: t.lead_org_id, taskId: id, kind, message, dedupeKey: `${kind}:${ev.id}` };
    const nid = await notify(trx, ctx, n);
    if (nid) sent.push({ ...n, id: nid, orgName: t.lead_name });
    await audit(ctx, trx, actor, {
      action: `task.${kind}`,
      entity: 'task',
      entityId: id,
      after: { text: body ?? null },
    });
    return { ok: true, eventId: ev.id };
  });
  await sendWebhook(ctx, sent);
  return result;
}

export const short = (s: string) => (s.length > 30 ? `${s.slice(0, 30)}…` : s);
