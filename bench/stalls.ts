/**
 * Latency of a health request (GET /api/health: event loop + one database round trip) while a
 * heavy operation runs on the same server, on SQLite (one connection: whoever holds it, holds
 * everyone): a 50,000-row member import, the 50,000-member export, document searches over 100
 * documents of 500,000 characters (the largest allowed), and closing a 5,000-voter × 300-org
 * campaign. Printed beside the same probe on the idle server and a bare Fastify route, measured in
 * the same run. The server runs as its own process (`node --import tsx server/main.ts`).
 * `/api/health/live` (no database) is probed beside it: a stall in both is the event loop, a
 * stall in health alone is waiting for the database.
 * Run: npx tsx bench/stalls.ts [import,export,search,close]   (default: all four)
 *   STALLS_READER=off,on   runs each operation on a fresh copy of the county without and with the
 *                          SQLite read connection (db/sqlite-reader.ts), in the same run (default: on)
 *   STALLS_NODE_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof"   flags for the server process (profiling)
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { connect } from '../server/db/connect.ts';
import { encodeRatings, insertBallots } from '../server/modules/reviews/ballots.service.ts';
import { newReceipt } from '../server/modules/reviews/tokens.ts';
import { bareBase } from './lib.ts';
import { countyDatabase, DEMO_PASSWORD, memberImportSheet } from './county.ts';

const ONLY = new Set((process.argv[2] ?? 'import,export,search,close').split(','));
const MODES = (process.env.STALLS_READER ?? 'on').split(',').map((m) => m.trim());
const NODE_FLAGS = (process.env.STALLS_NODE_FLAGS ?? '').split(' ').filter(Boolean);
const IMPORT_ROWS = Number(process.env.IMPORT_ROWS ?? 50_000);
const DOCS = 100;
const DOC_CHARS = 500_000;
const VOTERS = Number(process.env.VOTERS ?? 5000);
const ORGS = 300;
const SCALE = ['好', '较好', '一般', '差'];
const HANZI =
  '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理世车';

function text(n: number, seed: number) {
  let x = seed || 1;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out.push((i + 1) % 50 === 0 ? '。\n' : HANZI[(x >>> 0) % HANZI.length]);
  }
  return out.join('');
}

const pct = (xs: number[], p: number) =>
  xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] ?? 0;
const fmt = (xs: number[]) =>
  `p50 ${pct(xs, 50).toFixed(1).padStart(7)}  p99 ${pct(xs, 99).toFixed(1).padStart(7)}  最大 ${Math.max(...xs)
    .toFixed(1)
    .padStart(7)} ms  (${xs.length} 次)`;

async function main() {
  const county = await countyDatabase({ dialect: 'sqlite' });
  const db = county.database.db;
  console.log(`示范县:组织 ${county.summary.orgs},党员 ${county.summary.members}`);
  const root = await db.selectFrom('org_unit').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow();
  const admin = await db
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', 'demo-admin')
    .executeTakeFirstOrThrow();
  const now = new Date().toISOString();
  for (let i = 0; i < (ONLY.has('search') ? DOCS : 0); i++) {
    const body = text(DOC_CHARS, i + 7);
    const r = await db
      .insertInto('document')
      .values({
        title: `测试文件${i}`,
        meeting: null,
        doc_date: '2026-11-02',
        issuing_unit: null,
        owner_org_id: root.id,
        source: 'paste',
        file_name: null,
        text: body,
        created_by: admin.id,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('document_fts')
      .values({ rowid: r.id, title: `测试文件${i}`, body })
      .execute();
  }
  const branches = (
    await db.selectFrom('org_unit').select('code').where('type', '=', '党支部').orderBy('id').execute()
  ).map((b) => b.code);
  const orgIds = (
    await db
      .selectFrom('org_unit')
      .select('id')
      .where('type', 'in', ['党支部', '党总支'])
      .orderBy('id')
      .limit(ORGS)
      .execute()
  ).map((o) => o.id);
  const sheet = ONLY.has('import') ? (await memberImportSheet(branches, IMPORT_ROWS)).buf : Buffer.alloc(0);
  await county.database.close();
  const file = county.url.slice('sqlite:'.length);
  // The campaign to close is built once (voting opened over HTTP, 5,000 ballots written directly):
  // building it takes minutes on a loaded machine, and every mode closes the same one.
  const rid = ONLY.has('close') ? await buildCampaign(county.url, orgIds) : 0;
  const bare = await bareBase();
  for (const mode of MODES) {
    // Every mode starts from the same county (the import adds 50,000 members, the close its ratings).
    const copy = `${file}.${mode}.db`;
    fs.copyFileSync(file, copy);
    console.log(`\n— SQLite 读连接:${mode === 'off' ? '关(仅一个连接)' : '开(读写分离)'} —`);
    await runMode(`sqlite:${copy}`, mode, bare.base, sheet, rid);
    for (const f of [copy, `${copy}-wal`, `${copy}-shm`]) fs.rmSync(f, { force: true });
  }
  await bare.close();
  await county.drop();
}

async function buildCampaign(url: string, orgIds: number[]) {
  const { base, auth, stop } = await startServer(url, 'on', []);
  const created = await fetch(`${base}/api/reviews`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ title: '结束评议性能', year: 2026, orgIds }),
  });
  const rid = ((await created.json()) as { id: number }).id;
  await fetch(`${base}/api/reviews/${rid}/open-voting`, { method: 'POST', headers: auth });
  await stop();
  const direct = await connect(url);
  for (let v = 0; v < VOTERS; v += 250)
    await direct.db.transaction().execute(async (trx) => {
      const ballots = [];
      for (let k = v; k < Math.min(VOTERS, v + 250); k++)
        ballots.push({
          id: randomBytes(16).toString('hex'),
          campaign_id: rid,
          cast_date: '2026-11-02',
          receipt: newReceipt(),
          channel: '电子' as const,
          ratings: encodeRatings(
            SCALE,
            orgIds.map((orgId, o) => ({ orgId, grade: SCALE[(k * 7 + o * 3) % 4], opinion: null })),
          ),
        });
      await insertBallots(trx, ballots);
    });
  await direct.close();
  return rid;
}

/** The server as its own process (as deployed), logged in as the county's administrator. */
async function startServer(url: string, mode: string, flags: string[]) {
  const port = 39000 + Math.floor(Math.random() * 1000);
  const server = spawn(process.execPath, [...flags, '--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      LUOSHI_ADMIN_PASSWORD: '',
      SQLITE_READER: mode,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on('data', (d) => String(d).includes('已启动') && resolve());
    server.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  const base = `http://127.0.0.1:${port}`;
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'demo-admin', password: DEMO_PASSWORD }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const auth = { cookie, 'x-csrf-token': csrfToken };
  const stop = async () => {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  };
  return { base, cookie, auth, stop };
}

async function runMode(url: string, mode: string, bareUrl: string, sheet: Buffer, rid: number) {
  const { base, cookie, auth, stop } = await startServer(url, mode, NODE_FLAGS);

  /**
   * Sequential probes every 25 ms until `op` settles, alternating `url` and the database-free
   * liveness route; returns both latency lists and the op's seconds.
   */
  const during = async (url: string, op: () => Promise<unknown>) => {
    const lat: number[] = [];
    const live: number[] = [];
    let running = true;
    const probe = (async () => {
      for (let k = 0; running; k++) {
        const s = performance.now();
        const u = k % 2 ? `${base}/api/health/live` : url;
        await fetch(u).then((r) => r.arrayBuffer());
        (k % 2 ? live : lat).push(performance.now() - s);
        await new Promise((r) => setTimeout(r, 25));
      }
    })();
    const t0 = performance.now();
    await op();
    const seconds = (performance.now() - t0) / 1000;
    running = false;
    await probe;
    return { lat, live, seconds };
  };
  const idle = async (url: string, ms = 3000) => (await during(url, () => new Promise((r) => setTimeout(r, ms)))).lat;
  const show = (name: string, r: { lat: number[]; live?: number[]; seconds?: number }) => {
    const line = `${fmt(r.lat)}${r.seconds !== undefined ? `  操作用时 ${r.seconds.toFixed(2)} s` : ''}`;
    console.log(`${name.padEnd(40)} ${line}`);
    if (r.live?.length) console.log(`${'  同时 /api/health/live(不查库)'.padEnd(40)} ${fmt(r.live)}`);
  };

  show('对照:裸 Fastify 路由(空闲)', { lat: await idle(`${bareUrl}/bare`) });
  show('对照:GET /api/health(空闲)', { lat: await idle(`${base}/api/health`) });

  const health = `${base}/api/health`;
  if (ONLY.has('import'))
    show(
      `导入 ${IMPORT_ROWS.toLocaleString('en-US')} 行党员(上传到完成)`,
      await during(health, async () => {
        const form = new FormData();
        form.append('file', new Blob([new Uint8Array(sheet)]), 'members.xlsx');
        const up = await fetch(`${base}/api/import/members`, { method: 'POST', headers: auth, body: form });
        const { jobId } = (await up.json()) as { jobId: string };
        for (;;) {
          const j = (await (await fetch(`${base}/api/import/jobs/${jobId}`, { headers: { cookie } })).json()) as any;
          if (j.status === 'done') break;
          if (j.status === 'failed') throw new Error(`import failed: ${JSON.stringify(j).slice(0, 300)}`);
          await new Promise((r) => setTimeout(r, 100));
        }
      }),
    );
  if (ONLY.has('export'))
    show(
      '导出全县党员名册',
      await during(health, async () => {
        const r = await fetch(`${base}/api/export/members`, { headers: { cookie } });
        if (r.status !== 200) throw new Error(`export ${r.status}`);
        await r.arrayBuffer();
      }),
    );
  for (const q of ONLY.has('search') ? ['党建', '落实责任'] : []) {
    show(
      `检索文件「${q}」(100 × 50 万字)`,
      await during(health, async () => {
        const r = await fetch(`${base}/api/documents?q=${encodeURIComponent(q)}&pageSize=20`, { headers: { cookie } });
        if (r.status !== 200) throw new Error(`search ${r.status}`);
        await r.arrayBuffer();
      }),
    );
  }

  if (ONLY.has('close')) {
    show(
      `结束评议(${VOTERS} 人 × ${ORGS} 个组织)`,
      await during(health, async () => {
        const r = await fetch(`${base}/api/reviews/${rid}/close`, { method: 'POST', headers: auth });
        // 200 on the code before the background close; 202 then counting until the campaign is closed.
        if (r.status !== 200 && r.status !== 202) throw new Error(`close ${r.status} ${await r.text()}`);
        for (;;) {
          const c = (await (await fetch(`${base}/api/reviews/${rid}`, { headers: { cookie } })).json()) as any;
          if (c.status === 'closed') break;
          if (c.closing?.error) throw new Error(c.closing.error);
          await new Promise((res) => setTimeout(res, 100));
        }
      }),
    );
    // The results page of the campaign just closed: its own latency, 10 requests one after another.
    const results: number[] = [];
    for (let i = 0; i < 10; i++) {
      const s = performance.now();
      const r = await fetch(`${base}/api/reviews/${rid}/results`, { headers: { cookie } });
      if (r.status !== 200) throw new Error(`results ${r.status}`);
      await r.arrayBuffer();
      results.push(performance.now() - s);
    }
    show('  随后:评议结果页(每次请求用时)', { lat: results });
  }

  await stop();
}

await main();
process.exit(0);
