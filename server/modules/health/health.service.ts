import { sql } from 'kysely';
import type { Health } from '../../../common/contracts/health.ts';
import type { Ctx } from '../../context.ts';

/** Answers only once the database does (a load balancer takes the instance out otherwise). */
export async function health(ctx: Ctx): Promise<Health> {
  await sql`select 1`.execute(ctx.db);
  return { status: 'ok', db: ctx.dialect, version: ctx.config.version };
}
