/**
 * Reminders people can bear. Instead of one notification per task, kind and day, each unit gets ONE
 * daily digest (what is due soon, overdue, awaiting a progress report), and the webhook receives the
 * whole day as ONE payload. Users choose digest or immediate and mute kinds they do not want.
 *
 * Exactly once with several instances: the day's `digest_run` row is inserted with ON CONFLICT DO
 * NOTHING in the same transaction as the day's notifications, so one instance (the one whose insert
 * returned a row) builds the digest; notifications also carry a unique dedupe key. The webhook is
 * posted after commit by that instance only, carries `digestId` so a receiver can drop a repeat, and
 * is marked sent; an unsent run older than the lease is taken over (conditional UPDATE) and retried.
 */
import type { DigestRunResult, NotificationPrefs, UnitDigest } from '../../../common/contracts/digest.ts';
import { NOTIFICATION_KINDS, type NotificationKind } from '../../../common/enums.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { localDate } from '../../lib/clock.ts';
import { badRequest } from '../../lib/errors.ts';
import { INSTANCE, type Job } from '../../lib/jobs.ts';
import { notify } from '../../lib/notify.ts';
import type { Actor } from '../../lib/scope.ts';
import { dueTasks } from '../tasks/reminders.ts';

/** The per-task reminder kinds a digest replaces. */
export const REMINDER_KINDS = ['due_soon', 'overdue', 'report_due'] as const;
export const SETTINGS_KEY = 'notify.digest';
export interface DigestSettings {
  /** digest: reminders reach the webhook only inside the daily digest; immediate: as before. */
  webhookMode: 'digest' | 'immediate';
  /** Local hour (0–23) from which the day's digest is sent. */
  hour: number;
}
const DEFAULTS: DigestSettings = { webhookMode: 'digest', hour: 8 };
const LEASE_MS = 10 * 60_000;

export async function loadSettings(db: Executor): Promise<DigestSettings> {
  const r = await db.selectFrom('setting').select('value').where('key', '=', SETTINGS_KEY).executeTakeFirst();
  return r ? { ...DEFAULTS, ...JSON.parse(r.value) } : DEFAULTS;
}

export async function putSettings(ctx: Ctx, actor: Actor, s: DigestSettings) {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await loadSettings(trx);
    const now = nowIso(ctx);
    await trx
      .insertInto('setting')
      .values({ key: SETTINGS_KEY, value: JSON.stringify(s), updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(s), updated_at: now }))
      .execute();
    await audit(ctx, trx, actor, {
      action: 'digest.settings',
      entity: 'setting',
      entityId: SETTINGS_KEY,
      before,
      after: s,
    });
    return s;
  });
}

export async function getPrefs(db: Executor, userId: number): Promise<NotificationPrefs> {
  const r = await db.selectFrom('notification_pref').selectAll().where('user_id', '=', userId).executeTakeFirst();
  return r
    ? { mode: r.mode as NotificationPrefs['mode'], mutedKinds: JSON.parse(r.muted_json) }
    : { mode: 'digest', mutedKinds: [] };
}

export async function putPrefs(ctx: Ctx, actor: Actor, p: NotificationPrefs) {
  if (p.mode === 'digest' && p.mutedKinds.includes('digest'))
    throw badRequest('PREFS_INVALID', '选择“每日汇总”方式时不能同时屏蔽每日汇总');
  const muted = [...new Set(p.mutedKinds)];
  return ctx.db.transaction().execute(async (trx) => {
    const now = nowIso(ctx);
    await trx
      .insertInto('notification_pref')
      .values({ user_id: actor.userId, mode: p.mode, muted_json: JSON.stringify(muted), updated_at: now })
      .onConflict((oc) =>
        oc.column('user_id').doUpdateSet({ mode: p.mode, muted_json: JSON.stringify(muted), updated_at: now }),
      )
      .execute();
    await audit(ctx, trx, actor, {
      action: 'notify.prefs',
      entity: 'app_user',
      entityId: actor.userId,
      after: { mode: p.mode, muted },
    });
    return { mode: p.mode, mutedKinds: muted };
  });
}

/** Kinds hidden from a user's notification list by their preferences. */
export async function hiddenKinds(db: Executor, userId: number): Promise<NotificationKind[]> {
  const p = await getPrefs(db, userId);
  return [...new Set([...(p.mode === 'digest' ? REMINDER_KINDS : (['digest'] as const)), ...p.mutedKinds])];
}

/** The day's digest of every unit (or of the units in `scopePath`): the same rules as the reminders. */
export async function buildDigests(db: Executor, today: string, scopePath?: string): Promise<UnitDigest[]> {
  const units = new Map<number, UnitDigest>();
  for await (const rows of dueTasks(db, today, scopePath)) {
    for (const r of rows) {
      const line = { taskId: r.id, text: r.text, dueDate: r.due_date };
      const u = units.get(r.lead_org_id) ?? {
        orgId: r.lead_org_id,
        orgName: r.org_name,
        dueSoon: [],
        overdue: [],
        reportDue: [],
      };
      let any = false;
      if (r.overdue) {
        u.overdue.push(line);
        any = true;
      } else if (r.dueSoon) {
        u.dueSoon.push(line);
        any = true;
      }
      if (r.reportDue) {
        u.reportDue.push(line);
        any = true;
      }
      if (any) units.set(r.lead_org_id, u);
    }
  }
  return [...units.values()].sort((a, b) => a.orgId - b.orgId);
}

const short = (s: string, n = 24) => (s.length > n ? `${s.slice(0, n)}…` : s);

