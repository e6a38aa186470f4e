import { sql, type Expression, type ExpressionBuilder } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Executor } from '../db/connect.ts';
import type { Role } from '../../common/enums.ts';
import { notFound } from './errors.ts';

/** Who is calling, as far as authorization is concerned. */
export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  scopeOrgId: number;
  /** Materialized path of the scope node. */
  scopePath: string;
  /** Linked member record (a 党员 sees only this record). */
  memberId: number | null;
  ip: string | null;
}

/** Upper bound of a subtree's path range: '/1/5/' → '/1/50' ('/' + 1 = '0'). */
export const pathUpper = (p: string) => `${p.slice(0, -1)}0`;

/** `org_unit` rows inside the subtree at `path` (inclusive), as a where-expression. */
export function inSubtree<T extends 'org_unit' | 'o'>(alias: T, path: string) {
  return (eb: ExpressionBuilder<any, any>) =>
    eb.and([eb(`${alias}.path` as any, '>=', path), eb(`${alias}.path` as any, '<', pathUpper(path))]);
}

/** Rows whose path-valued column lies in the subtree at `path` (e.g. member.org_path). */
export function pathInSubtree(column: string | Expression<any>, path: string) {
  return (eb: ExpressionBuilder<any, any>) =>
    eb.and([eb(column as any, '>=', path), eb(column as any, '<', pathUpper(path))]);
}

/** A subquery of the org ids inside the caller's scope. Every org-owned query filters through it. */
export function scopedOrgIds(db: Executor, path: string) {
  return db.selectFrom('org_unit as o').select('o.id').where(inSubtree('o', path));
}

export const isInPath = (path: string, scopePath: string) => path.startsWith(scopePath);

/**
 * Loads an org node if, and only if, it lies in the caller's subtree; otherwise 404 (never 403:
 * the existence of a neighbour's records is itself not disclosed).
 */
export async function orgInScope(db: Executor, actor: Actor, orgId: number) {
  const org = await db.selectFrom('org_unit').selectAll().where('id', '=', orgId).executeTakeFirst();
  if (!org || !isInPath(org.path, actor.scopePath)) throw notFound('组织', 'ORG_NOT_FOUND');
  return org;
}

export { sql };
export type { DB };
