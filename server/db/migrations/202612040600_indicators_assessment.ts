import type { Kysely } from 'kysely';

/**
 * 指标调度, second part. The roll-up rows keep the raw sums behind their figure (Σ month
 * figures, Σ 累计, reporters) so that a submit rebuilds only the unit's line up the tree from its
 * children's rows. Rows written before stay valid: the first recompute that meets one reads all.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const c of ['acc_v', 'acc_c', 'acc_n'])
    await db.schema.alterTable('indicator_rollup').addColumn(c, 'double precision').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const c of ['acc_v', 'acc_c', 'acc_n']) await db.schema.alterTable('indicator_rollup').dropColumn(c).execute();
}
