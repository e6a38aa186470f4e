import type { Kysely } from 'kysely';
import { withId } from '../dialect.ts';

/**
 * 评选表彰: a round per owner (县委 / 乡镇党委) and year with quotas per category, nominations by
 * units through 审核 → 审定 → 公示 (objections) → 发布, and the honours it records on an org or a
 * member. Honours stay when a round is later edited: they are the record the org and the member
 * pages show and the `commendations.honours` figure counts.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('commend_round'))
    .addColumn('owner_org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('quotas_json', 'text', (c) => c.notNull())
    .addColumn('quota_mode', 'text', (c) => c.notNull())
    .addColumn('deadline_date', 'text')
    .addColumn('objection_days', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('publicity_start_date', 'text')
    .addColumn('publicity_end_date', 'text')
    .addColumn('doc_no', 'text')
    .addColumn('published_at', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('commend_round_key')
    .on('commend_round')
    .columns(['owner_org_id', 'year', 'name'])
    .unique()
    .execute();
  await withId(db, db.schema.createTable('commend_nomination'))
    .addColumn('round_id', 'integer', (c) => c.notNull().references('commend_round.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('org_path', 'text', (c) => c.notNull())
    .addColumn('subject_org_id', 'integer', (c) => c.references('org_unit.id'))
    .addColumn('member_id', 'integer', (c) => c.references('member.id'))
    .addColumn('subject_name', 'text', (c) => c.notNull())
    .addColumn('subject_unit', 'text', (c) => c.notNull())
    .addColumn('deeds', 'text', (c) => c.notNull())
    .addColumn('opinion', 'text')
    .addColumn('file_name', 'text')
    .addColumn('stored_name', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('return_reason', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('reviewed_by', 'integer')
    .addColumn('reviewed_at', 'text')
    .addColumn('approved_by', 'integer')
    .addColumn('approved_at', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // A member or a unit once per round (NULLs are distinct on both dialects).
  await db.schema
    .createIndex('commend_nomination_member')
    .on('commend_nomination')
    .columns(['round_id', 'member_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('commend_nomination_org')
    .on('commend_nomination')
    .columns(['round_id', 'subject_org_id'])
    .unique()
    .execute();
  await db.schema.createIndex('commend_nomination_path').on('commend_nomination').columns(['org_path']).execute();
  await withId(db, db.schema.createTable('commend_objection'))
    .addColumn('round_id', 'integer', (c) => c.notNull().references('commend_round.id'))
    .addColumn('nomination_id', 'integer', (c) => c.notNull().references('commend_nomination.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('upheld', 'integer', (c) => c.notNull())
    .addColumn('answered_by', 'integer')
    .addColumn('answered_at', 'text')
    .execute();
  await withId(db, db.schema.createTable('honour'))
    .addColumn('round_id', 'integer', (c) => c.references('commend_round.id'))
    .addColumn('nomination_id', 'integer')
    .addColumn('org_id', 'integer', (c) => c.references('org_unit.id'))
    .addColumn('member_id', 'integer', (c) => c.references('member.id'))
    .addColumn('org_path', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('granted_by', 'text', (c) => c.notNull())
    .addColumn('doc_no', 'text')
    .addColumn('granted_date', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('honour_path').on('honour').columns(['org_path', 'granted_date']).execute();
  await db.schema.createIndex('honour_member').on('honour').columns(['member_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['honour', 'commend_objection', 'commend_nomination', 'commend_round'])
    await db.schema.dropTable(t).execute();
}
