import type { AgendaBody, Screen } from '../../../common/contracts/reviews.ts';
import { CAMPAIGN_STATUSES } from '../../../common/enums.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import { badRequest, conflict } from '../../lib/errors.ts';
import type { Actor } from '../../lib/scope.ts';
import { campaignFor } from './access.ts';
import { turnoutOf } from './campaigns.service.ts';

/** The meeting agenda: oral reporters in speaking order, each with a time limit. */
export async function agenda(ctx: Ctx, actor: Actor, id: number) {
  const { campaign: c } = await campaignFor(ctx.db, actor, id, { manage: true });
  const rows = await ctx.db
    .selectFrom('review_target as t')
    .innerJoin('org_unit as o', 'o.id', 't.org_id')
    .select(['t.id', 't.org_id', 'o.name', 't.secretary_name', 't.agenda_order', 't.limit_sec'])
    .where('t.campaign_id', '=', id)
    .where('t.mode', '=', '口头')
    .orderBy('t.agenda_order')
    .execute();
  return {
    items: rows.map((r) => ({
      targetId: r.id,
      orgId: r.org_id,
      orgName: r.name,
      secretary: r.secretary_name,
      order: r.agenda_order,
      limitSec: r.limit_sec ?? c.default_limit_sec,
    })),
  };
}

/** Reorders the oral reporters and sets per-speaker limits; the list must name each oral reporter once. */
export async function setAgenda(ctx: Ctx, actor: Actor, id: number, items: AgendaBody['items']) {
  return ctx.db.transaction().execute(async (trx) => {
    const { campaign: c } = await campaignFor(trx, actor, id, { manage: true });
    if (c.status === 'closed') throw conflict('REVIEW_CLOSED', '评议已结束');
    const oral = await trx
      .selectFrom('review_target')
      .select(['id', 'org_id'])
      .where('campaign_id', '=', id)
      .where('mode', '=', '口头')
      .execute();
    const ids = items.map((i) => i.orgId);
    if (
      new Set(ids).size !== ids.length ||
      ids.length !== oral.length ||
      ids.some((o) => !oral.some((x) => x.org_id === o))
    ) {
      throw badRequest('AGENDA_INVALID', `议程须恰好包含全部 ${oral.length} 个口头述职组织,各一次`);
    }
    let order = 0;
    for (const it of items) {
      await trx
        .updateTable('review_target')
        .set({ agenda_order: ++order, limit_sec: it.limitSec ?? null })
        .where('campaign_id', '=', id)
        .where('org_id', '=', it.orgId)
        .execute();
    }
    await audit(ctx, trx, actor, {
      action: 'review.agenda',
      entity: 'review_campaign',
      entityId: id,
      after: { items },
    });
    return { ok: true };
  });
}

/** Starts (targetId) or stops (null) the current speaker's countdown. */
export async function setSpeaker(ctx: Ctx, actor: Actor, id: number, orgId: number | null) {
  return ctx.db.transaction().execute(async (trx) => {
    const { campaign: c } = await campaignFor(trx, actor, id, { manage: true });
    if (c.status !== 'preparing') throw conflict('REVIEW_NOT_PREPARING', '投票已开始,述职环节已结束');
    let targetId: number | null = null;
    if (orgId != null) {
      const t = await trx
        .selectFrom('review_target')
        .select(['id', 'mode'])
        .where('campaign_id', '=', id)
        .where('org_id', '=', orgId)
        .executeTakeFirst();
      if (t?.mode !== '口头') throw badRequest('SPEAKER_INVALID', '该组织不是本次口头述职的组织');
      targetId = t.id;
    }
    const now = nowIso(ctx);
    await trx
      .updateTable('review_campaign')
      .set({ speaker_target_id: targetId, speaker_started_at: targetId ? now : null, updated_at: now })
      .where('id', '=', id)
      .execute();
    await audit(ctx, trx, actor, {
      action: 'review.speaker',
      entity: 'review_campaign',
      entityId: id,
      after: { orgId },
    });
    return { ok: true, startedAt: targetId ? now : null };
  });
}

/**
 * What the big screen shows: the phase, the current speaker with the remaining time, the agenda,
 * and during voting the live turnout. Never any result, not even after closing (results have
 * their own sealed endpoint).
 */
export async function screen(ctx: Ctx, actor: Actor, id: number): Promise<Screen> {
  const { campaign: c } = await campaignFor(ctx.db, actor, id, { manage: true });
  const { items } = await agenda(ctx, actor, id);
  let speaker = null;
  if (c.speaker_target_id && c.speaker_started_at) {
    const s = items.find((i) => i.targetId === c.speaker_target_id);
    if (s) {
      const elapsed = Math.floor((ctx.clock.now().getTime() - new Date(c.speaker_started_at).getTime()) / 1000);
      speaker = {
        orgId: s.orgId,
        orgName: s.orgName,
        secretary: s.secretary,
        order: s.order,
        limitSec: s.limitSec,
        startedAt: c.speaker_started_at,
        elapsedSec: elapsed,
        remainingSec: s.limitSec - elapsed,
      };
    }
  }
  const phase: Screen['phase'] =
    c.status === 'voting' ? '民主评议' : c.status === 'closed' ? '已结束' : speaker ? '大会述职' : '准备';
  const t = await turnoutOf(ctx.db, id);
  return {
    title: c.title,
    status: c.status,
    statusLabel: CAMPAIGN_STATUSES[c.status],
    phase,
    serverTime: nowIso(ctx),
    speaker,
    agenda: items.map((i) => ({ order: i.order, orgName: i.orgName, secretary: i.secretary, limitSec: i.limitSec })),
    turnout: { issued: t.issued, used: t.used, ballots: t.ballots },
  };
}
