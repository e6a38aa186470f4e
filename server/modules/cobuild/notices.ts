/** Notifications of 共驻共建, through the shared server/lib/notify.ts. */
import type { NotificationKind } from '../../../common/enums.ts';
import type { Ctx } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { notify } from '../../lib/notify.ts';

/** To every user of an org's subtree (a community's or unit's secretary, and those above). */
export const toOrg = (
  trx: Executor,
  ctx: Ctx,
  orgId: number,
  kind: NotificationKind,
  message: string,
  link: string,
  dedupeKey: string,
) => notify(trx, ctx, { orgId, taskId: null, kind, message, link, dedupeKey });

/** To the accounts linked to one member (usually one), addressed to that account only. */
export async function toMember(
  trx: Executor,
  ctx: Ctx,
  memberId: number,
  message: string,
  link: string,
  dedupeKey: string,
) {
  const users = await trx
    .selectFrom('app_user as u')
    .innerJoin('member as m', 'm.id', 'u.member_id')
    .select(['u.id', 'm.org_id'])
    .where('u.member_id', '=', memberId)
    .where('u.disabled', '=', 0)
    .execute();
  for (const u of users)
    await notify(trx, ctx, {
      orgId: u.org_id,
      taskId: null,
      kind: 'cobuild_todo',
      message,
      link,
      dedupeKey: `${dedupeKey}:u${u.id}`,
      userId: u.id,
    });
}

/** A unique-constraint violation on either dialect (a race lost to a concurrent request). */
export const isUniqueViolation = (e: unknown) => {
  const code = (e as { code?: string }).code ?? '';
  return code === '23505' || code.startsWith('SQLITE_CONSTRAINT_UNIQUE') || /UNIQUE constraint failed/.test(String(e));
};
