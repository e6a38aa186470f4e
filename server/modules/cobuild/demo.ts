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
import { DECLINE_REASONS, NEED_TEMPLATES, PROJECT_TEMPLATES, RESOURCE_TEMPLATES } from './demo-words.ts';
import { DEFAULT_RULES, periodOf, round1 } from './points.ts';
import { letterData, quarterRange, bimesterRange, bulletinData } from './reports.service.ts';
import { serviceHours } from './attendance.service.ts';

const shift = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86400000).toISOString().slice(0, 10);
const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`).toISOString();
const plusMin = (iso: string, m: number) => new Date(Date.parse(iso) + m * 60_000).toISOString();
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
      const accepted =
        status === 'active' ? (shift(reported, int(0, 4)) > today ? today : shift(reported, int(0, 4))) : null;
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
    for (const c of communities) {
      const regs = live.get(c.id) ?? [];
      const partners = paired.get(c.id) ?? [];
      if (!regs.length && !partners.length && c.id !== home) continue;
      const count = /社区/.test(orgName(c)) ? int(10, 22) : int(3, 9);
      for (let i = 0; i < count; i++) activity(c.id, shift(today, -int(1, 360)), regs, partners, i % 5 !== 4);
      if (regs.length || c.id === home) {
        activity(c.id, shift(today, int(2, 20)), regs, partners, true);
        openNeed(c.id, regs, partners);
      }
    }
    if (home) {
      // Today in the showcase community: one activity under way (sign in now), one to come.
      const regs = live.get(home) ?? [];
      const start = new Date(Math.floor(d.now.getTime() / 300_000) * 300_000 - 30 * 60_000).toISOString();
      activity(home, today, regs, paired.get(home) ?? [], false, {
        startsAt: start,
        endsAt: plusMin(start, 150),
        title: '社区文明实践站志愿服务',
      });
    }
    function openNeed(c: number, regs: { member: number }[], units: number[]) {
      const [cat, title, desc] = pick(NEED_TEMPLATES);
      const need = add('cobuild_need', {
        community_org_id: c,
        title,
        category: cat,
        description: desc,
        place: `${tree.label(c).replace(/党.*$/, '')}党群服务中心`,
        start_date: today,
        end_date: shift(today, 30),
        headcount: int(4, 10),
        skills: null,
        status: 'open',
        close_reason: null,
        done_date: null,
        created_by: 1,
        created_at: at(shift(today, -3), '09:00'),
        updated_at: now,
      });
      for (const r of regs.slice(0, int(0, 2)).filter((r) => r.member !== cadre?.id))
        add('cobuild_claim', claimRow(need, 'member', r.member, null, 1, 'pending', at(shift(today, -1), '20:00')));
      if (units.length && rng() < 0.5)
        add('cobuild_claim', claimRow(need, 'unit', null, units[0], 2, 'pending', at(shift(today, -1), '10:00')));
    }
    function claimRow(
      need: number,
      who: string,
      member: number | null,
      org: number | null,
      headcount: number,
      status: string,
      created: string,
    ) {
      return {
        target: 'need',
        need_id: need,
        resource_id: null,
        claimant: who,
        member_id: member,
        org_id: org,
        headcount,
        note: null,
        status,
        reason: status === 'declined' ? pick(DECLINE_REASONS) : null,
        decided_by: null,
        decided_at: status === 'pending' ? null : created,
        created_by: 1,
        created_at: created,
      };
    }
    function activity(
      c: number,
      date: string,
      regs: { member: number; accepted: string }[],
      units: number[],
      fromNeed: boolean,
      fixed?: { startsAt: string; endsAt: string; title: string },
    ) {
      const [cat, title, desc] = pick(NEED_TEMPLATES);
      const startsAt = fixed?.startsAt ?? at(date, pick(['08:30', '09:00', '14:30', '15:00', '19:00']));
      const endsAt = fixed?.endsAt ?? plusMin(startsAt, pick([90, 120, 120, 180]));
      const past = endsAt < now;
      const limit = int(6, 20);
      const people = regs
        .filter((r) => r.accepted <= date && (!fixed || r.member !== cadre?.id))
        .sort(() => rng() - 0.5)
        .slice(0, int(2, Math.min(limit, 8)));
      if (
        c === home &&
        cadre &&
        date >= cadreSince &&
        (fixed || rng() < 0.5) &&
        !people.some((p) => p.member === cadre.id)
      )
        people.unshift({ member: cadre.id, accepted: date });
      if (c === home && demoMember?.member_id && rng() < 0.5)
        people.push({ member: demoMember.member_id, accepted: date });
      let need: number | null = null;
      const doneDate = shift(date, 1) > today ? today : shift(date, 1);
      if (fromNeed && !fixed) {
        need = add('cobuild_need', {
          community_org_id: c,
          title,
          category: cat,
          description: desc,
          place: null,
          start_date: shift(date, -20),
          end_date: shift(date, 3),
          headcount: limit,
          skills: null,
          status: past ? 'done' : 'open',
          close_reason: null,
          done_date: past ? doneDate : null,
          created_by: 1,
          created_at: at(shift(date, -20), '09:00'),
          updated_at: now,
        });
        for (const p of people) {
          const k = add(
            'cobuild_claim',
            claimRow(need, 'member', p.member, null, 1, past ? 'fulfilled' : 'accepted', at(shift(date, -10), '20:00')),
          );
          if (past)
            credits.push({
              kind: 'member',
              id: p.member,
              action: 'needFulfilled',
              date: doneDate,
              reason: `认领的需求「${title}」已完成`,
              source: ['claim', k],
            });
        }
        if (units.length && rng() < 0.4) {
          const k = add(
            'cobuild_claim',
            claimRow(need, 'unit', null, units[0], 2, past ? 'fulfilled' : 'accepted', at(shift(date, -12), '10:00')),
          );
          if (past)
            credits.push({
              kind: 'unit',
              id: units[0],
              action: 'needFulfilled',
              date: doneDate,
              reason: `认领的需求「${title}」已完成`,
              source: ['claim', k],
            });
        }
        if (rng() < 0.2 && regs.length > people.length)
          add(
            'cobuild_claim',
            claimRow(need, 'member', regs[regs.length - 1].member, null, 1, 'declined', at(shift(date, -8), '20:00')),
          );
      }
      const place = `${tree.label(c).replace(/党.*$/, '')}${pick(['党群服务中心', '文化广场', '新时代文明实践站', '居民小区'])}`;
      const aid = add('cobuild_activity', {
        community_org_id: c,
        need_id: need,
        project_id: null,
        title: fixed?.title ?? title,
        category: cat,
        description: desc,
        place,
        lat: null,
        lng: null,
        starts_at: startsAt,
        ends_at: endsAt,
        activity_date: date,
        signup_limit: limit,
        status: 'open',
        cancel_reason: null,
        checkin_token: `demo-in-${ids.cobuild_activity ?? 0}-${Math.floor(rng() * 1e12).toString(36)}`,
        checkout_token: `demo-out-${ids.cobuild_activity ?? 0}-${Math.floor(rng() * 1e12).toString(36)}`,
        created_by: 1,
        created_at: at(shift(date, -7), '09:00'),
        updated_at: now,
      });
      const recent = date >= shift(today, -7);
      for (const p of people) {
        const checkin = past ? plusMin(startsAt, -int(0, 25)) : null;
        const checkout = past ? plusMin(endsAt, int(-20, 15)) : null;
        const hours =
          checkin && checkout ? serviceHours({ starts_at: startsAt, ends_at: endsAt }, checkin, checkout) : null;
        const verification = !past
          ? 'pending'
          : recent && rng() < 0.6
            ? 'pending'
            : rng() < 0.03
              ? 'rejected'
              : 'verified';
        const sid = add('cobuild_signup', {
          activity_id: aid,
          member_id: p.member,
          status: 'signed_up',
          signed_up_at: at(shift(date, -5), '21:00'),
          checkin_at: checkin,
          checkin_lat: null,
          checkin_lng: null,
          checkin_accuracy: null,
          checkout_at: checkout,
          checkout_lat: null,
          checkout_lng: null,
          checkout_accuracy: null,
          hours,
          verification,
          verified_hours: verification === 'verified' ? hours : null,
          verified_by: null,
          verified_at: verification === 'pending' ? null : plusMin(endsAt, 60 * 24),
          verify_note: verification === 'rejected' ? '现场照片中未见本人' : null,
        });
        if (verification === 'verified' && hours)
          credits.push({
            kind: 'member',
            id: p.member,
            action: 'service',
            date,
            hours,
            reason: `${tree.label(c)}「${fixed?.title ?? title}」志愿服务 ${hours} 小时(经社区核验)`,
            source: ['signup', sid],
          });
      }
    }

    // ── the ledger, chronologically, capped by the default rules ──────────────────
    credits.sort((a, b) => a.date.localeCompare(b.date));
    const used = new Map<string, number>();
    for (const c of credits) {
      const r = DEFAULT_RULES;
      const requested = c.action === 'service' ? (c.hours ?? 0) * r.actions.serviceHour : r.actions[c.action];
      let allowed = Number.POSITIVE_INFINITY;
      let binding: (typeof r.caps)[number] | null = null;
      for (const cap of r.caps.filter((x) => x.action === c.action)) {
        const key = `${c.kind}:${c.id}:${c.action}:${periodOf(c.date, cap.period)[0]}`;
        const remain = cap.max - (used.get(key) ?? 0);
        if (remain < allowed) [allowed, binding] = [remain, cap];
      }
      const counted = round1(Math.max(0, Math.min(requested, allowed)));
      for (const cap of r.caps.filter((x) => x.action === c.action)) {
        const key = `${c.kind}:${c.id}:${c.action}:${periodOf(c.date, cap.period)[0]}`;
        used.set(key, (used.get(key) ?? 0) + counted);
      }
      const base = {
        subject_kind: c.kind,
        subject_id: c.id,
        year: Number(c.date.slice(0, 4)),
        entry_date: c.date,
        at: at(c.date, '18:00'),
        action: c.action,
        vetoed: 0,
        rule_version: 0,
        source_kind: c.source[0],
        source_id: c.source[1],
        created_by: null,
      };
      const excess = round1(requested - counted);
      if (excess > 0 && binding)
        add('cobuild_point', {
          ...base,
          points: excess,
          capped: 1,
          reason: `${c.reason}:超出封顶(${periodOf(c.date, binding.period)[2]}不超过 ${binding.max} 分),超出的 ${excess} 分记录在案、不计入`,
        });
      if (counted > 0 || excess === 0) add('cobuild_point', { ...base, points: counted, capped: 0, reason: c.reason });
    }
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
    // Totals from the rows just built (what refreshTotal() computes, for everyone at once).
    const totals = new Map<
      string,
      { subject_kind: string; subject_id: number; year: number; points: number; hours: number }
    >();
    const total = (kind: string, id: number, year: number) => {
      const k = `${kind}:${id}:${year}`;
      let t = totals.get(k);
      if (!t) totals.set(k, (t = { subject_kind: kind, subject_id: id, year, points: 0, hours: 0 }));
      return t;
    };
    for (const p of rows.cobuild_point ?? []) {
      const t = total(p.subject_kind as string, p.subject_id as number, p.year as number);
      if (!p.capped && !p.vetoed) t.points = round1(t.points + (p.points as number));
    }
    const activityDate = new Map((rows.cobuild_activity ?? []).map((a) => [a.id as number, a.activity_date as string]));
    for (const g of rows.cobuild_signup ?? [])
      if (g.verification === 'verified' && g.verified_hours) {
        const t = total(
          'member',
          g.member_id as number,
          Number(activityDate.get(g.activity_id as number)!.slice(0, 4)),
        );
        t.hours = round1(t.hours + (g.verified_hours as number));
      }
    await insertAll(d, 'cobuild_point_total', [...totals.values()]);

    // ── the last quarter's letters, the last bulletin, two demo accounts ──────────
    const y = Number(today.slice(0, 4));
    const q = Math.ceil(Number(today.slice(5, 7)) / 3);
    const [ly, lq] = q === 1 ? [y - 1, 4] : [y, q - 1];
    const fresh = await loadTree(db);
    const report = async (
      kind: string,
      org: number,
      r: { period: string; from: string; to: string },
      data: { title: string },
      notice: string,
    ) => {
      await db
        .insertInto('cobuild_report')
        .values({
          kind,
          org_id: org,
          period: r.period,
          from_date: r.from,
          to_date: r.to,
          data_json: JSON.stringify(data),
          created_by: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await db
        .insertInto('notification')
        .values({
          org_id: org,
          task_id: null,
          kind: notice,
          message: `《${data.title}》已送达`,
          dedupe_key: `${notice}:${org}:${r.period}`,
          link: `/cobuild/reports`,
          user_id: null,
          created_at: now,
          read_at: null,
        })
        .execute();
    };
    for (const unit of [...units.keys()].sort((a, b) => a - b))
      await report(
        'letter',
        unit,
        quarterRange(ly, lq),
        await letterData(db, fresh, unit, ly, lq, today),
        'cobuild_letter',
      );
    const b = Math.ceil(Number(today.slice(5, 7)) / 2);
    const [by, bb] = b === 1 ? [y - 1, 6] : [y, b - 1];
    const root = orgs.find((o) => o.parent_id === null)!;
    await report(
      'bulletin',
      root.id,
      bimesterRange(by, bb),
      await bulletinData(db, fresh, root.id, by, bb, today),
      'cobuild_bulletin',
    );
    if (cadre && showcase) {
      const admin = await db
        .selectFrom('app_user')
        .select('password_hash')
        .where('username', '=', 'demo-admin')
        .executeTakeFirstOrThrow();
      const account = (
        username: string,
        display_name: string,
        role: string,
        scope_org_id: number,
        member_id: number | null,
      ) => ({
        username,
        display_name,
        password_hash: admin.password_hash,
        role,
        scope_org_id,
        member_id,
        must_change_password: 0,
        failed_logins: 0,
        locked_until: null,
        disabled: 0,
        created_at: now,
        updated_at: now,
      });
      await db
        .insertInto('app_user')
        .values([
          account('demo-cadre', `${cadre.name}(演示在职党员)`, 'member', cadre.org_id, cadre.id),
          account('demo-unit', `${tree.label(showcase)}书记(演示)`, 'unit_admin', showcase, null),
        ])
        .execute();
    }
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
