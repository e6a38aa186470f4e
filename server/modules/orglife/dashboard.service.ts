/**
 * The compliance dashboard of a subtree for a year: totals, per type, the children ranked (drill
 * down from county to township to branch), branch lights, meetings below quorum. Everything comes
 * from the materialized compliance table and the meetings' derived counts.
 */
import type { Dashboard, DashboardQuery } from '../../../common/contracts/orglife-work.ts';
import type { Ctx } from '../../context.ts';
import { localDate } from '../../lib/clock.ts';
import { percent } from '../../lib/figures.ts';
import { pathUpper, type Actor } from '../../lib/scope.ts';
import { inTypeOrder, listRoot } from './access.ts';
import { branchLight, quorumMet, type ItemStatus, type Light } from './compliance.ts';
import { ensureFresh } from './compliance.service.ts';
import { quorumKinds } from './records.ts';
import { loadRuleSets } from './rules.service.ts';

interface Acc {
  required: number;
  held: number;
  missing: number;
  dueRequired: number;
}
const acc = (): Acc => ({ required: 0, held: 0, missing: 0, dueRequired: 0 });
/** Only periods that are over (or already done) count towards the rate. */
function add(a: Acc, it: { required: number; held: number; status: string }) {
  a.required += it.required;
  const counted = Math.min(it.held, it.required);
  if (it.status === 'done' || it.status === 'missed') {
    a.dueRequired += it.required;
    a.held += counted;
  }
  if (it.status === 'missed') a.missing += it.required - counted;
}
const tally = (a: Acc) => ({
  required: a.dueRequired,
  held: a.held,
  missing: a.missing,
  rate: percent(a.held, a.dueRequired),
});

