/**
 * `npm run demo`: starts the platform on data/demo.db (or DATABASE_URL) filled with the fictional
 * 示范县. Seeds only an empty database (or one that already holds the demo); `--force` empties a
 * non-empty database first. `--seed N` picks another county. No setup link or LUOSHI_ADMIN_PASSWORD
 * admin is created: the demo accounts are the way in.
 */
import { buildApp } from '../app.ts';
import { serve } from '../boot.ts';
import { loadConfig } from '../config.ts';
import { connect } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { DEMO_PASSWORD, DemoRefusedError } from '../modules/demo/generate.ts';
import { seedDemo } from '../modules/demo/seed.ts';

const args = process.argv.slice(2);
const force = args.includes('--force');
const seedArg = args.indexOf('--seed');
const seed = seedArg >= 0 ? Number(args[seedArg + 1]) : 1;
if (!Number.isInteger(seed)) {
  console.error('--seed 后应为整数,例如 --seed 42');
  process.exit(1);
}

let config: ReturnType<typeof loadConfig>;
try {
  // The demo has its own database file unless DATABASE_URL says otherwise.
  config = loadConfig({ ...process.env, DATABASE_URL: process.env.DATABASE_URL || 'sqlite:data/demo.db' });
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}

const database = await connect(config.databaseUrl);
await migrateToLatest(database);
try {
  const r = await seedDemo(database, { seed, force });
  if (r.state === 'seeded') await database.optimize();
  if (r.state === 'seeded') {
    const s = r.summary;
    console.log(
      `已生成示范县(种子 ${seed}):组织 ${s.orgs} 个,党员 ${s.members} 名,用时 ${(s.ms / 1000).toFixed(2)} 秒`,
    );
  } else {
    console.log('数据库中已有示范县演示数据,直接启动(重新生成请加 --force)');
  }
} catch (e) {
  if (e instanceof DemoRefusedError) {
    console.error(e.message);
    await database.close();
    process.exit(1);
  }
  throw e;
}

const accounts = await database.db
  .selectFrom('app_user as u')
  .innerJoin('org_unit as o', 'o.id', 'u.scope_org_id')
  .select(['u.username', 'u.display_name', 'o.name as scope'])
  .where('u.username', 'like', 'demo-%')
  .orderBy('u.id')
  .execute();

// The same boot path as npm start: listening, and the periodic jobs (reminders, 回头看 …) running.
const app = await buildApp({ config, database, migrate: false });
const base = await serve(app, { onClose: () => database.close() });
console.log(`落实(演示)已启动:${base}  数据库:${config.databaseUrl}`);
console.log(`演示账号(密码均为 ${DEMO_PASSWORD},仅供演示,切勿用于真实数据):`);
for (const a of accounts) console.log(`  ${a.username.padEnd(12)} ${a.display_name}  管辖:${a.scope}`);
