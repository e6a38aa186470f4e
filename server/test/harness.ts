import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import type { CheckpointOptions } from '../db/checkpointer.ts';
import { connect, type Database } from '../db/connect.ts';
import type { Clock } from '../lib/clock.ts';

/**
 * A fresh database per test file: a temp SQLite file by default, or, when DATABASE_URL names a
 * PostgreSQL server, a new database created on it (and dropped afterwards).
 */
export async function freshDatabaseUrl(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.DATABASE_URL;
  if (base && /^postgres(ql)?:\/\//.test(base)) {
    const name = `luoshi_t_${randomBytes(6).toString('hex')}`;
    const admin = await connect(base);
    const { sql } = await import('kysely');
    await sql.raw(`create database ${name}`).execute(admin.db);
    await admin.close();
    const u = new URL(base);
    u.pathname = `/${name}`;
    return {
      url: u.toString(),
      drop: async () => {
        const a = await connect(base);
        await sql.raw(`drop database if exists ${name} with (force)`).execute(a.db);
        await a.close();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-test-'));
  return {
    url: `sqlite:${path.join(dir, 'test.db')}`,
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  url: string;
  /** The app's audit anchor file: a CLI run against this database must be given the same one. */
  anchor: string;
  close(): Promise<void>;
}

export async function createTestApp(
  opts: {
    clock?: Clock;
    env?: Record<string, string>;
    demo?: boolean;
    logStream?: NodeJS.WritableStream;
    /** SQLite files: the checkpoint worker's settings (db/checkpointer.ts). */
    checkpoints?: CheckpointOptions;
    /** SQLite files: the driver's turn of the event loop after this many ms (db/sqlite-reader.ts). */
    breatheMs?: number;
  } = {},
): Promise<TestApp> {
  const { url, drop } = await freshDatabaseUrl();
  // Each test database has its own audit anchor file (never the working directory's data/).
  const anchor = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-anchor-')), 'audit-anchor.json');
  // `demo` stands for what `npm run demo` sets (config.demo is never read from the environment).
  const config = {
    ...loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', LUOSHI_AUDIT_ANCHOR: anchor, ...opts.env }),
    demo: opts.demo,
  };
  const database = await connect(url, { checkpoints: opts.checkpoints, breatheMs: opts.breatheMs });
  const app = await buildApp({ config, database, clock: opts.clock, logStream: opts.logStream, checkResponses: true });
  await app.ready();
  return {
    app,
    database,
    url,
    anchor,
    close: async () => {
      await app.close();
      await database.close();
      await drop();
      fs.rmSync(path.dirname(anchor), { recursive: true, force: true });
    },
  };
}

export interface Res<T = any> {
  status: number;
  body: T;
  headers: Record<string, any>;
  raw: Buffer;
}

/** A logged-in (or anonymous) HTTP client over app.inject, carrying cookie and CSRF token. */
export class Client {
  cookie: string | null = null;
  csrf: string | null = null;
  constructor(public app: FastifyInstance) {}

  async request<T = any>(
    method: InjectOptions['method'],
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Res<T>> {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && !h['x-csrf-token']) h['x-csrf-token'] = this.csrf;
    const r = await this.app.inject({ method, url, payload: payload as any, headers: h });
    const sc = r.headers['set-cookie'];
    for (const c of [sc ?? []].flat()) {
      const m = /^luoshi_sid=([^;]*)/.exec(String(c));
      if (m) this.cookie = m[1] ? `luoshi_sid=${m[1]}` : null;
    }
    let body: any = r.body;
    if (String(r.headers['content-type'] ?? '').includes('json')) body = r.json();
    return { status: r.statusCode, body, headers: r.headers, raw: r.rawPayload };
  }
  get<T = any>(url: string) {
    return this.request<T>('GET', url);
  }
  post<T = any>(url: string, body?: unknown) {
    return this.request<T>('POST', url, body ?? {});
  }
  patch<T = any>(url: string, body?: unknown) {
    return this.request<T>('PATCH', url, body ?? {});
  }
  delete<T = any>(url: string) {
    return this.request<T>('DELETE', url);
  }

  async login(username: string, password: string) {
    const r = await this.post('/api/auth/login', { username, password });
    if (r.status !== 200) throw new Error(`login ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
    this.csrf = r.body.csrfToken;
    return this;
  }
}
