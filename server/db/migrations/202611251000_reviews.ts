import { sql, type Kysely } from 'kysely';
import { dialectOf, withId } from '../dialect.ts';

/**
 * 述职评议 + 问题整改. The ballot tables carry no link to a voter or token, and use random text keys;
 * on SQLite they are WITHOUT ROWID so no hidden auto-increment rowid records insertion order.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const lite = dialectOf(db) === 'sqlite';
  const noRowid = (t: any) => (lite ? t.modifyEnd(sql`without rowid`) : t);

  await withId(db, db.schema.createTable('review_campaign'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('owner_org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('scale_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('report_deadline_date', 'text')
    .addColumn('meeting_date', 'text')
    .addColumn('default_limit_sec', 'integer', (c) => c.notNull())
    .addColumn('speaker_target_id', 'integer')
    .addColumn('speaker_started_at', 'text')
    .addColumn('voting_opened_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('review_target'))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('review_campaign.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('secretary_name', 'text')
    .addColumn('agenda_order', 'integer', (c) => c.notNull())
    .addColumn('limit_sec', 'integer')
    .addColumn('report_text', 'text')
    .addColumn('report_file_name', 'text')
    .addColumn('report_submitted_at', 'text')
    .addColumn('report_submitted_by', 'integer')
    .addColumn('reminded_at', 'text')
    .addUniqueConstraint('review_target_campaign_org', ['campaign_id', 'org_id'])
    .execute();

  await withId(db, db.schema.createTable('review_participant'))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('review_campaign.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('member_id', 'integer')
    .addColumn('received', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('review_participant_campaign').on('review_participant').column('campaign_id').execute();

  await noRowid(
    db.schema
      .createTable('review_token')
      .addColumn('hash', 'text', (c) => c.primaryKey())
      .addColumn('campaign_id', 'integer', (c) => c.notNull().references('review_campaign.id'))
      .addColumn('used', 'integer', (c) => c.notNull().defaultTo(0)),
  ).execute();
  await db.schema.createIndex('review_token_campaign').on('review_token').columns(['campaign_id', 'used']).execute();

  await withId(db, db.schema.createTable('review_comment'))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('review_campaign.id'))
    .addColumn('target_id', 'integer', (c) => c.notNull().unique().references('review_target.id'))
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('return_reason', 'text')
    .addColumn('drafted_by', 'integer', (c) => c.notNull())
    .addColumn('submitted_by', 'integer')
    .addColumn('approved_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('review_finding'))
    .addColumn('comment_id', 'integer', (c) => c.notNull().references('review_comment.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('problem', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('rectification_id', 'integer')
    .execute();
  await db.schema.createIndex('review_finding_comment').on('review_finding').column('comment_id').execute();

  await noRowid(
    db.schema
      .createTable('ballot')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('campaign_id', 'integer', (c) => c.notNull().references('review_campaign.id'))
      .addColumn('cast_date', 'text', (c) => c.notNull())
      .addColumn('receipt', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addUniqueConstraint('ballot_campaign_receipt', ['campaign_id', 'receipt']),
  ).execute();

  // Clustered on (campaign, random ballot id, org): one ballot's ratings share a page, so a
  // ballot costs one random page write, not one per organization (measured: ~4x the write
  // throughput of a (campaign, org, grade, ballot) clustering). No secondary index is maintained
  // while voting; closing a campaign builds a partial index (org_id, grade) WHERE campaign_id = id
  // for the tally (see campaigns.service close()). No foreign key to ballot: one probe less per
  // row; ratings are only ever written together with their ballot.
  await noRowid(
    db.schema
      .createTable('ballot_rating')
      .addColumn('campaign_id', 'integer', (c) => c.notNull())
      .addColumn('ballot_id', 'text', (c) => c.notNull())
      .addColumn('org_id', 'integer', (c) => c.notNull())
      .addColumn('grade', 'text', (c) => c.notNull())
      .addColumn('opinion', 'text')
      .addPrimaryKeyConstraint('ballot_rating_pk', ['campaign_id', 'ballot_id', 'org_id']),
  ).execute();

  await withId(db, db.schema.createTable('paper_sheet'))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('review_campaign.id'))
    .addColumn('sheet_no', 'text', (c) => c.notNull())
    .addColumn('entry1_json', 'text', (c) => c.notNull())
    .addColumn('entry1_by', 'integer', (c) => c.notNull())
    .addColumn('entry2_json', 'text')
    .addColumn('entry2_by', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('resolved_by', 'integer')
    .addUniqueConstraint('paper_sheet_campaign_no', ['campaign_id', 'sheet_no'])
    .execute();

  await withId(db, db.schema.createTable('rectification_item'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('issuer_org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('problem', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_ref', 'text')
    .addColumn('measures', 'text')
    .addColumn('owner', 'text')
    .addColumn('deadline_date', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('rebound_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('recheck_months', 'integer', (c) => c.notNull().defaultTo(6))
    .addColumn('recheck_due_date', 'text')
    .addColumn('closed_date', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('rectification_item_org')
    .on('rectification_item')
    .columns(['org_id', 'status'])
    .execute();
  await db.schema
    .createIndex('rectification_item_recheck')
    .on('rectification_item')
    .columns(['status', 'recheck_due_date'])
    .execute();

  await withId(db, db.schema.createTable('rectification_step'))
    .addColumn('item_id', 'integer', (c) => c.notNull().references('rectification_item.id'))
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('opinion', 'text')
    .addColumn('actor_id', 'integer')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rectification_step_item').on('rectification_step').column('item_id').execute();

  await withId(db, db.schema.createTable('rectification_evidence'))
    .addColumn('item_id', 'integer', (c) => c.notNull().references('rectification_item.id'))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('content_b64', 'text')
    .addColumn('uploaded_by', 'integer', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rectification_evidence_item').on('rectification_evidence').column('item_id').execute();

  await withId(db, db.schema.createTable('rectification_recheck'))
    .addColumn('item_id', 'integer', (c) => c.notNull().references('rectification_item.id'))
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('done_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .execute();
  await db.schema
    .createIndex('rectification_recheck_item')
    .on('rectification_recheck')
    .columns(['item_id', 'status'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'rectification_recheck',
    'rectification_evidence',
    'rectification_step',
    'rectification_item',
    'paper_sheet',
    'ballot_rating',
    'ballot',
    'review_finding',
    'review_comment',
    'review_token',
    'review_participant',
    'review_target',
    'review_campaign',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
