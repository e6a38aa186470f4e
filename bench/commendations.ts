/**
 * 评选表彰 at county scale: 30 towns × 100 members nominated (3,000 nominations in one round, the
 * worst case of a 优秀党员 share). Prints, in the same run, the round's detail (quotas + every
 * nomination, the county's view) and a town's view over HTTP beside a bare Fastify route and a plain
 * SQL select of the same rows, and the time of the 表彰名单 .docx / .xlsx.
 *   Run: npx tsx bench/commendations.ts   [DATABASE_URL=postgres://… to run on PostgreSQL too]
 */
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { connect } from '../server/db/connect.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { insertMember, insertOrg, insertUser, PASSWORD } from '../server/test/fixtures.ts';
import { bareBase, benchDatabaseUrl, fmt, latency, printLatencyTable, request, stats } from './lib.ts';

const TOWNS = 30;
const PER_TOWN = 100;

async function run(label: string, pgBase?: string) {
  const { url, drop } = await benchDatabaseUrl(pgBase);
  const database = await connect(url);
  await migrateToLatest(database);
  const db = database.db;
  const county = await insertOrg(db, { code: 'C', name: '示范县委', type: '党委', parentId: null });
  const now = new Date().toISOString();
  const { id: round } = await db
    .insertInto('commend_round')
    .values({
      owner_org_id: county,
      year: 2025,
      level: '县委',
      name: '2025年度表彰',
      quotas_json: JSON.stringify([{ category: '优秀党员', count: null, percent: 5 }]),
      quota_mode: '严格',
      deadline_date: null,
      objection_days: 5,
      status: '推荐中',
      publicity_start_date: null,
      publicity_end_date: null,
      doc_no: null,
      published_at: null,
      created_by: null,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const towns: { id: number; path: string }[] = [];
  await db.transaction().execute(async (trx) => {
    for (let t = 0; t < TOWNS; t++) {
      const town = await insertOrg(trx, { code: `T${t}`, name: `第${t + 1}镇党委`, type: '党委', parentId: county });
      const branch = await insertOrg(trx, {
        code: `T${t}B`,
        name: `第${t + 1}镇机关支部`,
        type: '党支部',
        parentId: town,
      });
      const { path } = await trx.selectFrom('org_unit').select('path').where('id', '=', town).executeTakeFirstOrThrow();
      towns.push({ id: town, path });
      const rows = [];
      for (let i = 0; i < PER_TOWN; i++) {
        const m = await insertMember(trx, {
          name: `党员${t}-${i}`,
          orgId: branch,
          seq: i + 1,
          birth: `${1960 + t}-05-06`,
          gender: i % 2 ? '女' : '男',
        });
        rows.push({
          round_id: round,
          category: '优秀党员' as const,
          org_id: town,
          org_path: path,
          subject_org_id: null,
          member_id: m,
          subject_name: `党员${t}-${i}`,
          subject_unit: `第${t + 1}镇机关支部`,
          deeds: '带头创办茶叶专业合作社,带动120户群众增收;防汛抢险中连续奋战72小时,转移群众46人。'.repeat(3),
          opinion: '经党委会议研究,同意推荐。',
          file_name: null,
          stored_name: null,
          status: (i % 2 ? '已审定' : '已审核') as '已审定' | '已审核',
          return_reason: null,
          submitted_at: now,
          reviewed_by: null,
          reviewed_at: now,
          approved_by: null,
          approved_at: i % 2 ? now : null,
          created_by: null,
          created_at: now,
          updated_at: now,
        });
      }
      await trx.insertInto('commend_nomination').values(rows).execute();
    }
  });
  await insertUser(db, { username: 'bench-county', role: 'org_admin', scopeOrgId: county });
  await insertUser(db, { username: 'bench-town', role: 'unit_admin', scopeOrgId: towns[0].id });
  const app = await buildApp({ config: loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' }), database });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as any).port}`;
  const login = async (u: string) => {
    const r = await request(base, '/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: u, password: PASSWORD }),
    });
    return String(r.headers['set-cookie']).split(';')[0];
  };
  const cc = await login('bench-county');
  const tc = await login('bench-town');
  const bare = await bareBase();
  const rows: [string, Awaited<ReturnType<typeof latency>>][] = [];
  rows.push(['bare Fastify route', await latency(bare.base, () => '/bare', {}, 100, 10)]);
  rows.push([
    `round detail, county (${TOWNS * PER_TOWN} nom.)`,
    await latency(base, () => `/api/commend-rounds/${round}`, { cookie: cc }, 40, 5),
  ]);
  rows.push([
    `round detail, one town (${PER_TOWN})`,
    await latency(base, () => `/api/commend-rounds/${round}`, { cookie: tc }, 100, 10),
  ]);
  printLatencyTable(label, rows);
  const sqlMs: number[] = [];
  for (let i = 0; i < 20; i++) {
    const s0 = performance.now();
    await db.selectFrom('commend_nomination').selectAll().where('round_id', '=', round).execute();
    sqlMs.push(performance.now() - s0);
  }
  console.log(`[${label}] plain SQL select of the same ${TOWNS * PER_TOWN} rows: p50 ${fmt(stats(sqlMs).p50)} ms`);
  for (const f of ['list.docx', 'list.xlsx']) {
    const s0 = performance.now();
    const r = await request(base, `/api/commend-rounds/${round}/${f}`, { headers: { cookie: cc } });
    if (r.status !== 200) throw new Error(`${f} → ${r.status}`);
    console.log(`[${label}] 表彰名单 ${f} (${(TOWNS * PER_TOWN) / 2} 审定): ${fmt(performance.now() - s0)} ms`);
  }
  await bare.close();
  await app.close();
  await database.db.destroy();
  await drop();
}

await run('sqlite');
if (process.env.DATABASE_URL?.startsWith('postgres')) await run('postgres', process.env.DATABASE_URL);
process.exit(0);
