import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/connect.ts';
import type { County } from './fixtures.ts';
import type { Client } from './harness.ts';

/** One request town-a makes against 乙镇's data. `status` overrides the accepted refusals (403/404)
 *  where the refusal is a validation answer that reveals nothing (e.g. 400). */
export type Attempt = {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  body?: unknown;
  status?: number[];
};

export type Case =
  /** Anyone may call it; it carries no organization data. */
  | { kind: 'public'; why: string }
  /** It only ever acts on the caller's own account or session. */
  | { kind: 'self'; why: string }
  /** town-a must get 403/404 for each attempt, and nothing may change. */
  | { kind: 'denied'; attempts: () => Attempt[] }
  /** A list town-a may read: it must not contain any of 乙镇's markers. */
  | { kind: 'list'; url: () => string }
  /** Anything else (uploads, binary exports): returns the failures it found, [] when scoped. */
  | { kind: 'custom'; run: (townA: Client) => Promise<string[]> };

export interface ScopeSetupArgs {
  app: FastifyInstance;
  db: Db;
  c: County;
  /** Logged-in clients of the fixture users (admin, zzb, dcs, town-a, town-b, branch-a1, member-a). */
  client: (username: string) => Promise<Client>;
}

/**
 * A module's contribution to the scope matrix (server/test/scope-matrix.test.ts): `setup` creates
 * 乙镇-owned objects (as town-b or an administrator) and returns their ids; `cases` maps every route
 * of the module (`METHOD /api/path/:param`, exactly as registered) to its case. Objects created in
 * setup should carry 乙镇 in a name or text so that leaks are detected by marker.
 */
export interface ScopeModule {
  setup(args: ScopeSetupArgs): Promise<Record<string, any>>;
  cases(ids: Record<string, any>, c: County): Record<string, Case>;
}
