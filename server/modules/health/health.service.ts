import { sql } from 'kysely';
import type { Health, Liveness, Readiness } from '../../../common/contracts/health.ts';
import type { Ctx } from '../../context.ts';
import { MIGRATION_NAMES } from '../../db/migrate.ts';
import { AppError } from '../../lib/errors.ts';
import { INSTANCE } from '../../lib/jobs.ts';

/** Answers only once the database does (a load balancer takes the instance out otherwise). */
export async function health(ctx: Ctx): Promise<Health> {
  await sql`select 1`.execute(ctx.db);
  return { status: 'ok', db: ctx.dialect, version: ctx.config.version };
}

export const liveness = (): Liveness => ({
  status: 'ok',
  instance: INSTANCE,
  uptimeSec: Math.round(process.uptime()),
});

/**
 * Ready to take traffic: the database answers and holds every migration of this build. 503 with
 * the reason otherwise — e.g. during a rolling upgrade, an old instance on a database migrated
 * further is still ready (it knows fewer migrations), a new one before its migrations is not.
 */
export async function readiness(ctx: Ctx): Promise<Readiness> {
  const t0 = performance.now();
  let applied: Set<string>;
  try {
    const rows = await ctx.db
      .selectFrom('kysely_migration' as any)
      .select('name')
      .execute();
    applied = new Set(rows.map((r) => (r as { name: string }).name));
  } catch (e) {
    throw new AppError('NOT_READY', 503, `数据库不可达:${(e as Error).message}`);
  }
  const missing = MIGRATION_NAMES.filter((n) => !applied.has(n));
  if (missing.length)
    throw new AppError(
      'NOT_READY',
      503,
      `数据库迁移未完成:缺少 ${missing.length} 项(${missing.slice(0, 3).join('、')})`,
    );
  return { status: 'ok', db: ctx.dialect, dbMs: Math.round(performance.now() - t0), migrations: applied.size };
}
