import type { Kysely } from 'kysely';
import { withId } from '../dialect.ts';

/**
 * 作风监督: service windows and their items, versioned 评价内容, 一次一评 tickets, ratings, 差评 cases
 * with their steps, 约谈 records and 作风监督员's 暗访 reports. Ratings carry no IP, device or
 * phone: the only phone kept is on a case (for 回访), and it is deleted after close + retention.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('service_window'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('location', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('service_window_org').on('service_window').column('org_id').execute();

  await withId(db, db.schema.createTable('service_item'))
    .addColumn('window_id', 'integer', (c) => c.notNull().references('service_window.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('service_item_window').on('service_item').column('window_id').execute();

  await withId(db, db.schema.createTable('rating_content'))
    .addColumn('questions', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // Version 1 of 评价内容: the 线下 second-level indicators of the provincial spec.
  await db
    .insertInto('rating_content')
    .values({
      questions: JSON.stringify(['服务效率', '服务水平', '服务态度']),
      note: '初始版本(线下服务:服务效率、服务水平、服务态度)',
      created_by: null,
      created_at: new Date().toISOString(),
    })
    .execute();

  await withId(db, db.schema.createTable('rating_ticket'))
    .addColumn('window_id', 'integer', (c) => c.notNull().references('service_window.id'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('issued_date', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema
    .createIndex('rating_ticket_window')
    .on('rating_ticket')
    .columns(['window_id', 'issued_date'])
    .execute();

  await withId(db, db.schema.createTable('rating'))
    .addColumn('window_id', 'integer', (c) => c.notNull().references('service_window.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull())
    .addColumn('item_id', 'integer')
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('phone_masked', 'text')
    .addColumn('content_version', 'integer', (c) => c.notNull())
    .addColumn('scores', 'text')
    .addColumn('ticket_id', 'integer')
    .addColumn('verified', 'integer', (c) => c.notNull())
    .addColumn('suspect', 'integer', (c) => c.notNull())
    .addColumn('suspect_reason', 'text')
    .addColumn('excluded', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rated_at', 'text', (c) => c.notNull())
    .addColumn('rated_date', 'text', (c) => c.notNull())
    .execute();
  // The monthly statistics read (date range → window, level, flags) from this index alone.
  await db.schema
    .createIndex('rating_month')
    .on('rating')
    .columns(['rated_date', 'window_id', 'level', 'verified', 'suspect', 'excluded'])
    .execute();
  await db.schema.createIndex('rating_window').on('rating').columns(['window_id', 'rated_date']).execute();

  await withId(db, db.schema.createTable('rating_case'))
    .addColumn('rating_id', 'integer', (c) => c.unique())
    .addColumn('window_id', 'integer')
    .addColumn('org_id', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('problem', 'text', (c) => c.notNull())
    .addColumn('level', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('prev_status', 'text')
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('opened_date', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('contact_phone', 'text')
    .addColumn('phone_masked', 'text')
    .addColumn('first_response_at', 'text')
    .addColumn('callback_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('resolution', 'text')
    .addColumn('resolution_note', 'text')
    .addColumn('rectification_id', 'integer')
    .addColumn('rerate_hash', 'text')
    .addColumn('rerate_level', 'integer')
    .addColumn('rerated_at', 'text')
    .addColumn('appeal_reason', 'text')
    .addColumn('appeal_at', 'text')
    .addColumn('appeal_opinion', 'text')
    .addColumn('appeal_upheld', 'integer')
    .addColumn('closed_at', 'text')
    .addColumn('closed_date', 'text')
    .addColumn('phone_purged_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rating_case_org').on('rating_case').columns(['org_id', 'status']).execute();
  await db.schema.createIndex('rating_case_due').on('rating_case').columns(['status', 'due_date']).execute();
  await db.schema.createIndex('rating_case_opened').on('rating_case').columns(['opened_date', 'source']).execute();
  await db.schema.createIndex('rating_case_rerate').on('rating_case').column('rerate_hash').execute();

  await withId(db, db.schema.createTable('rating_case_step'))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('rating_case.id'))
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('reached', 'integer')
    .addColumn('actor_id', 'integer')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rating_case_step_case').on('rating_case_step').column('case_id').execute();

  await withId(db, db.schema.createTable('window_interview'))
    .addColumn('window_id', 'integer', (c) => c.notNull().references('service_window.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('held_date', 'text')
    .addColumn('interviewer', 'text')
    .addColumn('record', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('window_interview_once', ['window_id', 'month'])
    .execute();

  await withId(db, db.schema.createTable('inspection'))
    .addColumn('inspector_id', 'integer', (c) => c.notNull())
    .addColumn('org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('window_id', 'integer')
    .addColumn('visited_at', 'text', (c) => c.notNull())
    .addColumn('findings', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('case_id', 'integer')
    .addColumn('rectification_id', 'integer')
    .addColumn('notice_no', 'text')
    .addColumn('notice_text', 'text')
    .addColumn('notice_due_date', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inspection_org').on('inspection').columns(['org_id', 'visited_at']).execute();

  await withId(db, db.schema.createTable('inspection_photo'))
    .addColumn('inspection_id', 'integer', (c) => c.notNull().references('inspection.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_b64', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inspection_photo_insp').on('inspection_photo').column('inspection_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'inspection_photo',
    'inspection',
    'window_interview',
    'rating_case_step',
    'rating_case',
    'rating',
    'rating_ticket',
    'rating_content',
    'service_item',
    'service_window',
  ])
    await db.schema.dropTable(t).execute();
}
