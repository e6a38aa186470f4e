import type { Kysely } from 'kysely';

/**
 * ballot.ratings: a ballot's ratings stored inside its own row while voting (JSON
 * [[orgId, gradeIndex], [orgId, gradeIndex, "opinion"], …], sorted by org), so that casting is one
 * insert instead of one per organization (bench/ballots.ts). Closing the campaign expands them into
 * ballot_rating in one INSERT … SELECT, where the tally and the opinions are read from. Ballots
 * cast before this column existed have ratings = NULL and their rows already in ballot_rating.
 * Nothing here links a ballot to a voter or a token, and the key stays the random id.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('ballot').addColumn('ratings', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('ballot').dropColumn('ratings').execute();
}
