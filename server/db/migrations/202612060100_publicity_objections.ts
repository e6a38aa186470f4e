import { type Kysely, sql } from 'kysely';
import { withId } from '../dialect.ts';

/**
 * One objection table for every 公示 (年度综合考核, 标准化 grades, 表彰): `publicity_objection` keyed by
 * kind + posting + subject. The rows of assessment_objection, std_objection (its `changed` = the
 * objection upheld) and commend_objection move into it in the order they were raised, with the name
 * of what was objected to as it was posted; the three tables go. Row ids are new (the three tables'
 * ids overlapped); the audit chain keeps naming the old rows, as it must.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('publicity_objection'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('posting_id', 'integer', (c) => c.notNull())
    .addColumn('subject_id', 'integer', (c) => c.notNull())
    .addColumn('subject_name', 'text', (c) => c.notNull())
    .addColumn('org_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('upheld', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('answered_by', 'integer')
    .addColumn('answered_at', 'text')
    .execute();
  await db.schema
    .createIndex('publicity_objection_posting')
    .on('publicity_objection')
    .columns(['kind', 'posting_id', 'subject_id'])
    .execute();
  await sql`
    insert into publicity_objection
      (kind, posting_id, subject_id, subject_name, org_id, text, created_by, created_at, answer, upheld, answered_by, answered_at)
    select kind, posting_id, subject_id, subject_name, org_id, text, created_by, created_at, answer, upheld, answered_by, answered_at
    from (
      select 'assessment' as kind, x.assessment_id as posting_id, x.org_id as subject_id, o.name as subject_name,
             x.org_id, x.text, x.created_by, x.created_at, x.answer, x.upheld, x.answered_by, x.answered_at, 1 as src, x.id as old_id
      from assessment_objection x join org_unit o on o.id = x.org_id
      union all
      select 'standards', x.round_id, x.entry_id, o.name, e.org_id, x.text, x.created_by, x.created_at, x.answer,
             x.changed, x.answered_by, x.answered_at, 2, x.id
      from std_objection x join std_entry e on e.id = x.entry_id join org_unit o on o.id = e.org_id
      union all
      select 'commend', x.round_id, x.nomination_id, n.subject_name, n.org_id, x.text, x.created_by, x.created_at,
             x.answer, x.upheld, x.answered_by, x.answered_at, 3, x.id
      from commend_objection x join commend_nomination n on n.id = x.nomination_id
    ) moved
    order by created_at, src, old_id`.execute(db);
  for (const t of ['assessment_objection', 'std_objection', 'commend_objection'])
    await db.schema.dropTable(t).execute();
}

/** Back to three tables (the earlier migrations' `down` drop them), rows copied back by kind. */
export async function down(db: Kysely<any>): Promise<void> {
  const common = (t: ReturnType<Kysely<any>['schema']['createTable']>) =>
    t
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('created_by', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('answer', 'text');
  await common(
    withId(db, db.schema.createTable('assessment_objection'))
      .addColumn('assessment_id', 'integer', (c) => c.notNull().references('assessment.id'))
      .addColumn('org_id', 'integer', (c) => c.notNull())
      .addColumn('org_path', 'text', (c) => c.notNull()),
  )
    .addColumn('upheld', 'integer', (c) => c.notNull())
    .addColumn('answered_by', 'integer')
    .addColumn('answered_at', 'text')
    .execute();
  await common(
    withId(db, db.schema.createTable('std_objection'))
      .addColumn('round_id', 'integer', (c) => c.notNull().references('std_round.id'))
      .addColumn('entry_id', 'integer', (c) => c.notNull().references('std_entry.id')),
  )
    .addColumn('changed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('answered_by', 'integer')
    .addColumn('answered_at', 'text')
    .execute();
  await db.schema.createIndex('std_objection_round').on('std_objection').column('round_id').execute();
  await common(
    withId(db, db.schema.createTable('commend_objection'))
      .addColumn('round_id', 'integer', (c) => c.notNull().references('commend_round.id'))
      .addColumn('nomination_id', 'integer', (c) => c.notNull().references('commend_nomination.id')),
  )
    .addColumn('upheld', 'integer', (c) => c.notNull())
    .addColumn('answered_by', 'integer')
    .addColumn('answered_at', 'text')
    .execute();
  await sql`
    insert into assessment_objection (assessment_id, org_id, org_path, text, created_by, created_at, answer, upheld, answered_by, answered_at)
    select x.posting_id, x.org_id, o.path, x.text, x.created_by, x.created_at, x.answer, x.upheld, x.answered_by, x.answered_at
    from publicity_objection x join org_unit o on o.id = x.org_id where x.kind = 'assessment' order by x.id`.execute(
    db,
  );
  await sql`
    insert into std_objection (round_id, entry_id, text, created_by, created_at, answer, changed, answered_by, answered_at)
    select posting_id, subject_id, text, created_by, created_at, answer, upheld, answered_by, answered_at
    from publicity_objection where kind = 'standards' order by id`.execute(db);
  await sql`
    insert into commend_objection (round_id, nomination_id, text, created_by, created_at, answer, upheld, answered_by, answered_at)
    select posting_id, subject_id, text, created_by, created_at, answer, upheld, answered_by, answered_at
    from publicity_objection where kind = 'commend' order by id`.execute(db);
  await db.schema.dropTable('publicity_objection').execute();
}
