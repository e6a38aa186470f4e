import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from './connect.ts';
import * as m202611250800 from './migrations/202611250800_foundation.ts';
import * as m202611251010 from './migrations/202611251010_supervision.ts';
import * as m202611251000 from './migrations/202611251000_reviews.ts';
import * as m202611251100 from './migrations/202611251100_member_org_path.ts';
import * as m202611251130 from './migrations/202611251130_ballot_ratings.ts';
import * as m202612030900 from './migrations/202612030900_rate_counter.ts';
import * as m202612030910 from './migrations/202612030910_notification_link.ts';
import * as m202612031900 from './migrations/202612031900_indicators.ts';
import * as m202612040410 from './migrations/202612040410_reviews_draft.ts';
import * as m202612040100 from './migrations/202612040100_instances.ts';
import * as m202612031200 from './migrations/202612031200_hardening.ts';
import * as m202612031500 from './migrations/202612031500_cobuild.ts';
import * as m202612031400 from './migrations/202612031400_orglife.ts';
import * as m202612031700 from './migrations/202612031700_research.ts';
import * as m202612031710 from './migrations/202612031710_publicsets.ts';
import * as m202612031720 from './migrations/202612031720_digest.ts';
import * as m202612031800 from './migrations/202612031800_standards.ts';
import * as m202612031600 from './migrations/202612031600_windows.ts';
import * as m202612031300 from './migrations/202612031300_corrections.ts';
import * as m202612040500 from './migrations/202612040500_standards_files.ts';
import * as m202612040600 from './migrations/202612040600_indicators_assessment.ts';
import * as m202612040200 from './migrations/202612040200_scale.ts';
import * as m202612040210 from './migrations/202612040210_task_org_counts.ts';
import * as m202612040800 from './migrations/202612040800_review_close.ts';
import * as m202612041030 from './migrations/202612041030_review_draft.ts';
import * as m202612050100 from './migrations/202612050100_commendations.ts';
import * as m202612050200 from './migrations/202612050200_projects.ts';
import * as m202612060100 from './migrations/202612060100_publicity_objections.ts';
import * as m202612060400 from './migrations/202612060400_member_counts.ts';
import * as m202612060500 from './migrations/202612060500_task_counts.ts';
import * as m202612070500 from './migrations/202612070500_task_overdue_rank.ts';
import * as m202612070600 from './migrations/202612070600_ballot_counts.ts';
import * as m202612080200 from './migrations/202612080200_close_total.ts';
import * as m202612080300 from './migrations/202612080300_review_tally.ts';

/** Migrations are listed here (not globbed) so that they work the same under tsx and bundlers. */
const migrations: Record<string, Migration> = {
  '202611250800_foundation': m202611250800,
  '202611251010_supervision': m202611251010,
  '202611251000_reviews': m202611251000,
  '202611251100_member_org_path': m202611251100,
  '202611251130_ballot_ratings': m202611251130,
  '202612030900_rate_counter': m202612030900,
  '202612030910_notification_link': m202612030910,
  '202612031900_indicators': m202612031900,
  '202612040100_instances': m202612040100,
  '202612031200_hardening': m202612031200,
  '202612031500_cobuild': m202612031500,
  '202612031400_orglife': m202612031400,
  '202612031700_research': m202612031700,
  '202612031710_publicsets': m202612031710,
  '202612031720_digest': m202612031720,
  '202612031800_standards': m202612031800,
  '202612031600_windows': m202612031600,
  '202612031300_corrections': m202612031300,
  '202612040500_standards_files': m202612040500,
  '202612040410_reviews_draft': m202612040410,
  '202612040600_indicators_assessment': m202612040600,
  '202612040200_scale': m202612040200,
  '202612040210_task_org_counts': m202612040210,
  '202612040800_review_close': m202612040800,
  '202612041030_review_draft': m202612041030,
  '202612050100_commendations': m202612050100,
  '202612050200_projects': m202612050200,
  '202612060100_publicity_objections': m202612060100,
  '202612060400_member_counts': m202612060400,
  '202612060500_task_counts': m202612060500,
  '202612070500_task_overdue_rank': m202612070500,
  '202612070600_ballot_counts': m202612070600,
  '202612080200_close_total': m202612080200,
  '202612080300_review_tally': m202612080300,
};

/** Every migration this build knows (readiness checks that the database has them all). */
export const MIGRATION_NAMES = Object.keys(migrations);

class StaticProvider implements MigrationProvider {
  async getMigrations() {
    return migrations;
  }
}

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(database: Database): Promise<string[]> {
  // Migrations of different domains are written in parallel and their names do not always land in
  // order; each is independent of the others' tables, so apply any that are missing.
  const migrator = new Migrator({ db: database.db, provider: new StaticProvider(), allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`数据库迁移失败${failed ? `(${failed.migrationName})` : ''}:${(error as Error).message ?? error}`);
  }
  return (results ?? []).map((r) => r.migrationName);
}

/** Applies the migrations up to and including `name` only (tests of a migration's data move). */
export async function migrateTo(database: Database, name: string): Promise<void> {
  const migrator = new Migrator({ db: database.db, provider: new StaticProvider(), allowUnorderedMigrations: true });
  const { error } = await migrator.migrateTo(name);
  if (error) throw error;
}
