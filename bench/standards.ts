/**
 * 标准化 at county scale: `npx tsx bench/standards.ts` (SQLite; also PostgreSQL when DATABASE_URL
 * names one).
 *   1. Scoring a county round: 250 branches × 60 items — every branch saves and submits its
 *      self-assessment, its township reviews it, 组织部 approves it (the services, with their
 *      validation, audit rows and transactions), then one grading — beside plain SQL writing the
 *      same 15,000 score rows and 250 entry updates in one transaction.
 *   2. The ranking page (GET /api/standards/rounds/:id/results, 250 rows) p50/p95 over HTTP, beside
 *      a bare Fastify route and the plain SQL query over the same rows.
 */
import type { ManualBody } from '../common/contracts/standards.ts';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import type { Ctx } from '../server/context.ts';
import { connect } from '../server/db/connect.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { ManualClock } from '../server/lib/clock.ts';
import type { Actor } from '../server/lib/scope.ts';
import { grade } from '../server/modules/standards/grading.service.ts';
import * as manuals from '../server/modules/standards/manuals.service.ts';
import * as rounds from '../server/modules/standards/rounds.service.ts';
import { approve, review, saveSelf } from '../server/modules/standards/sheet.service.ts';
import { insertOrg, insertUser, PASSWORD } from '../server/test/fixtures.ts';
import { bareBase, benchDatabaseUrl, latency, printLatencyTable, request, stats } from './lib.ts';

const BRANCHES = 250;
const TOWNS = 10;

function benchManual(): ManualBody {
  return {
    name: '基准测试手册',
    scheme: '标准化',
    totalPoints: 120,
    bonusPoints: 0,
    dimensions: Array.from({ length: 6 }, (_, d) => ({
      name: `维度${d + 1}`,
      points: 20,
      items: Array.from({ length: 10 }, (_, i) => ({
        code: `D${d + 1}-${i + 1}`,
        title: `项目${i + 1}`,
        criterion: '按规定落实,少一次扣 1 分',
        maxPoints: 2,
        method: 'deduct' as const,
        perOccurrence: 1,
        floor: 0,
        evidence: ['台账'],
      })),
    })),
    bands: [
      { grade: '先进', minScore: 110, quotaPercent: 30, quotaMode: 'warn', vetoBlocks: true },
      { grade: '中间', minScore: 90, quotaPercent: null, quotaMode: 'warn', vetoBlocks: false },
      { grade: '后进', minScore: 0, quotaPercent: null, quotaMode: 'warn', vetoBlocks: false, rectify: true },
    ],
  };
}

