/**
 * The demo county's year of 共驻共建: every 村/社区 registered, most in-service members reported
 * (some units lagging), units paired with communities, needs claimed both ways, activities with
 * sign-ins, verification and points (capped by the default rules), resources, projects, the last
 * quarter's letters and the last bulletin — all dated relative to today. Rows go in directly, in
 * batches, keeping the invariants the services keep (the point ledger is built chronologically
 * with the same cap rule as `credit()`, then the totals are aggregated from it).
 * Adds two accounts: demo-cadre (an in-service member of a department, reported to the first
 * community of township A) and demo-unit (that department branch's secretary).
 */
import { sql } from 'kysely';
import type { DemoContext, DemoSeeder } from '../demo/activity.ts';
import { BRANCH_TYPES, addMonths, loadTree, orgName, pathIds } from './access.ts';
import { PROJECT_TEMPLATES, RESOURCE_TEMPLATES } from './demo-words.ts';
import { earlier, seedYear } from './demo-year.ts';
import { ledgerRows, seedAccounts, seedReports, totalsOf } from './demo-ledger.ts';

const shift = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86400000).toISOString().slice(0, 10);
const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`).toISOString();
const _plusMin = (iso: string, m: number) => new Date(Date.parse(iso) + m * 60_000).toISOString();
const NAME_KIND = /(社区|村)(党总支|党支部|总支部委员会|支部委员会)$/;

type Row = Record<string, unknown>;

export const cobuildSeeder: DemoSeeder = {
  name: 'cobuild',
  async seed(d: DemoContext) {
    const { db, rng, today } = d;
    const now = d.now.toISOString();
    const int = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng() * xs.length)];
    const ids: Record<string, number> = {};
    const rows: Record<string, Row[]> = {};
    const add = (table: string, r: Row) => {
      ids[table] = (ids[table] ?? 0) + 1;
      (rows[table] ??= []).push({ id: ids[table], ...r });
      return ids[table];
    };

    // ── communities: the top 党支部/党总支 of every 村/社区 ─────────────────────────
    const orgs = await db
      .selectFrom('org_unit')
      .select(['id', 'name', 'short_name', 'type', 'parent_id', 'path'])
      .execute();
    const byId = new Map(orgs.map((o) => [o.id, o]));
    const communities = orgs.filter((o) => {
      const p = o.parent_id ? byId.get(o.parent_id) : null;
      return BRANCH_TYPES.has(o.type) && p && !BRANCH_TYPES.has(p.type) && NAME_KIND.test(orgName(o));
    });
    await insertAll(
      d,
      'cobuild_community',
      communities.map((c) => ({
        org_id: c.id,
        kind: /社区/.test(orgName(c)) ? '社区' : '村',
        address: null,
        contact_phone: null,
        active: 1,
        created_at: now,
        updated_at: now,
      })),
    );
    const tree = await loadTree(db);
    const town = (path: string) => pathIds(path)[1];
    const inTown = new Map<number, number[]>();
    for (const c of communities) inTown.set(town(c.path), [...(inTown.get(town(c.path)) ?? []), c.id]);
    const urban = communities.filter((c) => /社区/.test(orgName(c))).map((c) => c.id);

    // ── who must report, by employer unit; some units lag ──────────────────────────
    const eligible = (
      await db
        .selectFrom('member')
        .select(['id', 'name', 'org_id', 'org_path'])
        .where('category', '=', '在职')
        .where('status', '=', '正常')
        .execute()
    ).filter((m) => tree.communityOf(m.org_id) === null);
    const units = new Map<number, typeof eligible>();
    for (const m of eligible) units.set(tree.employer(m.org_id), [...(units.get(tree.employer(m.org_id)) ?? []), m]);
    const demoMember = await db
      .selectFrom('app_user')
      .select('member_id')
      .where('username', '=', 'demo-member')
      .executeTakeFirst();
    const home = demoMember?.member_id
      ? tree.communityOf(
          (
            await db
              .selectFrom('member')
              .select('org_id')
              .where('id', '=', demoMember.member_id)
              .executeTakeFirstOrThrow()
          ).org_id,
        )
      : null;
    const showcase =
      [...units.keys()].find((u) => /财政局/.test(tree.label(u))) ??
      [...units.keys()].find((u) => units.get(u)!.length >= 5);
    const diligence = new Map<number, number>();
    for (const u of units.keys())
      diligence.set(u, u !== showcase && rng() < 0.18 ? 0.3 + rng() * 0.35 : 0.93 + rng() * 0.07);

    // ── registrations (members), with re-confirmations every six months ──────────
    const live = new Map<number, { member: number; accepted: string; regId: number }[]>(); // community → reported members
    const credits: {
      kind: 'member' | 'unit';
      id: number;
      action: 'report' | 'service' | 'leadProject' | 'needFulfilled';
      date: string;
      hours?: number;
      reason: string;
      source: [string, number];
    }[] = [];
    const cadre = showcase ? units.get(showcase)![0] : undefined;
    let cadreSince = today;
    for (const [unit, members] of units)
      for (const m of members) {
        const forced = m.id === cadre?.id && home;
        if (!forced && rng() > diligence.get(unit)!) {
          if (rng() < 0.12) register(m, unit, pickCommunity(m), 'pending', shift(today, -int(0, 6)));
          continue;
        }
        const reported = forced ? shift(today, -200) : shift(today, -int(10, 360));
        register(m, unit, forced ? home! : pickCommunity(m), 'active', reported);
      }
    function pickCommunity(m: { org_path: string }) {
      const local = inTown.get(town(m.org_path));
      const deptLike = !local || rng() < 0.25;
      return deptLike && urban.length ? pick(urban) : pick(local ?? communities.map((c) => c.id));
    }
    function register(
      m: { id: number; name: string },
      unit: number,
      community: number,
      status: string,
      reported: string,
    ) {
      const acceptedOn = shift(reported, int(0, 4));
      const accepted = status === 'active' ? earlier(acceptedOn, today) : null;
      let confirmed = accepted;
      if (accepted) {
        // Each half year the member re-confirms (most do; some let it lapse).
        while (addMonths(confirmed!, 6) <= today && (m.id === cadre?.id || rng() < 0.98))
          confirmed = addMonths(confirmed!, 6);
      }
      const regId = add('cobuild_registration', {
        kind: 'member',
        member_id: m.id,
        unit_org_id: unit,
        community_org_id: community,
        status,
        address: null,
        skills: null,
        note: null,
        reported_date: reported,
        accepted_date: accepted,
        confirmed_date: confirmed,
        due_date: confirmed ? addMonths(confirmed, 6) : null,
        decided_by: null,
        decline_reason: null,
        ended_date: null,
        end_reason: null,
        created_by: 1,
        created_at: at(reported, '09:00'),
        updated_at: at(confirmed ?? reported, '09:00'),
      });
      add('cobuild_registration_event', {
        registration_id: regId,
        kind: 'reported',
        note: null,
        actor_id: null,
        at: at(reported, '09:00'),
      });
      if (accepted) {
        add('cobuild_registration_event', {
          registration_id: regId,
          kind: 'accepted',
          note: null,
          actor_id: null,
          at: at(accepted, '10:00'),
        });
        for (let c = addMonths(accepted, 6); c <= (confirmed ?? ''); c = addMonths(c, 6))
          add('cobuild_registration_event', {
            registration_id: regId,
            kind: 'confirmed',
            note: null,
            actor_id: null,
            at: at(c, '20:00'),
          });
        live.set(community, [...(live.get(community) ?? []), { member: m.id, accepted, regId }]);
        if (m.id === cadre?.id) cadreSince = accepted;
        credits.push({
          kind: 'member',
          id: m.id,
          action: 'report',
          date: accepted,
          reason: `到${tree.label(community)}报到`,
          source: ['registration', regId],
        });
      }
    }

    // ── units paired with the communities most of their members live in ───────────
    const paired = new Map<number, number[]>(); // community → units
    for (const [unit, members] of units) {
      if (members.length < 3) continue;
      const counts = new Map<number, number>();
      for (const [c, regs] of live)
        for (const r of regs) if (members.some((m) => m.id === r.member)) counts.set(c, (counts.get(c) ?? 0) + 1);
      const lag = diligence.get(unit)! < 0.7;
      const n = unit === showcase ? 1 : lag ? (rng() < 0.4 ? 1 : 0) : int(1, 2);
      const top = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([c]) => c);
      const chosen = unit === showcase && home ? [home] : top.slice(0, n);
      for (const c of chosen) {
        const accepted = shift(today, -int(90, 330));
        const regId = add('cobuild_registration', {
          kind: 'unit',
          member_id: null,
          unit_org_id: unit,
          community_org_id: c,
          status: 'active',
          address: null,
          skills: null,
          note: '结对共建',
          reported_date: shift(accepted, -2),
          accepted_date: accepted,
          confirmed_date: accepted,
          due_date: null,
          decided_by: null,
          decline_reason: null,
          ended_date: null,
          end_reason: null,
          created_by: 1,
          created_at: at(accepted, '09:00'),
          updated_at: at(accepted, '09:00'),
        });
        add('cobuild_registration_event', {
          registration_id: regId,
          kind: 'accepted',
          note: null,
          actor_id: null,
          at: at(accepted, '10:00'),
        });
        paired.set(c, [...(paired.get(c) ?? []), unit]);
        credits.push({
          kind: 'unit',
          id: unit,
          action: 'report',
          date: accepted,
          reason: `作为共建单位到${tree.label(c)}报到`,
          source: ['registration', regId],
        });
        if (rng() < 0.7) {
          const [cat, title] = pick(RESOURCE_TEMPLATES);
          const res = add('cobuild_resource', {
            owner_kind: 'unit',
            member_id: null,
            unit_org_id: unit,
            title: `${tree.label(unit).replace(/机关.*$/, '')}${title}`,
            category: cat,
            description: null,
            available_from: shift(accepted, 5),
            available_to: shift(today, 180),
            contact: null,
            status: 'available',
            created_by: 1,
            created_at: at(accepted, '11:00'),
            updated_at: now,
          });
          if (rng() < 0.6)
            add('cobuild_claim', {
              target: 'resource',
              need_id: null,
              resource_id: res,
              claimant: 'community',
              member_id: null,
              org_id: c,
              headcount: 1,
              note: '用于党员活动日',
              status: rng() < 0.8 ? 'accepted' : 'pending',
              reason: null,
              decided_by: null,
              decided_at: at(shift(accepted, 20), '15:00'),
              created_by: 1,
              created_at: at(shift(accepted, 15), '15:00'),
            });
        }
        if (rng() < 0.5) {
          const [cat, title] = pick(PROJECT_TEMPLATES);
          const start = shift(accepted, int(10, 40));
          const done = start < shift(today, -60) && rng() < 0.6 ? shift(start, int(30, 90)) : null;
          const pid = add('cobuild_project', {
            community_org_id: c,
            lead_org_id: unit,
            lead_member_id: null,
            title: `${tree.label(c).replace(/党.*$/, '')}${title}`,
            category: cat,
            description: null,
            start_date: start,
            end_date: shift(start, 180),
            status: done && done <= today ? 'done' : 'active',
            done_date: done && done <= today ? done : null,
            created_by: 1,
            created_at: at(start, '09:00'),
            updated_at: now,
          });
          if (done && done <= today)
            credits.push({
              kind: 'unit',
              id: unit,
              action: 'leadProject',
              date: done,
              reason: `牵头的共建项目完成`,
              source: ['project', pid],
            });
        }
      }
    }

    // ── needs, claims and activities over the year, per community ─────────────────
    seedYear({
      d,
      rng,
      int,
      pick,
      add,
      ids,
      credits,
      tree,
      communities,
      live,
      paired,
      home,
      cadre,
      cadreSince,
      demoMemberId: demoMember?.member_id ?? null,
    });

    for (const r of ledgerRows(credits)) add('cobuild_point', r);
    // Parents before children (foreign keys).
    for (const t of [
      'cobuild_registration',
      'cobuild_registration_event',
      'cobuild_resource',
      'cobuild_project',
      'cobuild_need',
      'cobuild_claim',
      'cobuild_activity',
      'cobuild_signup',
      'cobuild_point',
    ])
      await insertAll(d, t, rows[t] ?? []);
    await insertAll(d, 'cobuild_point_total', totalsOf(rows));

    // ── the last quarter's letters, the last bulletin, two demo accounts ──────────
    await seedReports(d, [...units.keys()]);
    if (cadre && showcase) await seedAccounts(d, cadre, showcase, tree.label(showcase));
  },
};

/** Batched multi-row inserts with explicit ids; PostgreSQL's identity sequences are moved past them. */
async function insertAll(d: DemoContext, table: string, rows: Row[]) {
  for (let i = 0; i < rows.length; i += 300)
    await d.db
      .insertInto(table as 'cobuild_need')
      .values(rows.slice(i, i + 300) as never)
      .execute();
  if (d.dialect === 'postgres' && rows.length && 'id' in rows[0])
    await sql`select setval(pg_get_serial_sequence(${table}, 'id'), (select max(id) from ${sql.table(table)}))`.execute(
      d.db,
    );
}
