import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, Client, type TestApp } from '../../test/harness.ts';
import { loadConfig } from '../../config.ts';
import { MIGRATION_NAMES } from '../../db/migrate.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('health, docs, config', () => {
  it('GET /api/health names the database', async () => {
    const r = await new Client(t.app).get('/api/health');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      status: 'ok',
      db: process.env.DATABASE_URL?.startsWith('postgres') ? 'postgres' : 'sqlite',
      version: expect.any(String),
    });
  });

  it('liveness answers without the database; readiness checks it and the migrations (503 with the reason)', async () => {
    const live = await new Client(t.app).get('/api/health/live');
    expect(live.status).toBe(200);
    expect(live.body).toEqual({ status: 'ok', instance: expect.any(String), uptimeSec: expect.any(Number) });
    const ready = await new Client(t.app).get('/api/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ok', migrations: MIGRATION_NAMES.length });
    // A migration this build knows is missing from the database: not ready, and it says which.
    const last = MIGRATION_NAMES.at(-1)!;
    await t.database.db
      .deleteFrom('kysely_migration' as any)
      .where('name', '=', last)
      .execute();
    try {
      const r = await new Client(t.app).get('/api/health/ready');
      expect(r.status).toBe(503);
      expect(r.body).toMatchObject({ code: 'NOT_READY', message: expect.stringContaining(last) });
      expect((await new Client(t.app).get('/api/health/live')).status).toBe(200);
    } finally {
      await t.database.db
        .insertInto('kysely_migration' as any)
        .values({ name: last, timestamp: new Date().toISOString() })
        .execute();
    }
  });

  it('/api/metrics: Prometheus text by route pattern (never the raw URL), loopback only without a token', async () => {
    await t.app.inject({ method: 'GET', url: '/api/orgs/12345?secret=abc' });
    const r = await t.app.inject({ method: 'GET', url: '/api/metrics' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/plain');
    expect(r.body).toContain('luoshi_http_request_duration_seconds_bucket');
    expect(r.body).toMatch(/route="\/api\/orgs\/:id",method="GET",status="401"/);
    expect(r.body).not.toContain('12345');
    expect(r.body).not.toContain('secret');
    expect(r.body).toContain('nodejs_eventloop_lag_seconds');
    if (t.database.dialect === 'postgres') expect(r.body).toMatch(/luoshi_db_pool_connections\{[^}]*state="idle"/);
    // Through a proxy (X-Forwarded-For) or from another address: refused.
    const proxied = await t.app.inject({
      method: 'GET',
      url: '/api/metrics',
      headers: { 'x-forwarded-for': '10.0.0.9' },
    });
    expect(proxied.statusCode).toBe(403);
    expect(proxied.json().message).toContain('METRICS_TOKEN');
    const remote = await t.app.inject({ method: 'GET', url: '/api/metrics', remoteAddress: '10.0.0.9' });
    expect(remote.statusCode).toBe(403);
  });

  it('/api/metrics with METRICS_TOKEN: the bearer only, from anywhere', async () => {
    const t2 = await createTestApp({ env: { METRICS_TOKEN: 'm'.repeat(24) } });
    try {
      const no = await t2.app.inject({ method: 'GET', url: '/api/metrics' });
      expect(no.statusCode).toBe(403);
      const wrong = await t2.app.inject({ method: 'GET', url: '/api/metrics', headers: { authorization: 'Bearer x' } });
      expect(wrong.statusCode).toBe(403);
      const ok = await t2.app.inject({
        method: 'GET',
        url: '/api/metrics',
        remoteAddress: '10.0.0.9',
        headers: { authorization: `Bearer ${'m'.repeat(24)}` },
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.body).toContain('luoshi_http_request_duration_seconds');
    } finally {
      await t2.close();
    }
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN 至少 16/);
    expect(() => loadConfig({ LUOSHI_FILE_STORE: 'database' })).toThrow(/只适用于 PostgreSQL/);
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@h:5432/db' }).fileStore).toBe('database');
    expect(loadConfig({}).fileStore).toBe('directory');
  });

  it('serves the OpenAPI document and a browsable page with no external resources', async () => {
    const json = await new Client(t.app).get('/api/docs/json');
    expect(json.status).toBe(200);
    expect(json.body.paths['/api/members']).toBeTruthy();
    expect(json.body.paths['/api/auth/login'].post.description).toContain('x-csrf-token');
    const page = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toMatch(/https?:\/\/(?!127\.0\.0\.1|localhost)[a-z]/i);
    // Chinese where Swagger UI allows: the title, and its labels through a same-origin theme script.
    expect(page.body).toContain('<title>落实 Luoshi 接口文档</title>');
    const src = /<script src="([^"]*zh-cn\.js)"/.exec(page.body)?.[1];
    expect(src).toBeTruthy();
    const js = await t.app.inject({ method: 'GET', url: new URL(src!, 'http://x/api/docs/').pathname });
    expect(js.statusCode).toBe(200);
    expect(js.body).toContain('"Try it out":"试一试"');
  });

  it('serves /favicon.ico (browsers ask for it whatever the page links)', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/favicon.ico' });
    expect(r.statusCode).toBe(200);
    expect(r.rawPayload.readUInt16LE(2)).toBe(1); // an ICO header: type 1 (icon)
    expect(r.rawPayload.readUInt16LE(4)).toBeGreaterThan(0);
  });

  it('loadConfig validates at boot with Chinese messages', () => {
    expect(loadConfig({})).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: 'sqlite:data/luoshi.db',
      dialect: 'sqlite',
    });
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@h:5432/db' }).dialect).toBe('postgres');
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL 只支持/);
  });

  it('npm start in an empty directory creates the SQLite file and serves /api/health, printing a setup link', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-boot-'));
    const root = path.resolve(import.meta.dirname, '../../..');
    const child = spawn(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'server/main.ts')], {
      cwd: dir,
      env: { ...process.env, DATABASE_URL: '', PORT: '0', LOG_LEVEL: 'warn', LUOSHI_ADMIN_PASSWORD: '' },
      // Its own process group: tsx runs the server in a child process, and killing tsx alone left
      // that server running after the test.
      detached: true,
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no start: ${out}`)), 60_000);
        const check = () => {
          const m = /已启动:(http:\/\/[^\s]+)/.exec(out);
          if (m && /setup\?token=/.test(out)) {
            clearTimeout(timer);
            resolve(m[1]);
          }
        };
        child.stdout.on('data', check);
      });
      const r = await fetch(`${url}/api/health`);
      expect(await r.json()).toMatchObject({ status: 'ok', db: 'sqlite' });
      expect(fs.existsSync(path.join(dir, 'data/luoshi.db'))).toBe(true);
      expect(out).toMatch(/一次性链接/);
    } finally {
      process.kill(-child.pid!, 'SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('serving the web app', () => {
  it('serves files built after start, falls back to index.html for app routes, and 404s missing assets', async () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-web-'));
    const t2 = await createTestApp({ env: { WEB_DIST: dist } });
    try {
      const before = await t2.app.inject({ method: 'GET', url: '/members' });
      expect(before.statusCode).toBe(404);
      expect(before.body).toContain('前端尚未构建');
      // a build lands while the server runs
      fs.mkdirSync(path.join(dist, 'assets'));
      fs.writeFileSync(
        path.join(dist, 'index.html'),
        '<!doctype html><title>落实</title><script src="/assets/app-1.js"></script>',
      );
      fs.writeFileSync(path.join(dist, 'assets/app-1.js'), 'console.log(1)');
      const page = await t2.app.inject({ method: 'GET', url: '/orgs/12?tab=history' });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.body).toContain('/assets/app-1.js');
      // the root URL the server prints, reloaded (logged in or not)
      for (const url of ['/', '/?from=login']) {
        const r = await t2.app.inject({ method: 'GET', url, headers: { cookie: 'luoshi_session=whatever' } });
        expect(r.statusCode, url).toBe(200);
        expect(r.headers['content-type'], url).toContain('text/html');
        expect(r.body, url).toContain('/assets/app-1.js');
      }
      const js = await t2.app.inject({ method: 'GET', url: '/assets/app-1.js' });
      expect(js.statusCode).toBe(200);
      expect(js.headers['content-type']).toContain('javascript');
      const stale = await t2.app.inject({ method: 'GET', url: '/assets/app-0.js' });
      expect(stale.statusCode).toBe(404);
      expect(stale.body).not.toContain('<title>');
    } finally {
      await t2.close();
      fs.rmSync(dist, { recursive: true, force: true });
    }
  });
});
