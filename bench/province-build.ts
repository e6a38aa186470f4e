/**
 * Builds the province of bench/province.ts into a PostgreSQL database with set-based INSERT … SELECT
 * over generate_series (no COPY client is installed): 1 province, 100 counties × 15 townships ×
 * 199 branches ≈ 300,000 org nodes, 5,000,000 members, 2,000,000 tasks with their task–unit links.
 * `scale` shrinks the members and tasks (0.2 → 1,000,000 / 400,000); the org tree is always full.
 * Secondary indexes and the org_path trigger are off during the load and rebuilt after (an index
 * per row during a 5M-row load costs several times the load itself).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../server/db/schema.ts';
import { rebuildTaskCounts } from '../server/db/task-counts.ts';
import { rebuildMemberCounts } from '../server/modules/members/counts.ts';

export const COUNTIES = 100;
export const TOWNS = 15;
export const BRANCHES = 199;
export const TODAY = '2026-11-25';
export const townIndexBase = 2 + COUNTIES;
export const branchIdBase = townIndexBase + COUNTIES * TOWNS;
const nodes = branchIdBase + COUNTIES * TOWNS * BRANCHES - 1;

/** Surnames and given-name characters with their pinyin: names, pinyin and initials come out consistent. */
const SURNAMES: [string, string][] = [
  ['王', 'wang'],
  ['李', 'li'],
  ['张', 'zhang'],
  ['刘', 'liu'],
  ['陈', 'chen'],
  ['杨', 'yang'],
  ['黄', 'huang'],
  ['赵', 'zhao'],
  ['吴', 'wu'],
  ['周', 'zhou'],
  ['徐', 'xu'],
  ['孙', 'sun'],
  ['马', 'ma'],
  ['朱', 'zhu'],
  ['胡', 'hu'],
  ['郭', 'guo'],
  ['何', 'he'],
  ['林', 'lin'],
  ['罗', 'luo'],
  ['高', 'gao'],
];
const GIVEN: [string, string][] = [
  ['伟', 'wei'],
  ['芳', 'fang'],
  ['娜', 'na'],
  ['敏', 'min'],
  ['静', 'jing'],
  ['丽', 'li'],
  ['强', 'qiang'],
  ['磊', 'lei'],
  ['军', 'jun'],
  ['洋', 'yang'],
  ['勇', 'yong'],
  ['艳', 'yan'],
  ['杰', 'jie'],
  ['涛', 'tao'],
  ['明', 'ming'],
  ['超', 'chao'],
  ['秀', 'xiu'],
  ['霞', 'xia'],
  ['平', 'ping'],
  ['刚', 'gang'],
  ['华', 'hua'],
  ['建', 'jian'],
  ['国', 'guo'],
  ['红', 'hong'],
  ['文', 'wen'],
  ['春', 'chun'],
  ['海', 'hai'],
  ['斌', 'bin'],
  ['玉', 'yu'],
  ['兰', 'lan'],
];
const arr = (xs: string[]) => sql`(array[${sql.join(xs.map((x) => sql.lit(x)))}]::text[])`;

