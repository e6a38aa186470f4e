/**
 * Tally time for 5,000 voters × 300 organizations (issue 6; goal ≤ 1 s). The tally reads the
 * counts per (org, grade) that the close added up chunk by chunk (review_tally); printed beside a
 * bare COUNT(*) over the 1.5 M rating rows in the same run, the one-time cost of closing (expanding
 * the ratings and counting them), and the full GET /results request. SQLite always; PostgreSQL
 * too when DATABASE_URL names one.
 * Run: npx tsx bench/tally.ts [voters=5000] [orgs=300]
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { connect } from '../server/db/connect.ts';
import { Client } from '../server/test/harness.ts';
import { benchDatabaseUrl } from './lib.ts';
import { insertOrg, PASSWORD, seedCounty } from '../server/test/fixtures.ts';
import { encodeRatings, insertBallots } from '../server/modules/reviews/ballots.service.ts';
import { tally } from '../server/modules/reviews/results.service.ts';
import { newReceipt } from '../server/modules/reviews/tokens.ts';
import { closeReview } from '../server/modules/reviews/reviews.test-support.ts';

const VOTERS = Number(process.argv[2] ?? 5000);
const ORGS = Number(process.argv[3] ?? 300);
const SCALE = ['好', '较好', '一般', '差'];

const time = async <T>(fn: () => Promise<T>) => {
  const t0 = performance.now();
  const r = await fn();
  return { ms: performance.now() - t0, r };
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function run(label: string, pgBase?: string) {
  const { url, drop } = await benchDatabaseUrl(pgBase);
  const database = await connect(url);
  const app = await buildApp({ config: loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' }), database });
  const c = await seedCounty(database.db);
  const orgIds: number[] = [];
  for (let i = 0; i < ORGS; i++)
    orgIds.push(
      await insertOrg(database.db, { code: `T${i}`, name: `被评议组织${i}`, type: '党委', parentId: c.orgs.county }),
    );
  const zzb = await new Client(app).login('zzb', PASSWORD);
  const rid = (await zzb.post('/api/reviews', { title: '统计性能测试', year: 2024, orgIds })).body.id;
  await zzb.post(`/api/reviews/${rid}/open-voting`);
  const t0 = performance.now();
  for (let v = 0; v < VOTERS; v += 250) {
    await database.db.transaction().execute(async (trx) => {
      const ballots = [];
      for (let k = v; k < Math.min(VOTERS, v + 250); k++) {
        const ratings = orgIds.map((orgId, o) => ({
          orgId,
          grade: SCALE[(k * 7 + o * 3 + (k % (o + 2))) % 4],
          opinion: o % 50 === 0 && k % 10 === 0 ? `意见${k}` : null,
        }));
        ballots.push({
          id: randomBytes(16).toString('hex'),
          campaign_id: rid,
          cast_date: '2025-01-20',
          receipt: newReceipt(),
          channel: '电子' as const,
          ratings: encodeRatings(SCALE, ratings),
        });
      }
      await insertBallots(trx, ballots);
    });
  }
  console.log(
    `[${label}] ${VOTERS} ballots × ${ORGS} orgs = ${VOTERS * ORGS} ratings inserted in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  // Accepted at once (202); the stored ratings are expanded into ballot_rating in the background.
  const close = await time(() => closeReview(zzb, rid));
  const counts: number[] = [];
  const tallies: number[] = [];
  const requests: number[] = [];
  let rows = 0;
  for (let i = 0; i < 5; i++) {
    counts.push(
      (await time(() => sql`select count(*) as n from ballot_rating where campaign_id = ${rid}`.execute(database.db)))
        .ms,
    );
    const tl = await time(() => tally(database.db, rid, SCALE));
    tallies.push(tl.ms);
    rows = tl.r.orgs.length;
    const rq = await time(() => zzb.get(`/api/reviews/${rid}/results`));
    if (rq.r.status !== 200) throw new Error(String(rq.r.status));
    requests.push(rq.ms);
  }
  console.log(
    `[${label}]   close (expand ratings + count them)              ${close.ms.toFixed(0).padStart(6)} ms (once)`,
  );
  console.log(
    `[${label}]   bare COUNT(*) over the campaign's ratings          ${median(counts).toFixed(0).padStart(6)} ms (median of 5)`,
  );
  console.log(
    `[${label}]   tally: GROUP BY org, grade → ${rows} orgs ranked      ${median(tallies).toFixed(0).padStart(6)} ms (median of 5; goal ≤ 1000)`,
  );
  console.log(
    `[${label}]   GET /results (tally + opinions + JSON)             ${median(requests).toFixed(0).padStart(6)} ms (median of 5)`,
  );
  await app.close();
  await database.close();
  await drop();
}

await run('sqlite');
if (process.env.DATABASE_URL?.startsWith('postgres')) await run('postgres', process.env.DATABASE_URL);
