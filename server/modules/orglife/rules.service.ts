/**
 * Versioned rule sets. A version applies from its effective date until the next one; a period is
 * judged by the version in force on its first day, so a change never rewrites a period already
 * judged: a new version may only take effect from today or later.
 */
import type { CreateRuleSetBody, RuleSetView } from '../../../common/contracts/orglife-work.ts';
import type { QuorumKind, RuleFrequency } from '../../../common/enums.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { localDate } from '../../lib/clock.ts';
import { badRequest, conflict } from '../../lib/errors.ts';
import type { Actor } from '../../lib/scope.ts';
import { isValidDate } from '../../lib/workdays.ts';
import type { RuleSet } from './compliance.ts';
import { addDays } from './periods.ts';

export async function loadRuleSets(db: Executor): Promise<RuleSet[]> {
  const sets = await db.selectFrom('orglife_rule_set').selectAll().orderBy('effective_from').execute();
  const rules = await db.selectFrom('orglife_rule').selectAll().orderBy('id').execute();
  return sets.map((s) => ({
    id: s.id,
    name: s.name,
    effectiveFrom: s.effective_from,
    dueSoonDays: s.due_soon_days,
    rules: rules
      .filter((r) => r.rule_set_id === s.id)
      .map((r) => ({
        id: r.id,
        ruleSetId: r.rule_set_id,
        orgType: r.org_type,
        meetingType: r.meeting_type,
        frequency: r.frequency as RuleFrequency,
        atLeast: r.at_least,
        minFullMembers: r.min_full_members,
        perGroup: r.per_group === 1,
        quorum: r.quorum as QuorumKind,
        source: r.source,
      })),
  }));
}

export async function listRuleSets(ctx: Ctx): Promise<{ items: RuleSetView[] }> {
  const today = localDate(ctx.clock.now());
  const sets = await ctx.db.selectFrom('orglife_rule_set').selectAll().orderBy('effective_from').execute();
  const loaded = await loadRuleSets(ctx.db);
  const current = [...sets].reverse().find((s) => s.effective_from <= today)?.id;
  return {
    items: sets
      .map((s, i) => ({
        id: s.id,
        name: s.name,
        effectiveFrom: s.effective_from,
        effectiveTo: sets[i + 1] ? addDays(sets[i + 1].effective_from, -1) : null,
        dueSoonDays: s.due_soon_days,
        note: s.note,
        current: s.id === current,
        createdAt: s.created_at,
        rules: loaded.find((l) => l.id === s.id)!.rules.map(({ ruleSetId: _r, ...r }) => r),
      }))
      .reverse(),
  };
}

/** Adds a version from `effectiveFrom` (today or later); later periods are judged by it. */
export async function createRuleSet(ctx: Ctx, actor: Actor, body: CreateRuleSetBody) {
  const today = localDate(ctx.clock.now());
  if (!isValidDate(body.effectiveFrom))
    throw badRequest('DATE_INVALID', `生效日期「${body.effectiveFrom}」不是有效日期`);
  if (body.effectiveFrom < today)
    throw badRequest(
      'RULES_RETROACTIVE',
      `新版本的生效日期(${body.effectiveFrom})不能早于今天(${today}):已经过去的周期按当时的规则评判,不能追溯修改`,
    );
  const name = body.name.trim();
  if (!name) throw badRequest('RULES_NAME_EMPTY', '版本名称不能为空');
  const seen = new Set<string>();
  for (const [i, r] of body.rules.entries()) {
    const k = `${r.orgType}|${r.meetingType}`;
    if (seen.has(k))
      throw badRequest('RULES_DUPLICATE', `第 ${i + 1} 条规则重复:${r.orgType}的「${r.meetingType}」已有一条规则`);
    seen.add(k);
    if (!r.source.trim()) throw badRequest('RULES_SOURCE_EMPTY', `第 ${i + 1} 条规则须写明依据`);
    if (r.perGroup && r.meetingType !== '党小组会')
      throw badRequest('RULES_PER_GROUP', `第 ${i + 1} 条规则:只有「党小组会」按党小组计`);
    if (r.meetingType === '党小组会' && !r.perGroup)
      throw badRequest('RULES_PER_GROUP', `第 ${i + 1} 条规则:「党小组会」须按党小组计`);
  }
  return ctx.db.transaction().execute(async (trx) => {
    const clash = await trx
      .selectFrom('orglife_rule_set')
      .select('id')
      .where('effective_from', '=', body.effectiveFrom)
      .executeTakeFirst();
    if (clash) throw conflict('RULES_DATE_TAKEN', `${body.effectiveFrom} 已有一个规则版本生效,请换一个日期`);
    const s = await trx
      .insertInto('orglife_rule_set')
      .values({
        name,
        effective_from: body.effectiveFrom,
        due_soon_days: body.dueSoonDays,
        note: body.note?.trim() || null,
        created_by: actor.userId,
        created_at: nowIso(ctx),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('orglife_rule')
      .values(
        body.rules.map((r) => ({
          rule_set_id: s.id,
          org_type: r.orgType,
          meeting_type: r.meetingType,
          frequency: r.frequency,
          at_least: r.atLeast,
          min_full_members: r.minFullMembers,
          per_group: r.perGroup ? 1 : 0,
          quorum: r.quorum,
          source: r.source.trim(),
        })),
      )
      .execute();
    await audit(ctx, trx, actor, {
      action: 'orglife.rules_create',
      entity: 'orglife_rule_set',
      entityId: s.id,
      after: body,
    });
    // Judged periods keep their rules; only the freshness marks go, so the next read recomputes.
    await trx.deleteFrom('setting').where('key', 'like', 'orglife.fresh.%').execute();
    return { id: s.id };
  });
}
