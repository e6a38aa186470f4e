/**
 * Migration 202612060100_publicity_objections on a database that already holds objections in the three
 * old tables (年度综合考核, 标准化, 表彰): every row moves into publicity_objection in the order raised,
 * answers and verdicts kept (std_objection.changed → upheld), the names as posted; the old tables go;
 * and the modules read the moved rows through their unchanged API paths.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { ManualClock } from '../lib/clock.ts';
import { as, seedCounty } from '../test/fixtures.ts';
import { freshDatabaseUrl } from '../test/harness.ts';
import { connect } from './connect.ts';
import { migrateTo } from './migrate.ts';

const { url, drop } = await freshDatabaseUrl();
const database = await connect(url);
const anchorDir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-anchor-'));
afterAll(async () => {
  await database.close();
  await drop();
  fs.rmSync(anchorDir, { recursive: true, force: true });
});

it('moves the objections of the three 公示 into one table, data kept, and the modules read them', async () => {
  await migrateTo(database, '202612050200_projects');
  const c = await seedCounty(database.db);
  // the tables as they were: not in today's DB type
  const db = database.db as unknown as Kysely<any>;
  const at = (d: number) => `2026-12-0${d}T02:00:00.000Z`;
  const add = async (table: string, values: Record<string, unknown>) =>
    (await db.insertInto(table).values(values).returning('id').executeTakeFirstOrThrow()).id as number;
  const window = { publicity_start_date: '2026-12-01', publicity_end_date: '2026-12-07', objection_days: 5 };
  const assessment = await add('assessment', {
    owner_org_id: c.orgs.county,
    year: 2026,
    name: '2026年度综合考核',
    parts_json: '[]',
    excellent_percent: 20,
    good_percent: 30,
    bonus_cap: 3,
    bonus_percent: 30,
    status: '公示中',
    created_at: at(1),
    ...window,
  });
  for (const [org_id, org_path] of [
    [c.orgs.townA, `/${c.orgs.county}/${c.orgs.townA}/`],
    [c.orgs.townB, `/${c.orgs.county}/${c.orgs.townB}/`],
  ] as const)
    await db
      .insertInto('assessment_unit')
      .values({ assessment_id: assessment, org_id, org_path, bonus: 0, deduction: 0, vetoed: 0 })
      .execute();
  const manual = await add('std_manual', {
    family_id: 1,
    version: 1,
    name: '手册',
    scheme: '百分制',
    total_points: 100,
    bonus_points: 0,
    content_json: '{}',
    created_at: at(1),
    updated_at: at(1),
  });
  const round = await add('std_round', {
    manual_id: manual,
    year: 2026,
    name: '2026年度标准化考评',
    owner_org_id: c.orgs.county,
    owner_path: `/${c.orgs.county}/`,
    status: '公示中',
    self_weight: 30,
    superior_weight: 70,
    self_due_date: '2026-11-10',
    review_due_date: '2026-11-20',
    created_by: c.users.zzb,
    created_at: at(1),
    updated_at: at(1),
    ...window,
  });
  const entry = await add('std_entry', {
    round_id: round,
    org_id: c.orgs.a2,
    org_path: `/${c.orgs.county}/${c.orgs.townA}/${c.orgs.a2}/`,
    status: '已审定',
    total: 72,
    grade: '中间',
    updated_at: at(1),
  });
  const commendRound = await add('commend_round', {
    owner_org_id: c.orgs.county,
    year: 2026,
    level: '县委',
    name: '2026年度表彰',
    quotas_json: '[]',
    quota_mode: '提醒',
    status: '公示中',
    created_at: at(1),
    ...window,
  });
  const nomination = await add('commend_nomination', {
    round_id: commendRound,
    category: '优秀党员',
    org_id: c.orgs.townA,
    org_path: `/${c.orgs.county}/${c.orgs.townA}/`,
    member_id: c.members.mA1,
    subject_name: '张三明',
    subject_unit: '甲镇东村党支部',
    deeds: '事迹',
    status: '已撤销',
    created_at: at(1),
    updated_at: at(1),
  });
  const answered = { answered_by: c.users.zzb, answered_at: at(6) };
  await add('assessment_objection', {
    assessment_id: assessment,
    org_id: c.orgs.townB,
    org_path: `/${c.orgs.county}/${c.orgs.townB}/`,
    text: '乙镇12月投资漏报',
    created_by: c.users.townB,
    created_at: at(4),
    answer: null,
    upheld: 0,
  });
  await add('std_objection', {
    round_id: round,
    entry_id: entry,
    text: '西村组织生活会已召开',
    created_by: c.users.townA,
    created_at: at(2),
    answer: '属实,已更正',
    changed: 1,
    ...answered,
  });
  await add('commend_objection', {
    round_id: commendRound,
    nomination_id: nomination,
    text: '事迹数据不实',
    created_by: c.users.townA,
    created_at: at(3),
    answer: '属实,撤销推荐',
    upheld: 1,
    ...answered,
  });

  const anchor = path.join(anchorDir, 'audit-anchor.json');
  const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', LUOSHI_AUDIT_ANCHOR: anchor });
  // the day after the windows: only the open objection stands between the assessment and publication
  const clock = new ManualClock('2026-12-08T02:00:00.000Z');
  const app = await buildApp({ config, database, clock, checkResponses: true }); // migrates to the latest
  try {
    const rows = await database.db.selectFrom('publicity_objection').selectAll().orderBy('id').execute();
    expect(rows.map(({ id: _, ...r }) => r)).toEqual([
      {
        kind: 'standards',
        posting_id: round,
        subject_id: entry,
        subject_name: '甲镇西村党支部',
        org_id: c.orgs.a2,
        text: '西村组织生活会已召开',
        created_by: c.users.townA,
        created_at: at(2),
        answer: '属实,已更正',
        upheld: 1,
        ...answered,
      },
      {
        kind: 'commend',
        posting_id: commendRound,
        subject_id: nomination,
        subject_name: '张三明',
        org_id: c.orgs.townA,
        text: '事迹数据不实',
        created_by: c.users.townA,
        created_at: at(3),
        answer: '属实,撤销推荐',
        upheld: 1,
        ...answered,
      },
      {
        kind: 'assessment',
        posting_id: assessment,
        subject_id: c.orgs.townB,
        subject_name: '乙镇党委',
        org_id: c.orgs.townB,
        text: '乙镇12月投资漏报',
        created_by: c.users.townB,
        created_at: at(4),
        answer: null,
        upheld: 0,
        answered_by: null,
        answered_at: null,
      },
    ]);
    for (const t of ['assessment_objection', 'std_objection', 'commend_objection'])
      await expect(sql.raw(`select count(*) from ${t}`).execute(db)).rejects.toThrow();

    const zzb = await as(app, 'zzb');
    const std = await zzb.get(`/api/standards/rounds/${round}/objections`);
    expect(std.body.items).toMatchObject([
      { orgId: c.orgs.a2, orgName: '甲镇西村党支部', changed: true, upheld: true },
    ]);
    const com = await zzb.get(`/api/commend-rounds/${commendRound}/objections`);
    expect(com.body.items).toMatchObject([{ nominationId: nomination, subjectName: '张三明', category: '优秀党员' }]);
    // the open one still blocks publication; town A does not see town B's
    expect((await zzb.post(`/api/assessments/${assessment}/publish`)).body.code).toBe('OBJECTIONS_OPEN');
    const townA = await as(app, 'town-a');
    expect((await townA.get(`/api/assessments/${assessment}/objections`)).status).toBe(200);
    expect((await townA.get(`/api/assessments/${assessment}/objections`)).body.items).toEqual([]);
    expect((await zzb.get(`/api/assessments/${assessment}/objections`)).body.items).toMatchObject([
      { orgId: c.orgs.townB, answer: null, upheld: false },
    ]);
  } finally {
    await app.close();
  }
});
