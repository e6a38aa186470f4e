/**
 * The conflict check run before a 调研 is confirmed ("一窝蜂下去撞车"): every rule is an index range
 * scan over research_place (path + start date, township + start date), never a scan of the year.
 * Warnings never block; a coordinator confirms anyway with a reason, merges teams or proposes
 * other dates. Only 陪同 over the limit without a stated reason is refused (see visits.service).
 */
import type { Escort, Limits, VisitWarning } from '../../../common/contracts/research.ts';
import type { Executor } from '../../db/connect.ts';
import { pathUpper } from '../../lib/scope.ts';

export interface PlaceRef {
  id: number;
  name: string;
  path: string;
  depth: number;
  parentId: number | null;
  townshipId: number;
}

export interface Candidate {
  /** Excluded from the comparison (a visit being edited or confirmed). */
  visitId: number | null;
  leader: string;
  visitorLevel: string;
  startDate: string;
  endDate: string;
  places: PlaceRef[];
  escorts: Escort[];
}

const DAY = 86_400_000;
export const addDays = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
/** Visits last at most this long: lets the date bound of the range scans stay tight. */
export const MAX_VISIT_DAYS = 31;

const fmt = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
const span = (a: string, b: string) => (a === b ? fmt(a) : `${fmt(a)}至${fmt(b)}`);

/** Ancestors of a path below the root ('/1/5/23/' → ['/1/5/']), for visits to an enclosing place. */
function ancestorPaths(path: string) {
  const ids = path.split('/').filter(Boolean);
  const out: string[] = [];
  for (let i = 2; i < ids.length; i++) out.push(`/${ids.slice(0, i).join('/')}/`);
  return out;
}

/** The township (depth-1 node) of a path, or the node itself at depth ≤ 1. */
export const townshipOf = (path: string) => {
  const ids = path.split('/').filter(Boolean).map(Number);
  return ids[Math.min(1, ids.length - 1)];
};