async function step(label: string, fn: () => Promise<unknown>) {
  const t0 = Date.now();
  await fn();
  console.log(`  ${label}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/** Loads the province into an empty, migrated database. */
export async function buildProvince(db: Kysely<DB>, scale: number) {
  const members = Math.round(5_000_000 * scale);
  const tasks = Math.round(2_000_000 * scale);
  const now = `${TODAY}T01:00:00.000Z`;
  const heavy = ['member', 'task', 'task_org', 'org_unit'];
  // Kept in a setting, so that a build interrupted after the drop still rebuilds every index.
  const saved = await db
    .selectFrom('setting')
    .select('value')
    .where('key', '=', 'bench.province.indexes')
    .executeTakeFirst();
  const defs: { indexdef: string; indexname: string }[] = saved
    ? JSON.parse(saved.value)
    : (
        await sql<{ indexdef: string; indexname: string }>`select indexname, indexdef from pg_indexes
          where tablename in (${sql.join(heavy)}) and indexname not in
          (select conname from pg_constraint where contype in ('p', 'u'))`.execute(db)
      ).rows;
  if (!saved)
    await db
      .insertInto('setting')
      .values({ key: 'bench.province.indexes', value: JSON.stringify(defs), updated_at: now })
      .execute();
  for (const d of defs) await sql.raw(`drop index if exists ${d.indexname}`).execute(db);
  await sql`alter table member disable trigger user`.execute(db);
  await sql`alter table org_unit disable trigger user`.execute(db);
  await sql`alter table task_org disable trigger user`.execute(db);
  await sql`set synchronous_commit = off`.execute(db);

  const have = async (t: 'org_unit' | 'member' | 'task') =>
    Number((await sql<{ n: number }>`select coalesce(max(id), 0) as n from ${sql.table(t)}`.execute(db)).rows[0].n);
  // Each step resumes where an interrupted build stopped (ids are assigned here, in order).
  if (!(await have('org_unit')))
    await step(`org tree (${nodes} nodes)`, async () => {
      await sql`insert into org_unit (id, code, name, short_name, type, parent_id, path, depth, sort_order, status, created_at, updated_at)
      values (1, 'P', '某省委', null, '党委', null, '/1/', 0, 0, '正常', ${now}, ${now})`.execute(db);
      await sql`insert into org_unit (id, code, name, short_name, type, parent_id, path, depth, sort_order, status, created_at, updated_at)
      select 2 + c, 'C' || c, '第' || (c + 1) || '县委', null, '党委', 1, '/1/' || (2 + c) || '/', 1, c, '正常', ${now}, ${now}
      from generate_series(0, ${COUNTIES - 1}) c`.execute(db);
      await sql`insert into org_unit (id, code, name, short_name, type, parent_id, path, depth, sort_order, status, created_at, updated_at)
      select ${townIndexBase} + k, 'T' || k, '第' || (k / ${TOWNS} + 1) || '县第' || (k % ${TOWNS} + 1) || '镇党委', null, '党委',
        2 + k / ${TOWNS}, '/1/' || (2 + k / ${TOWNS}) || '/' || (${townIndexBase} + k) || '/', 2, k % ${TOWNS}, '正常', ${now}, ${now}
      from generate_series(0, ${COUNTIES * TOWNS - 1}) k`.execute(db);
      await sql`insert into org_unit (id, code, name, short_name, type, parent_id, path, depth, sort_order, status, created_at, updated_at)
      select ${branchIdBase} + b, 'B' || b, '第' || (b % ${BRANCHES} + 1) || '村党支部', null, '党支部',
        ${townIndexBase} + b / ${BRANCHES},
        '/1/' || (2 + b / ${BRANCHES} / ${TOWNS}) || '/' || (${townIndexBase} + b / ${BRANCHES}) || '/' || (${branchIdBase} + b) || '/',
        3, b % ${BRANCHES}, '正常', ${now}, ${now}
      from generate_series(0, ${COUNTIES * TOWNS * BRANCHES - 1}) b`.execute(db);
    });

  const sn = arr(SURNAMES.map((s) => s[0]));
  const sp = arr(SURNAMES.map((s) => s[1]));
  const gn = arr(GIVEN.map((s) => s[0]));
  const gp = arr(GIVEN.map((s) => s[1]));
  const branches = COUNTIES * TOWNS * BRANCHES;
  const BATCH = 250_000;
  await step(`${members} members`, async () => {
    for (let lo = (await have('member')) + 1; lo <= members; lo += BATCH) {
      const hi = Math.min(members, lo + BATCH - 1);
      // Member i sits in branch (i mod branches): each branch's members are spread over the id range.
      await sql`insert into member (id, name, name_initials, name_pinyin, gender, ethnicity, birth_date, id_number, id_last4,
          phone, education, org_id, org_path, join_date, full_date, member_type, category, status, created_at, updated_at)
        select i, ${sn}[1 + i % 20] || ${gn}[1 + (i / 20) % 30] || ${gn}[1 + (i / 600) % 30],
          left(${sp}[1 + i % 20], 1) || left(${gp}[1 + (i / 20) % 30], 1) || left(${gp}[1 + (i / 600) % 30], 1),
          ${sp}[1 + i % 20] || ${gp}[1 + (i / 20) % 30] || ${gp}[1 + (i / 600) % 30],
          case when i % 3 = 0 then '女' else '男' end, '汉族', '1970-01-01', 'P' || lpad(i::text, 17, '0'), lpad((i % 10000)::text, 4, '0'),
          null, '大学本科', ${branchIdBase} + b,
          '/1/' || (2 + b / ${BRANCHES} / ${TOWNS}) || '/' || (${townIndexBase} + b / ${BRANCHES}) || '/' || (${branchIdBase} + b) || '/',
          '2000-07-01', '2001-07-01', case when i % 25 = 0 then '预备' else '正式' end, '在职',
          case when i % 50 = 0 then '已转出' else '正常' end, ${now}, ${now}
        from (select i, i % ${branches} as b from generate_series(${lo}::int, ${hi}::int) i) g`.execute(db);
    }
  });

  await step(`${tasks} tasks + links`, async () => {
    for (let lo = (await have('task')) + 1; lo <= tasks; lo += BATCH) {
      const hi = Math.min(tasks, lo + BATCH - 1);
      // Lead unit: a pseudo-random node of the whole tree (hash of i), so every scope has tasks.
      await sql`insert into task (id, document_id, passage_start, passage_end, parent_id, text, lead_org_id, leader, due_date,
          deadline_text, targets_json, priority, key_project, report_cycle, status, progress, issued_date, accepted_date,
          last_report_date, closed_at, light, light_reasons, created_by, created_at, updated_at)
        select i, null, null, null, null, '第' || i || '项重点工作:推进基层党建与乡村振兴任务落实', 1 + (i::bigint * 7919) % ${nodes}, null,
          case when i % 10 = 0 then null else (${TODAY}::date + (i % 150 - 60))::text end, null, '[]', '一般',
          case when i % 200 = 0 then 1 else 0 end, (array['none', 'weekly', 'monthly'])[1 + i % 3],
          s, case when s = 'done' then 100 else i % 101 end, (${TODAY}::date - (i % 120))::text,
          case when s = 'pending' then null else (${TODAY}::date - (i % 120))::text end, null, null,
          case when s in ('pending', 'doing') and i % 10 <> 0 and i % 150 < 60 then 'red'
               when s <> 'done' and i % 10 <> 0 and i % 150 < 65 then 'yellow' else 'green' end,
          '[]', 1, ${now}, ${now}
        from (select i, (array['pending', 'doing', 'doing', 'doing', 'requested', 'done', 'done'])[1 + (i / 3) % 7] as s
              from generate_series(${lo}::int, ${hi}::int) i) g`.execute(db);
      await sql`insert into task_org (task_id, org_id, role, org_path, status, light, due_date)
        select l.task_id, l.org_id, l.role, o.path, l.status, l.light, l.due_date from (
          select id as task_id, lead_org_id as org_id, 'lead' as role, status, light, due_date from task
            where id between ${lo} and ${hi}
          union all
          select id, 1 + (id::bigint * 104729) % ${nodes}, 'co', status, light, due_date from task
            where id between ${lo} and ${hi} and id % 3 = 0 and 1 + (id::bigint * 104729) % ${nodes} <> lead_org_id
        ) l join org_unit o on o.id = l.org_id`.execute(db);
    }
  });

  await step('indexes', async () => {
    await sql`set maintenance_work_mem = '256MB'`.execute(db);
    for (const d of defs)
      await sql.raw(d.indexdef.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX IF NOT EXISTS ')).execute(db);
  });
  await sql`alter table member enable trigger user`.execute(db);
  await sql`alter table org_unit enable trigger user`.execute(db);
  await sql`alter table task_org enable trigger user`.execute(db);
  // The 工作台 counters (task_count) were not kept during the load (task_org's triggers were off):
  // today's overdue verdicts, then every counter, set-based.
  await sql`select set_config('luoshi.defer_counts', 'on', false)`.execute(db);
  await sql`update task set overdue = 1 where status in ('pending', 'doing') and due_date < ${TODAY}`.execute(db);
  await sql`select set_config('luoshi.defer_counts', 'off', false)`.execute(db);
  await step('task counters', () => rebuildTaskCounts(db, 'postgres'));
  // The member counters' triggers were off too: count them once from the rows loaded.
  await step('member counts', () => rebuildMemberCounts({ db, dialect: 'postgres' }));
  for (const t of ['org_unit', 'member', 'task'])
    await sql.raw(`select setval(pg_get_serial_sequence('${t}', 'id'), (select max(id) from ${t}))`).execute(db);
  // The lights above stand for today's: the first request must not recompute two million of them.
  await sql`insert into setting (key, value, updated_at) values ('traffic.lights_date', ${JSON.stringify(TODAY)}, ${now})
    on conflict (key) do update set value = excluded.value`.execute(db);
  await step('vacuum analyze', () => sql`vacuum analyze`.execute(db));
  return { nodes, members, tasks };
}
