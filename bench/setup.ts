/**
 * The county the indicator benches build (bench/indicators.ts, bench/projects.ts): a fresh
 * database, a county of N towns with villages under them inserted in one transaction, indicator
 * rows with the defaults of a hand-reported figure, and the app served over HTTP with a login.
 */
import type { Insertable } from 'kysely';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { connect, type Database, type Db } from '../server/db/connect.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import type { IndicatorTable } from '../server/db/schema/indicators.ts';
import { insertOrg, PASSWORD } from '../server/test/fixtures.ts';
import { benchDatabaseUrl, request } from './lib.ts';

/** A migrated fresh database (PostgreSQL on `pgBase`, else a temp SQLite file). */
export async function openBenchDatabase(pgBase?: string) {
  const { url, drop } = await benchDatabaseUrl(pgBase);
  const database = await connect(url);
  await migrateToLatest(database);
  return { url, drop, database, db: database.db };
}

/**
 * 示范县 with `towns` 党委 and `units` 党支部 villages dealt round the towns (village i under town
 * i % towns). Villages go in one transaction, each path written after its id is known.
 */
export async function villageCounty(db: Db, towns: number, units: number) {
  const at = new Date().toISOString();
  const county = await insertOrg(db, { code: 'C', name: '示范县', type: '党委', parentId: null });
  const townIds: number[] = [];
  for (let i = 0; i < towns; i++)
    townIds.push(await insertOrg(db, { code: `T${i}`, name: `第${i + 1}镇`, type: '党委', parentId: county }));
  const unitIds: number[] = [];
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < units; i++) {
      const town = townIds[i % towns];
      const r = await trx
        .insertInto('org_unit')
        .values({
          code: `V${i}`,
          name: `第${i}村`,
          short_name: null,
          type: '党支部',
          parent_id: town,
          path: 'x',
          depth: 2,
          secretary_member_id: null,
          sort_order: i,
          status: '正常',
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .updateTable('org_unit')
        .set({ path: `/${county}/${town}/${r.id}/` })
        .where('id', '=', r.id)
        .execute();
      unitIds.push(r.id);
    }
  });
  return { county, towns: townIds, units: unitIds };
}

/** An indicator row: a monthly sum in 万元, typed by hand, owned by `ownerOrgId`, unless `over` says otherwise. */
export function indicatorRow(ownerOrgId: number, over: Partial<Insertable<IndicatorTable>>) {
  const at = new Date().toISOString();
  return {
    name: '指标',
    definition: null,
    unit: '万元',
    frequency: '月',
    aggregation: '求和',
    source: '手工填报',
    figure_key: null,
    numerator_id: null,
    denominator_id: null,
    base_id: null,
    weight_id: null,
    owner_org_id: ownerOrgId,
    leader: null,
    warn_threshold: null,
    excellent_threshold: null,
    higher_is_better: 1,
    min_value: 0,
    max_value: null,
    jump_percent: null,
    is_key: 0,
    created_at: at,
    updated_at: at,
    ...over,
  } satisfies Insertable<IndicatorTable>;
}

/** The app on a random port over `database`, and a login that returns the session cookie and CSRF token. */
export async function serveBench(url: string, database: Database) {
  const app = await buildApp({ config: loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' }), database });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const login = async (username: string) => {
    const r = await request(base, '/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    return { cookie: String(r.headers['set-cookie']).split(';')[0], csrf: JSON.parse(r.body).csrfToken as string };
  };
  return { app, base, login };
}