export async function dashboard(ctx: Ctx, actor: Actor, q: DashboardQuery): Promise<Dashboard> {
  const today = localDate(ctx.clock.now());
  const year = q.year ?? Number(today.slice(0, 4));
  const root = await listRoot(ctx.db, actor, q.orgId);
  await ensureFresh(ctx, year);
  const upper = pathUpper(root.path);
  const items = await ctx.db
    .selectFrom('orglife_compliance as c')
    .innerJoin('org_unit as o', 'o.id', 'c.org_id')
    .select(['c.org_id', 'o.path', 'c.type', 'c.period', 'c.period_end', 'c.required', 'c.held', 'c.status'])
    .where('c.year', '=', year)
    .where('o.path', '>=', root.path)
    .where('o.path', '<', upper)
    .execute();
  const kids = await ctx.db
    .selectFrom('org_unit')
    .select(['id', 'name', 'type', 'path'])
    .where('parent_id', '=', root.id)
    .where('status', '=', '正常')
    .where('type', 'not in', ['党小组', '网格', '政府单位'])
    .orderBy('sort_order')
    .orderBy('id')
    .execute();

  const total = acc();
  const byType = new Map<string, Acc>();
  const byBranch = new Map<number, typeof items>();
  for (const it of items) {
    add(total, it);
    let t = byType.get(it.type);
    if (!t) byType.set(it.type, (t = acc()));
    add(t, it);
    const l = byBranch.get(it.org_id);
    if (l) l.push(it);
    else byBranch.set(it.org_id, [it]);
  }
  const lightOf = new Map<number, Light>();
  const lights = { red: 0, yellow: 0, green: 0 };
  for (const [orgId, list] of byBranch) {
    const l = branchLight(
      list.map((x) => ({ type: x.type, period: x.period, periodEnd: x.period_end, status: x.status as ItemStatus })),
      today,
    );
    lightOf.set(orgId, l);
    lights[l]++;
  }

  // Attendance and below-quorum records from the meetings' derived counts.
  const meetings = await ctx.db
    .selectFrom('meeting as m')
    .innerJoin('org_unit as o', 'o.id', 'm.org_id')
    .select([
      'm.id',
      'o.path',
      'o.name',
      'o.type',
      'm.held_date',
      'm.expected',
      'm.expected_voting',
      'm.present',
      'm.present_voting',
    ])
    .where('o.path', '>=', root.path)
    .where('o.path', '<', upper)
    .where('m.status', '=', '已召开')
    .where('m.held_date', '>=', `${year}-01-01`)
    .where('m.held_date', '<=', `${year}-12-31`)
    .execute();
  const att = new Map<string, { p: number; e: number }>();
  const attOf = (path: string) => {
    const k = kids.find((c) => path.startsWith(c.path))?.path ?? '';
    let a = att.get(k);
    if (!a) att.set(k, (a = { p: 0, e: 0 }));
    return a;
  };
  let present = 0;
  let expected = 0;
  const suspects: typeof meetings = [];
  for (const m of meetings) {
    present += m.present;
    expected += m.expected;
    const a = attOf(m.path);
    a.p += m.present;
    a.e += m.expected;
    if (m.present * 2 < m.expected || m.present_voting * 2 <= m.expected_voting) suspects.push(m);
  }
  const below: Dashboard['belowQuorumMeetings'] = [];
  if (suspects.length) {
    const sets = await loadRuleSets(ctx.db);
    const ids = suspects.map((s) => s.id);
    const types: { meeting_id: number; type: string }[] = [];
    for (let i = 0; i < ids.length; i += 500)
      types.push(
        ...(await ctx.db
          .selectFrom('meeting_type')
          .select(['meeting_id', 'type'])
          .where('meeting_id', 'in', ids.slice(i, i + 500))
          .execute()),
      );
    for (const m of suspects.sort((a, b) => b.held_date.localeCompare(a.held_date))) {
      const ts = inTypeOrder(types.filter((t) => t.meeting_id === m.id).map((t) => t.type));
      const c = {
        expected: m.expected,
        expectedVoting: m.expected_voting,
        present: m.present,
        presentVoting: m.present_voting,
      };
      if (quorumKinds(sets, m.type, m.held_date, ts).some((k) => !quorumMet(k.quorum, c)))
        below.push({
          id: m.id,
          orgName: m.name,
          heldDate: m.held_date,
          types: ts,
          present: m.present,
          expected: m.expected,
        });
    }
  }

  const children = kids
    .map((k) => {
      const a = acc();
      let branches = 0;
      for (const list of byBranch.values()) {
        if (!list[0].path.startsWith(k.path)) continue;
        branches++;
        for (const it of list) add(a, it);
      }
      const at = att.get(k.path);
      return {
        orgId: k.id,
        name: k.name,
        type: k.type,
        ...tally(a),
        attendanceRate: at ? percent(at.p, at.e) : null,
        branches,
        light: (byBranch.has(k.id) && k.type === '党支部' ? lightOf.get(k.id) : null) ?? null,
        rank: null as number | null,
      };
    })
    .filter((c) => c.branches > 0);
  [...children]
    .filter((c) => c.rate !== null)
    .sort((a, b) => b.rate! - a.rate! || (b.attendanceRate ?? 0) - (a.attendanceRate ?? 0))
    .forEach((c, i) => {
      c.rank = i + 1;
    });

  const longAbsent = await ctx.db
    .selectFrom('orglife_absence as a')
    .innerJoin('member as m', 'm.id', 'a.member_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('a.months', '>=', 6)
    .where('m.org_path', '>=', root.path)
    .where('m.org_path', '<', upper)
    .executeTakeFirstOrThrow();

  return {
    org: { id: root.id, name: root.name, type: root.type },
    year,
    today,
    isBranch: root.type === '党支部',
    ...tally(total),
    attendanceRate: percent(present, expected),
    meetings: meetings.length,
    belowQuorum: below.length,
    longAbsent: Number(longAbsent.n),
    lights,
    byType: [...byType.entries()].map(([type, a]) => ({ type, ...tally(a) })),
    children,
    belowQuorumMeetings: below.slice(0, 50),
  };
}
