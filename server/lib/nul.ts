import { badRequest } from './errors.ts';

/**
 * True when a string anywhere in `v` holds U+0000. PostgreSQL text cannot store it (the query
 * fails: a 500 there, silently accepted on SQLite), and no field of ours has a use for it.
 */
export function hasNul(v: unknown, depth = 0): boolean {
  if (typeof v === 'string') return v.includes('\u0000');
  if (depth > 64 || v === null || typeof v !== 'object') return false;
  if (Array.isArray(v)) return v.some((x) => hasNul(x, depth + 1));
  for (const [k, x] of Object.entries(v)) if (k.includes('\u0000') || hasNul(x, depth + 1)) return true;
  return false;
}

/** Refuses a request whose body, query or path parameters hold U+0000, before any handler runs. */
export function refuseNul(req: { body?: unknown; query?: unknown; params?: unknown }) {
  if (hasNul(req.body) || hasNul(req.query) || hasNul(req.params))
    throw badRequest('NUL_CHARACTER', '内容含有无效的空字符(\\u0000),请删除后重试');
}