export async function checkConflicts(db: Executor, c: Candidate, limits: Limits): Promise<VisitWarning[]> {
  const warnings: VisitWarning[] = [];
  const seen = new Set<string>();
  const push = (w: VisitWarning) => {
    const k = `${w.kind}:${w.otherVisitId ?? w.message}`;
    if (!seen.has(k)) {
      seen.add(k);
      warnings.push(w);
    }
  };
  const exclude = c.visitId ?? 0;
  const winFrom = addDays(c.startDate, -limits.windowDays);
  const winTo = addDays(c.endDate, limits.windowDays);
  const sameTeam = new Set<number>();

  for (const p of c.places) {
    if (p.depth === 0) continue; // a county-wide visit is not a place; no team "converges" on it
    // 1. The same place, its subtree or an enclosing place, within N days.
    const near = await db
      .selectFrom('research_place as rp')
      .innerJoin('research_visit as v', 'v.id', 'rp.visit_id')
      .innerJoin('org_unit as o', 'o.id', 'rp.org_id')
      .select(['v.id', 'v.title', 'v.leader', 'v.start_date', 'v.end_date'])
      .select((eb) => eb.fn.coalesce('o.short_name', 'o.name').as('name'))
      .where((eb) =>
        eb.or([
          eb.and([eb('rp.org_path', '>=', p.path), eb('rp.org_path', '<', pathUpper(p.path))]),
          ...(ancestorPaths(p.path).length ? [eb('rp.org_path', 'in', ancestorPaths(p.path))] : []),
        ]),
      )
      .where('rp.active', '=', 1)
      .where('rp.start_date', '>=', addDays(winFrom, -MAX_VISIT_DAYS))
      .where('rp.start_date', '<=', winTo)
      .where('rp.end_date', '>=', winFrom)
      .where('rp.visit_id', '!=', exclude)
      .orderBy('v.start_date')
      .limit(20)
      .execute();
    for (const o of near) {
      sameTeam.add(o.id);
      push({
        kind: 'same_place',
        message: `${o.leader}带队的「${o.title}」已安排${span(o.start_date, o.end_date)}到${o.name}调研,与本次相隔不足 ${limits.windowDays} 天,建议合并或错开`,
        otherVisitId: o.id,
      });
    }

    // 2. The place's load in the month of the visit.
    const month = c.startDate.slice(0, 7);
    const load = await db
      .selectFrom('research_place as rp')
      .select((eb) => eb.fn.count<number>('rp.visit_id').distinct().as('n'))
      .where('rp.org_path', '>=', p.path)
      .where('rp.org_path', '<', pathUpper(p.path))
      .where('rp.active', '=', 1)
      .where('rp.start_date', '>=', `${month}-01`)
      .where('rp.start_date', '<=', `${month}-31`)
      .where('rp.visit_id', '!=', exclude)
      .executeTakeFirstOrThrow();
    if (Number(load.n) + 1 > limits.monthlyMax)
      push({
        kind: 'place_load',
        message: `${p.name}本月已接待调研 ${Number(load.n)} 批次,再加本次将超过每月 ${limits.monthlyMax} 批次的上限`,
      });

    // 4. 经典路线: visited K times this year while places beside it were never visited.
    const year = c.startDate.slice(0, 4);
    const yearCount = await db
      .selectFrom('research_place as rp')
      .select((eb) => eb.fn.count<number>('rp.visit_id').distinct().as('n'))
      .where('rp.org_id', '=', p.id)
      .where('rp.active', '=', 1)
      .where('rp.start_date', '>=', `${year}-01-01`)
      .where('rp.start_date', '<=', `${year}-12-31`)
      .where('rp.visit_id', '!=', exclude)
      .executeTakeFirstOrThrow();
    if (Number(yearCount.n) >= limits.classicRouteMax && p.parentId !== null) {
      const quiet = await db
        .selectFrom('org_unit as s')
        .select((eb) => eb.fn.coalesce('s.short_name', 's.name').as('name'))
        .where('s.parent_id', '=', p.parentId)
        .where('s.id', '!=', p.id)
        .where('s.status', '=', '正常')
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('research_place as q')
                .select('q.visit_id')
                .whereRef('q.org_id', '=', 's.id')
                .where('q.active', '=', 1)
                .where('q.start_date', '>=', `${year}-01-01`)
                .where('q.start_date', '<=', `${year}-12-31`),
            ),
          ),
        )
        .orderBy('s.sort_order')
        .orderBy('s.id')
        .limit(3)
        .execute();
      if (quiet.length)
        push({
          kind: 'classic_route',
          message: `${p.name}今年已接待调研 ${Number(yearCount.n)} 次,而${quiet.map((q) => `「${q.name}」`).join('')}今年尚无调研;请考虑到困难较多、工作后进的地方去`,
        });
    }
  }

  // 3. Two leaders' teams in the same township on the same day(s).
  const townships = [...new Set(c.places.filter((p) => p.depth > 0).map((p) => p.townshipId))];
  if (townships.length) {
    const rows = await db
      .selectFrom('research_place as rp')
      .innerJoin('research_visit as v', 'v.id', 'rp.visit_id')
      .innerJoin('org_unit as t', 't.id', 'rp.township_id')
      .select(['v.id', 'v.title', 'v.leader', 'v.start_date', 'v.end_date'])
      .select((eb) => eb.fn.coalesce('t.short_name', 't.name').as('township'))
      .where('rp.township_id', 'in', townships)
      .where('rp.active', '=', 1)
      .where('rp.start_date', '>=', addDays(c.startDate, -MAX_VISIT_DAYS))
      .where('rp.start_date', '<=', c.endDate)
      .where('rp.end_date', '>=', c.startDate)
      .where('rp.visit_id', '!=', exclude)
      .where('v.leader', '!=', c.leader)
      .limit(20)
      .execute();
    for (const o of rows) {
      if (sameTeam.has(o.id)) continue;
      push({
        kind: 'same_township_day',
        message: `${span(o.start_date, o.end_date)}${o.leader}带队的「${o.title}」也在${o.township}调研,同一天两批领导到同一乡镇`,
        otherVisitId: o.id,
      });
    }
  }

  // 5. 陪同 beyond the limits for the visitor's level.
  for (const e of c.escorts) {
    const max = limits.escortLimits[c.visitorLevel]?.[e.level];
    if (max !== undefined && e.count > max)
      push({
        kind: 'escort',
        message: `${c.visitorLevel}领导调研,${e.level}陪同 ${e.count} 人,超过规定的 ${max} 人`,
      });
  }
  return warnings;
}
