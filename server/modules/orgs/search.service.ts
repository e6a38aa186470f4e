import type { OrgHits, OrgSearchQuery } from '../../../common/contracts/orgs.ts';
import type { OrgType } from '../../../common/enums.ts';
import type { Ctx } from '../../context.ts';
import { namePinyin } from '../../lib/pinyin.ts';
import { inSubtree, type Actor } from '../../lib/scope.ts';

/**
 * Pinyin of org names, memoized: a pure function of the name (not per-app state), bounded so a
 * long-running server renaming orgs cannot grow it without end.
 */
const pinyinMemo = new Map<string, string[]>();
function pinyinOf(name: string) {
  let p = pinyinMemo.get(name);
  if (!p) {
    if (pinyinMemo.size >= 50_000) pinyinMemo.clear();
    const { initials, full } = namePinyin(name);
    pinyinMemo.set(name, (p = [initials, full]));
  }
  return p;
}

/**
 * The org picker's search: active nodes of the caller's subtree (outside it nothing is found), of
 * the requested types, matching the term by name, short name or code (contains) or, for a Latin
 * term, by pinyin (initials or full, prefix or contained). Best matches first (exact name, name
 * prefix, pinyin prefix, the rest), then tree order. The scope's rows are read through the path
 * index (a county is ~3,000 nodes) and matched in memory, because pinyin is not stored.
 */
export async function search(ctx: Ctx, actor: Actor, f: OrgSearchQuery): Promise<OrgHits> {
  const limit = f.limit ?? 20;
  let q = ctx.db
    .selectFrom('org_unit as o')
    .leftJoin('org_unit as p', 'p.id', 'o.parent_id')
    .select(['o.id', 'o.name', 'o.short_name', 'o.code', 'o.type', 'p.name as parent_name'])
    .where(inSubtree('o', actor.scopePath))
    .where('o.status', '=', '正常')
    .orderBy('o.path');
  if (f.types?.length) q = q.where('o.type', 'in', f.types);
  if (f.ids?.length) q = q.where('o.id', 'in', f.ids);
  const term = (f.q ?? '').trim().toLowerCase();
  const rows = await (term || f.ids?.length ? q : q.limit(limit)).execute();
  const hit = (r: (typeof rows)[number]) => ({
    id: r.id,
    name: r.name,
    type: r.type as OrgType, // the column is text; only ORG_TYPES values are ever written (orgs.service)
    parentName: r.parent_name ?? null,
  });
  if (!term) return { items: rows.slice(0, f.ids?.length ? f.ids.length : limit).map(hit) };
  const latin = /^[a-z]+$/.test(term);
  const scored: { r: (typeof rows)[number]; score: number }[] = [];
  for (const r of rows) {
    const name = r.name.toLowerCase();
    let score = -1;
    if (name === term) score = 0;
    else if (name.startsWith(term)) score = 1;
    else if (name.includes(term) || r.short_name?.toLowerCase().includes(term) || r.code.toLowerCase().includes(term))
      score = 3;
    else if (latin) {
      const [initials, full] = pinyinOf(r.name);
      if (initials.startsWith(term) || full.startsWith(term)) score = 2;
      else if (initials.includes(term) || full.includes(term)) score = 4;
    }
    if (score >= 0) scored.push({ r, score });
  }
  // Array.prototype.sort is stable: equal scores keep the tree order of the query.
  scored.sort((a, b) => a.score - b.score);
  return { items: scored.slice(0, limit).map((s) => hit(s.r)) };
}