/** One message for a unit: counts first, then the most pressing items. */
export function digestMessage(u: UnitDigest, date: string) {
  const parts = [
    u.overdue.length && `逾期 ${u.overdue.length} 项`,
    u.dueSoon.length && `临期 ${u.dueSoon.length} 项`,
    u.reportDue.length && `待报送进展 ${u.reportDue.length} 项`,
  ].filter(Boolean);
  const list = (label: string, xs: UnitDigest['overdue']) =>
    xs.length
      ? `${label}:${xs
          .slice(0, 3)
          .map((x) => `#${x.taskId}「${short(x.text)}」${x.dueDate ? `(时限 ${x.dueDate})` : ''}`)
          .join(';')}${xs.length > 3 ? ` 等 ${xs.length} 项` : ''}`
      : '';
  return [
    `【每日汇总 ${date}】${u.orgName}:${parts.join('、')}。`,
    list('逾期', u.overdue),
    list('临期', u.dueSoon),
    list('待报送', u.reportDue),
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * The daily run: from the configured hour, once per local day across all instances. `force` (an
 * administrator's "send now") ignores the hour, not the once-per-day rule.
 */
export async function runDigest(
  ctx: Ctx,
  opts: { now?: Date; holder: string; force?: boolean },
): Promise<DigestRunResult> {
  const now = opts.now ?? ctx.clock.now();
  const today = localDate(now);
  const settings = await loadSettings(ctx.db);
  const localHour = (now.getUTCHours() + 8) % 24;
  const idle: DigestRunResult = { ran: false, date: today, units: 0, notifications: 0, webhook: 0 };
  if (!opts.force && localHour < settings.hour) return idle;

  const built = await ctx.db.transaction().execute(async (trx) => {
    const claimed = await trx
      .insertInto('digest_run')
      .values({
        run_date: today,
        holder: opts.holder,
        units: 0,
        created_at: now.toISOString(),
        sent_at: null,
        webhook_status: null,
      })
      .onConflict((oc) => oc.column('run_date').doNothing())
      .returning('run_date')
      .executeTakeFirst();
    if (!claimed) return null;
    const units = await buildDigests(trx, today);
    let created = 0;
    for (const u of units) {
      const id = await notify(trx, ctx, {
        orgId: u.orgId,
        taskId: null,
        kind: 'digest',
        message: digestMessage(u, today),
        dedupeKey: `digest:${u.orgId}:${today}`,
        link: `/tasks?orgId=${u.orgId}`,
      });
      if (id) created++;
    }
    await trx.updateTable('digest_run').set({ units: units.length }).where('run_date', '=', today).execute();
    return { units, created };
  });

  let units = built?.units ?? null;
  if (!built) {
    // Another instance built today's digest. Take over its webhook only if it never got sent and
    // its holder's lease ran out (it crashed or the receiver was down).
    const stale = new Date(now.getTime() - LEASE_MS).toISOString();
    const r = await ctx.db
      .updateTable('digest_run')
      .set({ holder: opts.holder, created_at: now.toISOString() })
      .where('run_date', '=', today)
      .where('sent_at', 'is', null)
      .where('created_at', '<', stale)
      .executeTakeFirst();
    if (!Number(r.numUpdatedRows) || !ctx.config.webhookUrl) return idle;
    units = await buildDigests(ctx.db, today);
  }
  const sent = await postDigest(ctx, today, units ?? []);
  if (sent.ok || !ctx.config.webhookUrl)
    await ctx.db
      .updateTable('digest_run')
      .set({ sent_at: now.toISOString(), webhook_status: sent.status })
      .where('run_date', '=', today)
      .where('holder', '=', opts.holder)
      .execute();
  return {
    ran: true,
    date: today,
    units: units?.length ?? 0,
    notifications: built?.created ?? 0,
    webhook: sent.ok ? 1 : 0,
  };
}

/** The whole day's reminders as ONE webhook payload (idempotency key `digestId`). */
async function postDigest(
  ctx: Ctx,
  date: string,
  units: UnitDigest[],
): Promise<{ ok: boolean; status: number | null }> {
  const url = ctx.config.webhookUrl;
  if (!url) return { ok: false, status: null };
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        source: 'luoshi',
        kind: 'digest',
        kindLabel: NOTIFICATION_KINDS.digest,
        digestId: `digest:${date}`,
        date,
        totals: {
          units: units.length,
          overdue: units.reduce((n, u) => n + u.overdue.length, 0),
          dueSoon: units.reduce((n, u) => n + u.dueSoon.length, 0),
          reportDue: units.reduce((n, u) => n + u.reportDue.length, 0),
        },
        units: units.map((u) => ({ ...u, message: digestMessage(u, date) })),
      }),
      signal: AbortSignal.timeout(10_000),
    });
    return { ok: res.ok, status: res.status };
  } catch (e) {
    console.warn(`每日汇总 webhook 调用失败:${(e as Error).message}`);
    return { ok: false, status: null };
  }
}

/**
 * Every 10 minutes (server/jobs.ts): the day's digest goes out once, from the configured hour. The
 * job lease keeps the checks to one instance per period; `digest_run` keeps the sending exactly once.
 */
export const digestJob: Job<Omit<DigestRunResult, 'date'>> = {
  name: 'digest',
  label: '每日汇总',
  everyMs: 10 * 60_000,
  run: async (ctx, now) => {
    const { date: _date, ...r } = await runDigest(ctx, { now, holder: INSTANCE });
    return r;
  },
};
