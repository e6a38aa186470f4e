import { sql, type Kysely } from 'kysely';
import { dialectOf, withId } from '../dialect.ts';

/**
 * 双报到 / 共驻共建: communities (which org nodes are 村/社区), registrations of members and units,
 * the three lists (需求/资源/项目) with claims, activities with sign-ups, QR sign-in/out and photos,
 * the point ledger with versioned rules, caps and vetoes, and generated letters/bulletins.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres';
  // Points and hours are multiples of 0.5: exact in binary floating point on both dialects.
  const num = pg ? sql`double precision` : sql`real`;

  // In-service members (who must report) are read for every roster, rate and letter: a partial
  // index keeps that a range scan of the subtree instead of visiting all 50,000 members.
  await sql`create index member_in_service on member (org_path, id) where category = '在职' and status = '正常'`.execute(
    db,
  );

  // A community is an org node (the top 党支部/党总支 of a 村 or 社区) registered here.
  await db.schema
    .createTable('cobuild_community')
    .addColumn('org_id', 'integer', (c) => c.primaryKey().references('org_unit.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('cobuild_registration'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('member_id', 'integer', (c) => c.references('member.id'))
    /** The unit (共建单位) or, for a member, the employer unit when the member reported. */
    .addColumn('unit_org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('community_org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('skills', 'text')
    .addColumn('note', 'text')
    .addColumn('reported_date', 'text', (c) => c.notNull())
    .addColumn('accepted_date', 'text')
    .addColumn('confirmed_date', 'text')
    /** Re-confirmation due (members): past it the registration has lapsed (逾期未复核). */
    .addColumn('due_date', 'text')
    .addColumn('decided_by', 'integer')
    .addColumn('decline_reason', 'text')
    .addColumn('ended_date', 'text')
    .addColumn('end_reason', 'text')
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // One community at a time: the database refuses a second live registration of a member even
  // when two requests race (partial unique index, both dialects).
  await sql`create unique index cobuild_reg_one_live on cobuild_registration (member_id) where kind = 'member' and status in ('pending', 'active')`.execute(
    db,
  );
  await sql`create unique index cobuild_reg_unit_pair on cobuild_registration (unit_org_id, community_org_id) where kind = 'unit' and status in ('pending', 'active')`.execute(
    db,
  );
  await db.schema
    .createIndex('cobuild_reg_community')
    .on('cobuild_registration')
    .columns(['community_org_id', 'status'])
    .execute();
  await db.schema
    .createIndex('cobuild_reg_unit')
    .on('cobuild_registration')
    .columns(['unit_org_id', 'status'])
    .execute();
  await db.schema.createIndex('cobuild_reg_member').on('cobuild_registration').columns(['member_id', 'id']).execute();

  await withId(db, db.schema.createTable('cobuild_registration_event'))
    .addColumn('registration_id', 'integer', (c) => c.notNull().references('cobuild_registration.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('actor_id', 'integer')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('cobuild_reg_event_reg')
    .on('cobuild_registration_event')
    .columns(['registration_id', 'id'])
    .execute();

  await withId(db, db.schema.createTable('cobuild_need'))
    .addColumn('community_org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('place', 'text')
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('headcount', 'integer', (c) => c.notNull())
    .addColumn('skills', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('close_reason', 'text')
    .addColumn('done_date', 'text')
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('cobuild_need_community')
    .on('cobuild_need')
    .columns(['community_org_id', 'id'])
    .execute();
  await db.schema.createIndex('cobuild_need_status').on('cobuild_need').columns(['status', 'id']).execute();

  await withId(db, db.schema.createTable('cobuild_resource'))
    .addColumn('owner_kind', 'text', (c) => c.notNull())
    .addColumn('member_id', 'integer', (c) => c.references('member.id'))
    .addColumn('unit_org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('available_from', 'text', (c) => c.notNull())
    .addColumn('available_to', 'text', (c) => c.notNull())
    .addColumn('contact', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cobuild_resource_unit').on('cobuild_resource').columns(['unit_org_id', 'id']).execute();
  await db.schema.createIndex('cobuild_resource_member').on('cobuild_resource').columns(['member_id']).execute();

  await withId(db, db.schema.createTable('cobuild_project'))
    .addColumn('community_org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('lead_org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('lead_member_id', 'integer', (c) => c.references('member.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('done_date', 'text')
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('cobuild_project_community')
    .on('cobuild_project')
    .columns(['community_org_id', 'id'])
    .execute();
  await db.schema.createIndex('cobuild_project_lead').on('cobuild_project').columns(['lead_org_id']).execute();

  await withId(db, db.schema.createTable('cobuild_claim'))
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('need_id', 'integer', (c) => c.references('cobuild_need.id'))
    .addColumn('resource_id', 'integer', (c) => c.references('cobuild_resource.id'))
    .addColumn('claimant', 'text', (c) => c.notNull())
    .addColumn('member_id', 'integer', (c) => c.references('member.id'))
    /** The claiming unit or community. */
    .addColumn('org_id', 'integer', (c) => c.references('org_unit.id'))
    .addColumn('headcount', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('decided_by', 'integer')
    .addColumn('decided_at', 'text')
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create unique index cobuild_claim_need_member on cobuild_claim (need_id, member_id) where claimant = 'member' and status in ('pending', 'accepted')`.execute(
    db,
  );
  await sql`create unique index cobuild_claim_need_unit on cobuild_claim (need_id, org_id) where claimant = 'unit' and status in ('pending', 'accepted')`.execute(
    db,
  );
  await sql`create unique index cobuild_claim_resource on cobuild_claim (resource_id, org_id) where target = 'resource' and status in ('pending', 'accepted')`.execute(
    db,
  );
  await db.schema.createIndex('cobuild_claim_need').on('cobuild_claim').columns(['need_id', 'status']).execute();
  await db.schema.createIndex('cobuild_claim_resource_id').on('cobuild_claim').columns(['resource_id']).execute();
  await db.schema.createIndex('cobuild_claim_org').on('cobuild_claim').columns(['org_id', 'id']).execute();
  await db.schema.createIndex('cobuild_claim_member_id').on('cobuild_claim').columns(['member_id', 'id']).execute();

  await withId(db, db.schema.createTable('cobuild_activity'))
    .addColumn('community_org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('need_id', 'integer', (c) => c.references('cobuild_need.id'))
    .addColumn('project_id', 'integer', (c) => c.references('cobuild_project.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('lat', num)
    .addColumn('lng', num)
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    /** Local date of the start: the period the service (and its points) belongs to. */
    .addColumn('activity_date', 'text', (c) => c.notNull())
    .addColumn('signup_limit', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('cancel_reason', 'text')
    .addColumn('checkin_token', 'text', (c) => c.notNull().unique())
    .addColumn('checkout_token', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('cobuild_activity_community')
    .on('cobuild_activity')
    .columns(['community_org_id', 'activity_date'])
    .execute();
  await db.schema.createIndex('cobuild_activity_date').on('cobuild_activity').columns(['activity_date']).execute();
  await db.schema.createIndex('cobuild_activity_need').on('cobuild_activity').columns(['need_id']).execute();

  await withId(db, db.schema.createTable('cobuild_signup'))
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('cobuild_activity.id'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('member.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('signed_up_at', 'text', (c) => c.notNull())
    .addColumn('checkin_at', 'text')
    .addColumn('checkin_lat', num)
    .addColumn('checkin_lng', num)
    .addColumn('checkin_accuracy', num)
    .addColumn('checkout_at', 'text')
    .addColumn('checkout_lat', num)
    .addColumn('checkout_lng', num)
    .addColumn('checkout_accuracy', num)
    /** Hours between sign-in and sign-out within the activity window, in half hours. */
    .addColumn('hours', num)
    .addColumn('verification', 'text', (c) => c.notNull())
    .addColumn('verified_hours', num)
    .addColumn('verified_by', 'integer')
    .addColumn('verified_at', 'text')
    .addColumn('verify_note', 'text')
    .execute();
  await db.schema
    .createIndex('cobuild_signup_one')
    .on('cobuild_signup')
    .columns(['activity_id', 'member_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('cobuild_signup_member')
    .on('cobuild_signup')
    .columns(['member_id', 'activity_id'])
    .execute();
  await db.schema
    .createIndex('cobuild_signup_verification')
    .on('cobuild_signup')
    .columns(['verification', 'activity_id'])
    .execute();

  await withId(db, db.schema.createTable('cobuild_photo'))
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('cobuild_activity.id'))
    .addColumn('signup_id', 'integer', (c) => c.references('cobuild_signup.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('stored_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'integer', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cobuild_photo_activity').on('cobuild_photo').columns(['activity_id', 'id']).execute();

  // Versioned point rules: an entry is credited under the version in force on its service date.
  await withId(db, db.schema.createTable('cobuild_rule'))
    .addColumn('version', 'integer', (c) => c.notNull().unique())
    .addColumn('effective_date', 'text', (c) => c.notNull())
    .addColumn('rules_json', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('cobuild_point'))
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'integer', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('entry_date', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('points', num, (c) => c.notNull())
    /** 1 = the excess over a cap: recorded, never counted. */
    .addColumn('capped', 'integer', (c) => c.notNull())
    /** 1 = inside a vetoed period: recorded, never counted. */
    .addColumn('vetoed', 'integer', (c) => c.notNull())
    .addColumn('rule_version', 'integer')
    .addColumn('source_kind', 'text', (c) => c.notNull())
    .addColumn('source_id', 'integer')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .execute();
  await db.schema
    .createIndex('cobuild_point_subject')
    .on('cobuild_point')
    .columns(['subject_kind', 'subject_id', 'year', 'action', 'entry_date'])
    .execute();
  await db.schema
    .createIndex('cobuild_point_source')
    .on('cobuild_point')
    .columns(['source_kind', 'source_id'])
    .execute();

  // Per subject and year: what rankings read (an index scan instead of a GROUP BY over the ledger).
  await db.schema
    .createTable('cobuild_point_total')
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'integer', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('points', num, (c) => c.notNull())
    .addColumn('hours', num, (c) => c.notNull())
    .addPrimaryKeyConstraint('cobuild_point_total_pk', ['subject_kind', 'subject_id', 'year'])
    .execute();
  await db.schema
    .createIndex('cobuild_point_total_rank')
    .on('cobuild_point_total')
    .columns(['subject_kind', 'year', 'points', 'subject_id'])
    .execute();

  await withId(db, db.schema.createTable('cobuild_veto'))
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'integer', (c) => c.notNull())
    .addColumn('from_date', 'text', (c) => c.notNull())
    .addColumn('to_date', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('lift_reason', 'text')
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('lifted_by', 'integer')
    .addColumn('lifted_at', 'text')
    .execute();
  await db.schema
    .createIndex('cobuild_veto_subject')
    .on('cobuild_veto')
    .columns(['subject_kind', 'subject_id', 'status'])
    .execute();

  // Generated letters (per employer unit and quarter) and bulletins (per scope and two months).
  await withId(db, db.schema.createTable('cobuild_report'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('from_date', 'text', (c) => c.notNull())
    .addColumn('to_date', 'text', (c) => c.notNull())
    .addColumn('data_json', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('cobuild_report_key')
    .on('cobuild_report')
    .columns(['kind', 'org_id', 'period'])
    .unique()
    .execute();
  await db.schema.createIndex('cobuild_report_period').on('cobuild_report').columns(['kind', 'period']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('member_in_service').execute();
  for (const t of [
    'cobuild_report',
    'cobuild_veto',
    'cobuild_point_total',
    'cobuild_point',
    'cobuild_rule',
    'cobuild_photo',
    'cobuild_signup',
    'cobuild_activity',
    'cobuild_claim',
    'cobuild_project',
    'cobuild_resource',
    'cobuild_need',
    'cobuild_registration_event',
    'cobuild_registration',
    'cobuild_community',
  ])
    await db.schema.dropTable(t).execute();
}
