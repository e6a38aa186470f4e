import type { Executor } from '../../db/connect.ts';
import { notFound } from '../../lib/errors.ts';
import { isInPath, type Actor } from '../../lib/scope.ts';
import { ROLE_PERMISSIONS, type Permission } from '../../../common/enums.ts';

export const DEFAULT_SCALE = ['好', '较好', '一般', '差'];

export const can = (actor: Actor, p: Permission) => ROLE_PERMISSIONS[actor.role].includes(p);

export type Campaign = NonNullable<Awaited<ReturnType<typeof loadRow>>>;
const loadRow = (db: Executor, id: number) =>
  db
    .selectFrom('review_campaign as c')
    .innerJoin('org_unit as o', 'o.id', 'c.owner_org_id')
    .selectAll('c')
    .select(['o.path as owner_path', 'o.name as owner_name'])
    .where('c.id', '=', id)
    .executeTakeFirst();

export interface Access {
  campaign: Campaign;
  /** Manages the campaign (organizing side with review.manage). */
  manager: boolean;
  /** Target org ids the caller may see (all for a manager, own subtree otherwise). */
  visibleOrgIds: number[];
}

/**
 * Loads a campaign for the caller: the organizing side (review.manage over the owner org) sees it
 * whole; a reviewed unit sees it only if one of its targets lies in the caller's subtree, and then
 * only those targets. Anyone else gets 404.
 */
export async function campaignFor(
  db: Executor,
  actor: Actor,
  id: number,
  opts: { manage?: boolean } = {},
): Promise<Access> {
  const campaign = await loadRow(db, id);
  if (!campaign) throw notFound('评议活动', 'REVIEW_NOT_FOUND');
  const targets = await db
    .selectFrom('review_target as t')
    .innerJoin('org_unit as o', 'o.id', 't.org_id')
    .select(['t.org_id', 'o.path'])
    .where('t.campaign_id', '=', id)
    .execute();
  const manager = can(actor, 'review.manage') && isInPath(campaign.owner_path, actor.scopePath);
  if (manager) return { campaign, manager, visibleOrgIds: targets.map((t) => t.org_id) };
  const mine = targets.filter((t) => isInPath(t.path, actor.scopePath)).map((t) => t.org_id);
  if (opts.manage || mine.length === 0) throw notFound('评议活动', 'REVIEW_NOT_FOUND');
  return { campaign, manager, visibleOrgIds: mine };
}

/** The campaign's targets the caller may see (joined to their org as `o`), as a query to select from. */
export const visibleTargets = (db: Executor, a: Access) =>
  db
    .selectFrom('review_target as t')
    .innerJoin('org_unit as o', 'o.id', 't.org_id')
    .where('t.campaign_id', '=', a.campaign.id)
    .where('t.org_id', 'in', a.visibleOrgIds.length ? a.visibleOrgIds : [0]);

export const parseScale = (c: { scale_json: string }): string[] => JSON.parse(c.scale_json);
