import { sql, type Kysely } from 'kysely';
import { dialectOf, withId } from '../dialect.ts';

/**
 * 组织生活 (三会一课 and the other meetings): committees and 党小组 membership, meetings with their
 * types, 应到 snapshot rows and check-ins, versioned rule sets, and the computed compliance and
 * absence tables (recomputed from the records, never typed).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const lite = dialectOf(db) === 'sqlite';
  // Composite-key tables without a rowid on SQLite: one B-tree instead of table + index.
  const noRowid = (t: any) => (lite ? t.modifyEnd(sql`without rowid`) : t);

  await withId(db, db.schema.createTable('org_committee_member'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('member.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    /** null while serving; a past date once the term ended. */
    .addColumn('end_date', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('org_committee_org')
    .on('org_committee_member')
    .columns(['org_id', 'start_date'])
    .execute();

  await withId(db, db.schema.createTable('party_group_member'))
    .addColumn('group_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('member.id'))
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('party_group_member_group').on('party_group_member').columns(['group_id']).execute();
  await db.schema.createIndex('party_group_member_member').on('party_group_member').columns(['member_id']).execute();

  await withId(db, db.schema.createTable('meeting'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('held_at', 'text', (c) => c.notNull())
    /** Local date of held_at (Asia/Shanghai): what periods and streaks are judged by. */
    .addColumn('held_date', 'text', (c) => c.notNull())
    .addColumn('end_at', 'text')
    .addColumn('place', 'text')
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('host', 'text')
    .addColumn('recorder', 'text')
    .addColumn('lecturer', 'text')
    .addColumn('lecture_title', 'text')
    .addColumn('talk_mode', 'text')
    .addColumn('minutes_text', 'text')
    .addColumn('backdate_reason', 'text')
    .addColumn('void_reason', 'text')
    // Counts derived from meeting_attendee after every change (never typed).
    .addColumn('expected', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expected_voting', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('present', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('present_voting', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('leave_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('guest_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('checkin_state', 'text', (c) => c.notNull())
    .addColumn('checkin_code', 'text', (c) => c.unique())
    .addColumn('checkin_opened_at', 'text')
    .addColumn('checkin_closes_at', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meeting_org_date').on('meeting').columns(['org_id', 'held_date']).execute();
  await db.schema.createIndex('meeting_date').on('meeting').columns(['held_date', 'status']).execute();

  await noRowid(
    db.schema
      .createTable('meeting_type')
      .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meeting.id'))
      .addColumn('type', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('meeting_type_pk', ['meeting_id', 'type']),
  ).execute();

  // One row per person expected (应到, snapshot of the roster on the meeting date) or invited (列席).
  await noRowid(
    db.schema
      .createTable('meeting_attendee')
      .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meeting.id'))
      .addColumn('member_id', 'integer', (c) => c.notNull().references('member.id'))
      .addColumn('role', 'text', (c) => c.notNull())
      /** 1 for a 正式党员 on the meeting date (有表决权). */
      .addColumn('voting', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('via', 'text')
      .addColumn('at', 'text')
      .addColumn('by_user', 'integer')
      /** sha256 of the one-time code printed on the sign-in sheet (null until printed). */
      .addColumn('code_hash', 'text')
      .addPrimaryKeyConstraint('meeting_attendee_pk', ['meeting_id', 'member_id']),
  ).execute();
  // Covering for streaks and a member's history: (member, meeting, role, status) without the rows.
  await db.schema
    .createIndex('meeting_attendee_member')
    .on('meeting_attendee')
    .columns(['member_id', 'meeting_id', 'role', 'status'])
    .execute();

  await withId(db, db.schema.createTable('meeting_guest'))
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meeting.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meeting_guest_meeting').on('meeting_guest').column('meeting_id').execute();

  await withId(db, db.schema.createTable('meeting_resolution'))
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meeting.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('task_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meeting_resolution_meeting').on('meeting_resolution').column('meeting_id').execute();

  await withId(db, db.schema.createTable('meeting_attachment'))
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meeting.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('stored_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'integer', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meeting_attachment_meeting').on('meeting_attachment').column('meeting_id').execute();

  await withId(db, db.schema.createTable('orglife_rule_set'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull().unique())
    .addColumn('due_soon_days', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await withId(db, db.schema.createTable('orglife_rule'))
    .addColumn('rule_set_id', 'integer', (c) => c.notNull().references('orglife_rule_set.id'))
    .addColumn('org_type', 'text', (c) => c.notNull())
    .addColumn('meeting_type', 'text', (c) => c.notNull())
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('at_least', 'integer', (c) => c.notNull())
    .addColumn('min_full_members', 'integer', (c) => c.notNull())
    .addColumn('per_group', 'integer', (c) => c.notNull())
    .addColumn('quorum', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('orglife_rule_set_id').on('orglife_rule').column('rule_set_id').execute();

  await noRowid(
    db.schema
      .createTable('orglife_compliance')
      .addColumn('org_id', 'integer', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('period_start', 'text', (c) => c.notNull())
      .addColumn('period_end', 'text', (c) => c.notNull())
      .addColumn('required', 'integer', (c) => c.notNull())
      .addColumn('held', 'integer', (c) => c.notNull())
      .addColumn('below_quorum', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('rule_set_id', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('orglife_compliance_pk', ['org_id', 'type', 'period']),
  ).execute();
  await db.schema.createIndex('orglife_compliance_year').on('orglife_compliance').columns(['year', 'org_id']).execute();

  await db.schema
    .createTable('orglife_absence')
    .addColumn('member_id', 'integer', (c) => c.primaryKey())
    .addColumn('org_id', 'integer', (c) => c.notNull())
    .addColumn('months', 'integer', (c) => c.notNull())
    .addColumn('since_month', 'text')
    .addColumn('last_attended_date', 'text')
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('orglife_absence_org').on('orglife_absence').columns(['org_id', 'months']).execute();

  await withId(db, db.schema.createTable('orglife_case'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('member.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('since_month', 'text', (c) => c.notNull())
    .addColumn('months_at_open', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('opened_date', 'text', (c) => c.notNull())
    .addColumn('talk_date', 'text')
    .addColumn('talk_by', 'text')
    .addColumn('talk_content', 'text')
    .addColumn('notified_date', 'text')
    .addColumn('notify_method', 'text')
    .addColumn('notify_note', 'text')
    .addColumn('decision_meeting_id', 'integer')
    .addColumn('decision', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('decided_date', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('orglife_case_org').on('orglife_case').columns(['org_id', 'status']).execute();
  await db.schema
    .createIndex('orglife_case_member')
    .on('orglife_case')
    .columns(['member_id', 'since_month'])
    .unique()
    .execute();

  await withId(db, db.schema.createTable('appraisal'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decision_meeting_id', 'integer')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finalized_at', 'text')
    .execute();
  await db.schema.createIndex('appraisal_org_year').on('appraisal').columns(['org_id', 'year']).unique().execute();
  await noRowid(
    db.schema
      .createTable('appraisal_entry')
      .addColumn('appraisal_id', 'integer', (c) => c.notNull().references('appraisal.id'))
      .addColumn('member_id', 'integer', (c) => c.notNull().references('member.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('member_type', 'text', (c) => c.notNull())
      .addColumn('graded', 'integer', (c) => c.notNull())
      .addColumn('self_text', 'text')
      .addColumn('self_at', 'text')
      .addColumn('grade', 'text')
      .addColumn('note', 'text')
      .addColumn('rect_item_id', 'integer')
      .addPrimaryKeyConstraint('appraisal_entry_pk', ['appraisal_id', 'member_id']),
  ).execute();

  // The default rule set (data, frozen here as shipped): the 2018 支部工作条例 as quoted in
  // work-rules.md §2. Later versions are added through the API from a future date.
  const now = new Date().toISOString();
  const set = await db
    .insertInto('orglife_rule_set')
    .values({
      name: '默认规则(《中国共产党支部工作条例(试行)》2018年)',
      effective_from: '2018-10-28',
      due_soon_days: 7,
      note: '条文为二手转引(work-rules.md §2),条号以正式文本为准;各地可按本地实施细则新建版本。',
      created_by: null,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const T = '《中国共产党支部工作条例(试行)》(2018年)';
  const rules: [string, string, string, number, number, number, string, string][] = [
    [
      '党支部',
      '支部党员大会',
      'quarter',
      1,
      0,
      0,
      'voting_majority',
      `${T}第十五条(转引):"党员大会一般每季度召开1次";法定人数:有表决权的到会人数须超过应到会有表决权人数的半数(转引)。`,
    ],
    [
      '党支部',
      '支部委员会',
      'month',
      1,
      7,
      0,
      'half',
      `${T}第十五条(转引):"支部委员会会议一般每月召开1次";第二章(转引):"正式党员不足7人的党支部,不设支部委员会";须有半数以上委员到会。`,
    ],
    [
      '党支部',
      '党小组会',
      'month',
      1,
      0,
      1,
      'half',
      `${T}第十五条(转引):"党小组会一般每月召开1次"。按每个党小组计;未设党小组的支部不适用。`,
    ],
    [
      '党支部',
      '党课',
      'quarter',
      1,
      0,
      0,
      'half',
      `${T}未规定党课次数(第十六条转引:书记每年至少讲1次党课);默认取多地通行的"每季度至少1次",可按本地规定改为每半年。`,
    ],
    ['党支部', '主题党日', 'month', 1, 0, 0, 'half', `${T}第十六条(转引):"党支部应当每月相对固定1天开展主题党日"。`],
    [
      '党支部',
      '组织生活会',
      'year',
      1,
      0,
      0,
      'half',
      `${T}第十七条(转引):"组织生活会一般每年召开1次,一般安排在第四季度"。`,
    ],
    [
      '党支部',
      '民主评议党员',
      'year',
      1,
      0,
      0,
      'voting_majority',
      '共产党员网"民主评议党员"专题(转引):民主评议党员一般每年开展1次,由党员大会进行。',
    ],
    [
      '党总支',
      '支部党员大会',
      'half',
      1,
      0,
      0,
      'voting_majority',
      `${T}未规定党总支党员大会次数;默认取地方做法"每半年至少1次"(work-rules.md §2.3),可调整。`,
    ],
    [
      '党总支',
      '支部委员会',
      'month',
      1,
      0,
      0,
      'half',
      `参照${T}第十五条"支部委员会会议一般每月召开1次",适用于党总支委员会。`,
    ],
  ];
  await db
    .insertInto('orglife_rule')
    .values(
      rules.map(([org_type, meeting_type, frequency, at_least, min_full_members, per_group, quorum, source]) => ({
        rule_set_id: set.id,
        org_type,
        meeting_type,
        frequency,
        at_least,
        min_full_members,
        per_group,
        quorum,
        source,
      })),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'appraisal_entry',
    'appraisal',
    'orglife_case',
    'orglife_absence',
    'orglife_compliance',
    'orglife_rule',
    'orglife_rule_set',
    'meeting_attachment',
    'meeting_resolution',
    'meeting_guest',
    'meeting_attendee',
    'meeting_type',
    'meeting',
    'party_group_member',
    'org_committee_member',
  ])
    await db.schema.dropTable(t).execute();
}