async function run(label: string, pgBase?: string) {
  const { url, drop } = await benchDatabaseUrl(pgBase);
  const database = await connect(url);
  await migrateToLatest(database);
  const db = database.db;
  const clock = new ManualClock('2026-12-01T02:00:00.000Z');
  const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' });
  const ctx: Ctx = { config, database, db, dialect: database.dialect, clock };
  const county = await insertOrg(db, { code: 'C', name: '基准县委', type: '党委', parentId: null });
  const towns: number[] = [];
  for (let t = 0; t < TOWNS; t++)
    towns.push(await insertOrg(db, { code: `T${t}`, name: `镇${t}`, type: '党委', parentId: county }));
  const branches: number[] = [];
  for (let b = 0; b < BRANCHES; b++)
    branches.push(
      await insertOrg(db, {
        code: `T${b % TOWNS}-${b}`,
        name: `村${b}党支部`,
        type: '党支部',
        parentId: towns[b % TOWNS],
      }),
    );
  const zzbId = await insertUser(db, { username: 'bench-zzb', role: 'org_admin', scopeOrgId: county });
  const paths = new Map((await db.selectFrom('org_unit').select(['id', 'path']).execute()).map((o) => [o.id, o.path]));
  const actor = (userId: number, scope: number, role: Actor['role']): Actor => ({
    userId,
    username: `u${scope}`,
    displayName: `u${scope}`,
    role,
    scopeOrgId: scope,
    scopePath: paths.get(scope) ?? '/',
    memberId: null,
    ip: null,
  });
  const zzb = actor(zzbId, county, 'org_admin');
  const m = await manuals.create(ctx, zzb, benchManual());
  const { id: roundId } = await rounds.create(ctx, zzb, {
    manualId: m.id,
    year: 2026,
    name: '基准考评',
    selfWeight: 40,
    superiorWeight: 60,
    selfDueDate: '2026-12-10',
    reviewDueDate: '2026-12-20',
    objectionDays: 5,
  });
  const entries = await db.selectFrom('std_entry').select(['id', 'org_id']).where('round_id', '=', roundId).execute();
  const items = benchManual().dimensions.flatMap((d) => d.items);
  const sheetOf = (k: number) =>
    items.map((it, i) => ({
      code: it.code,
      points: (i + k) % 7 === 0 ? 1 : 2,
      evidence: [{ type: '台账', note: '已归档' }],
    }));

  // 1. Scoring through the services.
  const t0 = performance.now();
  for (const [k, e] of entries.entries())
    await saveSelf(ctx, actor(1, e.org_id, 'unit_admin'), e.id, { items: sheetOf(k), submit: true });
  const tSelf = performance.now();
  for (const [k, e] of entries.entries()) {
    const town = towns[branches.indexOf(e.org_id) % TOWNS];
    await review(ctx, actor(1, town, 'unit_admin'), e.id, {
      items: [{ code: items[k % 60].code, points: 0, comment: '扣分' }],
    });
  }
  const tReview = performance.now();
  for (const e of entries) await approve(ctx, zzb, e.id);
  const tApprove = performance.now();
  await grade(ctx, zzb, roundId);
  const tGrade = performance.now();

  // 1b. Plain SQL: the same score rows and entry updates, one transaction, no validation.
  const plainRound = await rounds.create(ctx, zzb, {
    manualId: m.id,
    year: 2026,
    name: '对照',
    selfWeight: 40,
    superiorWeight: 60,
    selfDueDate: '2026-12-10',
    reviewDueDate: '2026-12-20',
    objectionDays: 5,
  });
  const plainEntries = await db.selectFrom('std_entry').select(['id']).where('round_id', '=', plainRound.id).execute();
  const p0 = performance.now();
  await db.transaction().execute(async (trx) => {
    for (const [k, e] of plainEntries.entries()) {
      await trx
        .insertInto('std_score')
        .values(
          sheetOf(k).map((x) => ({
            entry_id: e.id,
            code: x.code,
            self_points: x.points,
            self_note: null,
            evidence_json: JSON.stringify(x.evidence),
            auto_json: null,
            override_reason: null,
            superior_points: x.points,
            superior_comment: null,
            returned: 0,
          })),
        )
        .execute();
      await trx
        .updateTable('std_entry')
        .set({ status: '已审定', self_score: 110, superior_score: 108, total: 108.8 })
        .where('id', '=', e.id)
        .execute();
    }
  });
  const p1 = performance.now();
  console.log(`[${label}] scoring a county round: ${entries.length} branches × ${items.length} items`);
  console.log(
    `  自评 save+submit      ${(tSelf - t0).toFixed(0).padStart(7)} ms  (${((tSelf - t0) / entries.length).toFixed(1)} ms per branch)`,
  );
  console.log(`  初核                  ${(tReview - tSelf).toFixed(0).padStart(7)} ms`);
  console.log(`  审定                  ${(tApprove - tReview).toFixed(0).padStart(7)} ms`);
  console.log(`  grading               ${(tGrade - tApprove).toFixed(0).padStart(7)} ms`);
  console.log(`  whole workflow        ${(tGrade - t0).toFixed(0).padStart(7)} ms`);
  console.log(`  plain SQL, same rows  ${(p1 - p0).toFixed(0).padStart(7)} ms  (one transaction, no checks, no audit)`);

  // 2. The ranking page over HTTP.
  await insertUser(db, { username: 'bench-rank', role: 'org_admin', scopeOrgId: county });
  const app = await buildApp({ config, database, clock });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as any).port}`;
  const login = await request(base, '/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench-rank', password: PASSWORD }),
  });
  const cookie = String(login.headers['set-cookie']?.[0] ?? '').split(';')[0];
  const bare = await bareBase();
  const check = await request(base, `/api/standards/rounds/${roundId}/results`, { headers: { cookie } });
  const rows = JSON.parse(check.body).items.length;
  const sBare = await latency(bare.base, () => '/bare', {}, 300, 30);
  const sPage = await latency(base, () => `/api/standards/rounds/${roundId}/results`, { cookie }, 300, 30);
  const plain: number[] = [];
  for (let i = 0; i < 330; i++) {
    const q0 = performance.now();
    await db
      .selectFrom('std_entry as e')
      .innerJoin('org_unit as o', 'o.id', 'e.org_id')
      .select(['e.org_id', 'o.name', 'e.self_score', 'e.superior_score', 'e.total', 'e.grade', 'e.rank'])
      .where('e.round_id', '=', roundId)
      .orderBy('e.rank')
      .execute();
    if (i >= 30) plain.push(performance.now() - q0);
  }
  printLatencyTable(`${label}, ranking page of ${rows} branches`, [
    ['bare Fastify route', sBare],
    ['GET /rounds/:id/results', sPage],
    ['plain SQL (same rows, in process)', stats(plain)],
  ]);
  await bare.close();
  await app.close();
  await database.close();
  await drop();
}

await run('SQLite');
if (process.env.DATABASE_URL?.startsWith('postgres')) await run('PostgreSQL', process.env.DATABASE_URL);
