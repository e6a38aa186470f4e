import type {
  Campaign,
  CampaignPage,
  CampaignPatch,
  CampaignQuery,
  NewCampaign,
  Turnout,
} from '../../../common/contracts/reviews.ts';
import { CAMPAIGN_STATUSES } from '../../../common/enums.ts';
import type { Ctx } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { audit, nowIso } from '../../context.ts';
import { badRequest, conflict } from '../../lib/errors.ts';
import { type Actor, pathInSubtree, scopedOrgIds } from '../../lib/scope.ts';
import { campaignFor, can, DEFAULT_SCALE, parseScale, visibleTargets } from './access.ts';
import { forgetCampaign } from './ballots.service.ts';
import { closeProgress } from './close.service.ts';

function checkScale(scale: string[]) {
  const s = scale.map((x) => x.trim());
  if (s.some((x) => !x)) throw badRequest('SCALE_INVALID', '评议等次不能为空');
  if (new Set(s).size !== s.length) throw badRequest('SCALE_INVALID', '评议等次不能重复');
  return s;
}

/** Creates a campaign owned by the caller's scope node; every reviewed org must lie in that scope. */
export async function create(ctx: Ctx, actor: Actor, input: NewCampaign) {
  const orgIds = [...new Set(input.orgIds)];
  if (orgIds.length !== input.orgIds.length) throw badRequest('ORG_DUPLICATE', '被评议组织重复');
  const oral = new Set(input.oralOrgIds ?? orgIds);
  for (const o of oral)
    if (!orgIds.includes(o)) throw badRequest('ORAL_NOT_TARGET', '口头述职的组织必须在被评议组织之中');
  const scale = checkScale(input.scale ?? DEFAULT_SCALE);
  return ctx.db.transaction().execute(async (trx) => {
    const orgs = await trx
      .selectFrom('org_unit as o')
      .leftJoin('member as m', 'm.id', 'o.secretary_member_id')
      .select(['o.id', 'o.name', 'o.status', 'm.name as secretary'])
      .where('o.id', 'in', orgIds)
      .where('o.id', 'in', scopedOrgIds(trx, actor.scopePath))
      .execute();
    const missing = orgIds.filter((id) => !orgs.some((o) => o.id === id));
    if (missing.length)
      throw badRequest('ORG_NOT_FOUND', `被评议组织不存在或不在管辖范围内(编号 ${missing.join('、')})`);
    const gone = orgs.find((o) => o.status !== '正常');
    if (gone) throw badRequest('ORG_DISSOLVED', `「${gone.name}」已撤销,不能参加评议`);
    const now = nowIso(ctx);
    const r = await trx
      .insertInto('review_campaign')
      .values({
        title: input.title.trim(),
        year: input.year,
        owner_org_id: actor.scopeOrgId,
        scale_json: JSON.stringify(scale),
        status: 'preparing',
        report_deadline_date: input.reportDeadline ?? null,
        meeting_date: input.meetingDate ?? null,
        default_limit_sec: input.speakerLimitSec ?? 300,
        speaker_target_id: null,
        speaker_started_at: null,
        voting_opened_at: null,
        closed_at: null,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    let order = 0;
    for (const id of orgIds) {
      const o = orgs.find((x) => x.id === id)!;
      await trx
        .insertInto('review_target')
        .values({
          campaign_id: r.id,
          org_id: id,
          mode: oral.has(id) ? '口头' : '书面',
          secretary_name: o.secretary ?? null,
          agenda_order: oral.has(id) ? ++order : 0,
          limit_sec: null,
          report_text: null,
          report_file_name: null,
          report_submitted_at: null,
          report_submitted_by: null,
          reminded_at: null,
        })
        .execute();
    }
    await audit(ctx, trx, actor, {
      action: 'review.create',
      entity: 'review_campaign',
      entityId: r.id,
      after: { title: input.title, year: input.year, orgIds, scale },
    });
    return { id: r.id };
  });
}

/** Campaigns the caller organizes (review.manage over the owner org) or is reviewed in. */
export async function list(ctx: Ctx, actor: Actor, f: CampaignQuery): Promise<CampaignPage> {
  const { page = 1, pageSize = 20 } = f;
  const p = actor.scopePath;
  let q = ctx.db.selectFrom('review_campaign as c').innerJoin('org_unit as o', 'o.id', 'c.owner_org_id');
  q = q.where((eb) => {
    const reviewed = eb.exists(
      eb
        .selectFrom('review_target as t')
        .select('t.id')
        .whereRef('t.campaign_id', '=', 'c.id')
        .where('t.org_id', 'in', scopedOrgIds(ctx.db, p)),
    );
    return can(actor, 'review.manage') ? eb.or([pathInSubtree('o.path', p)(eb), reviewed]) : reviewed;
  });
  if (f.year) q = q.where('c.year', '=', f.year);
  const { n } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select([
      'c.id',
      'c.title',
      'c.year',
      'c.status',
      'c.meeting_date',
      'c.report_deadline_date',
      'o.name as owner_name',
      'c.created_at',
    ])
    .orderBy('c.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      year: r.year,
      status: r.status,
      statusLabel: CAMPAIGN_STATUSES[r.status],
      meetingDate: r.meeting_date,
      reportDeadline: r.report_deadline_date,
      owner: r.owner_name,
      createdAt: r.created_at,
    })),
    total: Number(n),
  };
}

