/**
 * 工作台: what waits for the caller, counted over their scope subtree, per role (a permission decides
 * whether a to-do applies): 待签收 / 待报送 / 逾期 for the units that carry tasks, 待审核办结 and
 * red lights for the supervisors, 待审批 transfers, 待销号 and overdue rectifications, 待审定点评.
 * "Mine" for a task means the lead unit lies in the subtree — a unit that only cooperates has
 * nothing to accept. Counts come from the records (lights as refreshed for today).
 */
import { ROLE_PERMISSIONS, type Permission } from '../../../common/enums.ts';
import type { TodoItem, Workbench } from '../../../common/contracts/workbench.ts';
import type { Ctx } from '../../context.ts';
import { localDate } from '../../lib/clock.ts';
import { inSubtree, pathInSubtree, type Actor } from '../../lib/scope.ts';
import { ensureFresh } from '../tasks/lights.ts';
import * as notifications from '../tasks/notifications.service.ts';
import * as transfers from '../transfers/transfers.service.ts';

const n = (r: { c: number | string | bigint } | undefined) => Number(r?.c ?? 0);

export async function unreadCount(ctx: Ctx, actor: Actor) {
  // The notification centre's own query (scope, per-user addressing, hidden kinds) with a page of 1.
  return (await notifications.list(ctx, actor, { unread: true, page: 1, pageSize: 1 })).total;
}

export async function workbench(ctx: Ctx, actor: Actor): Promise<Workbench> {
  const can = (p: Permission) => ROLE_PERMISSIONS[actor.role].includes(p);
  const p = actor.scopePath;
  const db = ctx.db;
  const today = localDate(ctx.clock.now());
  const items: TodoItem[] = [];
  const add = (key: TodoItem['key'], label: string, count: number, link: string, urgent = false) =>
    items.push({ key, label, count, link, urgent });

  if (can('task.read')) await ensureFresh(ctx);
  // Tasks whose lead unit is in the subtree.
  const led = () =>
    db
      .selectFrom('task as t')
      .innerJoin('org_unit as o', 'o.id', 't.lead_org_id')
      .where(inSubtree('o', p))
      .select((eb) => eb.fn.countAll<number>().as('c'));
  if (can('task.report')) {
    add(
      'task_accept',
      '待签收任务',
      n(await led().where('t.status', '=', 'pending').executeTakeFirst()),
      '/tasks?status=pending&lead=true',
    );
    add(
      'task_report',
      '待报送进展',
      n(
        await led()
          .where('t.status', '=', 'doing')
          .where('t.report_cycle', '!=', 'none')
          .where('t.light_reasons', 'like', '%反馈%')
          .executeTakeFirst(),
      ),
      '/tasks?status=doing&lead=true',
    );
  }
  if (can('task.report') || can('task.supervise')) {
    add(
      'task_overdue',
      '逾期任务',
      n(
        await led()
          .where('t.status', '!=', 'done')
          .where('t.due_date', '<', today)
          .where('t.status', '!=', 'requested')
          .executeTakeFirst(),
      ),
      '/tasks?overdue=true&lead=true',
      true,
    );
  }
  if (can('task.supervise')) {
    add(
      'task_close_review',
      '待审核办结',
      n(await led().where('t.status', '=', 'requested').executeTakeFirst()),
      '/tasks?status=requested&lead=true',
    );
    add(
      'task_red',
      '红灯任务',
      n(await led().where('t.status', '!=', 'done').where('t.light', '=', 'red').executeTakeFirst()),
      '/tasks?light=red&lead=true',
      true,
    );
  }
  if (can('transfer.approve')) {
    const todo = await transfers.list(ctx, actor, { box: 'todo', page: 1, pageSize: 1 });
    add('transfer_approve', '待审批转接', todo.total, '/transfers?box=todo');
  }
  if (can('rectification.approve')) {
    const r = await db
      .selectFrom('rectification_item as r')
      .innerJoin('org_unit as i', 'i.id', 'r.issuer_org_id')
      .where(pathInSubtree('i.path', p))
      .where('r.status', '=', '申请销号')
      .select((eb) => eb.fn.countAll<number>().as('c'))
      .executeTakeFirst();
    add(
      'rect_close_approve',
      '待审批销号',
      n(r),
      `/rectifications?status=${encodeURIComponent('申请销号')}&side=${encodeURIComponent('交办方')}`,
    );
  }
  if (can('rectification.read')) {
    const r = await db
      .selectFrom('rectification_item as r')
      .innerJoin('org_unit as o', 'o.id', 'r.org_id')
      .where(inSubtree('o', p))
      .where('r.status', '=', '整改中')
      .where('r.deadline_date', '<', today)
      .select((eb) => eb.fn.countAll<number>().as('c'))
      .executeTakeFirst();
    add(
      'rect_overdue',
      '逾期整改事项',
      n(r),
      `/rectifications?status=${encodeURIComponent('整改中')}&overdue=true&side=${encodeURIComponent('整改方')}`,
      true,
    );
  }
  if (can('review.manage')) {
    const rows = await db
      .selectFrom('review_comment as c')
      .innerJoin('review_campaign as k', 'k.id', 'c.campaign_id')
      .innerJoin('org_unit as o', 'o.id', 'k.owner_org_id')
      .where(inSubtree('o', p))
      .where('c.status', '=', 'submitted')
      .select(['k.id', (eb) => eb.fn.countAll<number>().as('c')])
      .groupBy('k.id')
      .execute();
    const total = rows.reduce((s, r) => s + Number(r.c), 0);
    // One campaign waiting: open it directly; several: the campaign list.
    add('review_comment_approve', '待审定点评', total, rows.length === 1 ? `/reviews/${rows[0].id}` : '/reviews');
  }
  return { items, unreadNotifications: await unreadCount(ctx, actor) };
}
