/**
 * The demo's year of needs, claims and activities per community: past activities with sign-ins and
 * verification (and the credits they earn), open needs with pending claims, activities to come,
 * and one activity under way today in the showcase community.
 */
import type { DemoContext } from '../demo/activity.ts';
import { orgName, type Tree } from './access.ts';
import { serviceHours } from './attendance.service.ts';
import type { Credit } from './demo-ledger.ts';
import { DECLINE_REASONS, NEED_TEMPLATES } from './demo-words.ts';

const shift = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86400000).toISOString().slice(0, 10);
const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`).toISOString();
/** ISO dates compare as strings (Math.min does not apply) */
export function earlier(a: string, b: string) {
  if (a < b) return a;
  return b;
}
const plusMin = (iso: string, m: number) => new Date(Date.parse(iso) + m * 60_000).toISOString();

export interface YearState {
  d: DemoContext;
  rng: () => number;
  int: (lo: number, hi: number) => number;
  pick: <T>(xs: readonly T[]) => T;
  add: (table: string, r: Record<string, unknown>) => number;
  ids: Record<string, number>;
  credits: Credit[];
  tree: Tree;
  communities: { id: number; name: string; short_name: string | null }[];
  /** community → members reported there (and since when) */
  live: Map<number, { member: number; accepted: string; regId: number }[]>;
  /** community → paired units */
  paired: Map<number, number[]>;
  home: number | null;
  cadre: { id: number } | undefined;
  cadreSince: string;
  demoMemberId: number | null;
}

export function seedYear(st: YearState) {
  const {
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
    demoMemberId,
  } = st;
  const { today } = d;
  const now = d.now.toISOString();
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
    if (c === home && demoMemberId && rng() < 0.5) people.push({ member: demoMemberId, accepted: date });
    let need: number | null = null;
    const nextDay = shift(date, 1);
    const doneDate = earlier(nextDay, today);
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
}