/** Campaign detail; a reviewed unit sees only its own targets. */
export async function get(ctx: Ctx, actor: Actor, id: number): Promise<Campaign> {
  const a = await campaignFor(ctx.db, actor, id);
  const c = a.campaign;
  const targets = await visibleTargets(ctx.db, a)
    .select([
      't.id',
      't.org_id',
      'o.name',
      'o.code',
      't.mode',
      't.secretary_name',
      't.agenda_order',
      't.limit_sec',
      't.report_submitted_at',
    ])
    .orderBy('t.id')
    .execute();
  targets.sort((a, b) => (a.agenda_order || 1e9) - (b.agenda_order || 1e9));
  const counts = a.manager ? await counters(ctx, id) : null;
  return {
    id: c.id,
    title: c.title,
    year: c.year,
    status: c.status,
    statusLabel: CAMPAIGN_STATUSES[c.status],
    scale: parseScale(c),
    owner: { id: c.owner_org_id, name: c.owner_name },
    reportDeadline: c.report_deadline_date,
    meetingDate: c.meeting_date,
    speakerLimitSec: c.default_limit_sec,
    manager: a.manager,
    votingOpenedAt: c.voting_opened_at,
    closedAt: c.closed_at,
    closing: a.manager && c.status === 'closing' ? await closeProgress(ctx, c) : null,
    targets: targets.map((t) => ({
      id: t.id,
      orgId: t.org_id,
      orgName: t.name,
      orgCode: t.code,
      mode: t.mode,
      secretary: t.secretary_name,
      agendaOrder: t.agenda_order,
      limitSec: t.limit_sec ?? c.default_limit_sec,
      reportSubmitted: !!t.report_submitted_at,
    })),
    counts,
  };
}

async function counters(ctx: Ctx, id: number) {
  const t = await turnoutOf(ctx.db, id);
  const p = await ctx.db
    .selectFrom('review_participant')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('received').as('r')])
    .where('campaign_id', '=', id)
    .executeTakeFirstOrThrow();
  return { ...t, participants: Number(p.n), tokensReceived: Number(p.r ?? 0) };
}

/** Only while preparing: the targets are frozen once voting opens (ballots must rate exactly them). */
export async function update(ctx: Ctx, actor: Actor, id: number, input: CampaignPatch) {
  return ctx.db.transaction().execute(async (trx) => {
    const { campaign: c } = await campaignFor(trx, actor, id, { manage: true });
    if (input.scale && c.status !== 'preparing')
      throw conflict('REVIEW_NOT_PREPARING', '投票已开始,不能再修改评议等次');
    const set: Record<string, unknown> = { updated_at: nowIso(ctx) };
    if (input.title !== undefined) set.title = input.title.trim();
    if (input.year !== undefined) set.year = input.year;
    if (input.scale !== undefined) set.scale_json = JSON.stringify(checkScale(input.scale));
    if (input.reportDeadline !== undefined) set.report_deadline_date = input.reportDeadline;
    if (input.meetingDate !== undefined) set.meeting_date = input.meetingDate;
    if (input.speakerLimitSec !== undefined) set.default_limit_sec = input.speakerLimitSec;
    await trx.updateTable('review_campaign').set(set).where('id', '=', id).execute();
    await audit(ctx, trx, actor, {
      action: 'review.update',
      entity: 'review_campaign',
      entityId: id,
      before: { title: c.title },
      after: input,
    });
    return { ok: true };
  });
}

export async function openVoting(ctx: Ctx, actor: Actor, id: number) {
  const r = await ctx.db.transaction().execute(async (trx) => {
    const { campaign: c } = await campaignFor(trx, actor, id, { manage: true });
    if (c.status !== 'preparing')
      throw conflict('REVIEW_NOT_PREPARING', c.status === 'voting' ? '投票已经开始' : '评议已结束,不能再开始投票');
    const now = nowIso(ctx);
    await trx
      .updateTable('review_campaign')
      .set({
        status: 'voting',
        voting_opened_at: now,
        speaker_target_id: null,
        speaker_started_at: null,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    await audit(ctx, trx, actor, {
      action: 'review.open_voting',
      entity: 'review_campaign',
      entityId: id,
      before: { status: c.status },
      after: { status: 'voting' },
    });
    return { ok: true };
  });
  forgetCampaign(ctx, id);
  return r;
}

/** Issued / used tokens and counted ballots (electronic + reconciled paper). Never results. */
export async function turnoutOf(db: Executor, id: number): Promise<Turnout> {
  const tok = await db
    .selectFrom('review_token')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('used').as('u')])
    .where('campaign_id', '=', id)
    .executeTakeFirstOrThrow();
  const b = await db
    .selectFrom('ballot')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('campaign_id', '=', id)
    .executeTakeFirstOrThrow();
  const paper = await db
    .selectFrom('ballot')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('campaign_id', '=', id)
    .where('channel', '=', '纸质')
    .executeTakeFirstOrThrow();
  return { issued: Number(tok.n), used: Number(tok.u ?? 0), ballots: Number(b.n), paper: Number(paper.n) };
}

export async function turnout(ctx: Ctx, actor: Actor, id: number) {
  await campaignFor(ctx.db, actor, id, { manage: true });
  return turnoutOf(ctx.db, id);
}
