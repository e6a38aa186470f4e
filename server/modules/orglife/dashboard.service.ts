/**
 * The compliance dashboard of a subtree for a year: totals, per type, the children ranked (drill
 * down from county to township to branch), branch lights, meetings below quorum. Everything comes
 * from the materialized compliance table and the meetings' derived counts.
 */
import type { Dashboard, DashboardQuery } from '../../../common/contracts/orglife-work.ts';
import type { Ctx } from '../../context.ts';
import { localDate } from '../../lib/clock.ts';
import { percent } from '../../lib/figures.ts';
import { sql } from 'kysely';
import { pathUpper, type Actor } from '../../lib/scope.ts';
import { listRoot, typesByMeeting } from './access.ts';
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
    .select(['id', 'type', 'path', (eb) => eb.fn.coalesce('short_name', 'name').as('name')])
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

  // Attendance per org (summed in SQL), then the records that may be below quorum, checked exactly.
  const inYear = () =>
    ctx.db
      .selectFrom('meeting as m')
      .innerJoin('org_unit as o', 'o.id', 'm.org_id')
      .where('o.path', '>=', root.path)
      .where('o.path', '<', upper)
      .where('m.status', '=', '已召开')
      .where('m.held_date', '>=', `${year}-01-01`)
      .where('m.held_date', '<=', `${year}-12-31`);
  const perOrg = await inYear()
    .select([
      'o.path',
      (eb) => eb.fn.sum<number>('m.present').as('p'),
      (eb) => eb.fn.sum<number>('m.expected').as('e'),
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .groupBy(['m.org_id', 'o.path'])
    .execute();
  const att = new Map<string, { p: number; e: number }>();
  let present = 0;
  let expected = 0;
  let meetingCount = 0;
  for (const r of perOrg) {
    const k = kids.find((c) => r.path.startsWith(c.path))?.path ?? '';
    const a = att.get(k) ?? { p: 0, e: 0 };
    a.p += Number(r.p);
    a.e += Number(r.e);
    att.set(k, a);
    present += Number(r.p);
    expected += Number(r.e);
    meetingCount += Number(r.n);
  }
  const suspects = await inYear()
    .select([
      'm.id',
      'o.name',
      'o.type',
      'm.held_date',
      'm.expected',
      'm.expected_voting',
      'm.present',
      'm.present_voting',
    ])
    .where((eb) =>
      eb.or([
        eb(sql`m.present * 2`, '<', eb.ref('m.expected')),
        eb(sql`m.present_voting * 2`, '<=', eb.ref('m.expected_voting')),
      ]),
    )
    .orderBy('m.held_date', 'desc')
    .execute();
  const below: Dashboard['belowQuorumMeetings'] = [];
  if (suspects.length) {
    const sets = await loadRuleSets(ctx.db);
    const ids = suspects.map((x) => x.id);
    const typesOf = await typesByMeeting(ctx.db, ids);
    for (const m of suspects) {
      const ts = typesOf.get(m.id) ?? [];
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
      const lights = { red: 0, yellow: 0, green: 0 };
      for (const [orgId, list] of byBranch) {
        if (!list[0].path.startsWith(k.path)) continue;
        branches++;
        lights[lightOf.get(orgId)!]++;
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
        lights,
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
    meetings: meetingCount,
    belowQuorum: below.length,
    longAbsent: Number(longAbsent.n),
    lights,
    byType: [...byType.entries()].map(([type, a]) => ({ type, ...tally(a) })),
    children,
    belowQuorumMeetings: below.slice(0, 50),
  };
}
