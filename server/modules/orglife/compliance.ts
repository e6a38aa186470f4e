/**
 * Compliance of branches with the versioned rules (pure: records in, items out). "Held" means a
 * meeting record of that type whose check-ins reach the rule's quorum; a record below quorum is
 * counted separately so that it can be shown, never as held.
 */
import type { QuorumKind, RuleFrequency } from '../../../common/enums.ts';
import { daysBetween, periodsOfYear, proRata, type Period } from './periods.ts';

export interface Rule {
  id: number;
  ruleSetId: number;
  orgType: string;
  meetingType: string;
  frequency: RuleFrequency;
  atLeast: number;
  minFullMembers: number;
  perGroup: boolean;
  quorum: QuorumKind;
  source: string;
}
export interface RuleSet {
  id: number;
  name: string;
  effectiveFrom: string;
  dueSoonDays: number;
  rules: Rule[];
}
export interface BranchInput {
  id: number;
  type: string;
  /** Local date the org was set up (pro rata for a first period), null = long before. */
  since: string | null;
  /** 正式党员 (有表决权) now: decides e.g. whether a 支委会 is required. */
  fullMembers: number;
  groups: { id: number; since: string | null }[];
}
export interface MeetingCounts {
  expected: number;
  expectedVoting: number;
  present: number;
  presentVoting: number;
}
export interface MeetingInput extends MeetingCounts {
  id: number;
  /** The branch, or the 党小组 for a 党小组会. */
  orgId: number;
  heldDate: string;
  types: string[];
}
export type ItemStatus = 'done' | 'missed' | 'due' | 'open';
export interface ComplianceItem {
  orgId: number;
  type: string;
  period: string;
  year: number;
  periodStart: string;
  periodEnd: string;
  required: number;
  held: number;
  belowQuorum: number;
  status: ItemStatus;
  ruleSetId: number;
}

export function quorumMet(kind: QuorumKind, m: MeetingCounts): boolean {
  switch (kind) {
    case 'voting_majority':
      return m.expectedVoting > 0 ? m.presentVoting * 2 > m.expectedVoting : m.present > 0;
    case 'half':
      return m.expected > 0 ? m.present * 2 >= m.expected : m.present > 0;
    case 'any':
      return m.present > 0;
  }
}

/** The rule set a period is judged by: the latest version effective on the period's first day. */
export function setFor(sets: RuleSet[], periodStart: string): RuleSet | undefined {
  let best: RuleSet | undefined;
  for (const s of sets) if (s.effectiveFrom <= periodStart && (!best || s.effectiveFrom > best.effectiveFrom)) best = s;
  return best ?? [...sets].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))[0];
}

export function itemStatus(required: number, held: number, p: Period, today: string, dueSoonDays: number): ItemStatus {
  if (held >= required) return 'done';
  if (p.end < today) return 'missed';
  return daysBetween(today, p.end) < dueSoonDays ? 'due' : 'open';
}

/**
 * Every requirement of `year` for the given branches, for periods that have started by `today`.
 * Requirements with nothing required (a branch too small for a 支委会, one without 党小组, a period
 * before the branch existed) produce no item.
 */
export function evaluate(
  year: number,
  today: string,
  sets: RuleSet[],
  branches: BranchInput[],
  meetings: MeetingInput[],
): ComplianceItem[] {
  if (!sets.length) return [];
  const byOrg = new Map<number, MeetingInput[]>();
  for (const m of meetings) {
    const list = byOrg.get(m.orgId);
    if (list) list.push(m);
    else byOrg.set(m.orgId, [m]);
  }
  // Every (org type, meeting type, frequency) any version mentions: a later version may add a rule.
  const shapes = new Map<string, { orgType: string; type: string; frequency: RuleFrequency }>();
  for (const s of sets)
    for (const r of s.rules)
      shapes.set(`${r.orgType}|${r.meetingType}|${r.frequency}`, {
        orgType: r.orgType,
        type: r.meetingType,
        frequency: r.frequency,
      });
  const periodsCache = new Map<RuleFrequency, Period[]>();
  const periods = (f: RuleFrequency) => {
    let p = periodsCache.get(f);
    if (!p) periodsCache.set(f, (p = periodsOfYear(year, f).filter((x) => x.start <= today)));
    return p;
  };

  const out: ComplianceItem[] = [];
  for (const b of branches) {
    for (const shape of shapes.values()) {
      if (shape.orgType !== b.type) continue;
      for (const p of periods(shape.frequency)) {
        const set = setFor(sets, p.start);
        const rule = set?.rules.find(
          (r) => r.orgType === b.type && r.meetingType === shape.type && r.frequency === shape.frequency,
        );
        if (!set || !rule || b.fullMembers < rule.minFullMembers) continue;
        const inPeriod = (orgId: number) =>
          (byOrg.get(orgId) ?? []).filter(
            (m) => m.heldDate >= p.start && m.heldDate <= p.end && m.types.includes(rule.meetingType),
          );
        let required = 0;
        let held = 0;
        let below = 0;
        const units = rule.perGroup
          ? b.groups.map((g) => ({ id: g.id, since: maxDate(b.since, g.since) }))
          : [{ id: b.id, since: b.since }];
        for (const u of units) {
          const req = proRata(rule.atLeast, p, u.since);
          const ms = inPeriod(u.id);
          const ok = ms.filter((m) => quorumMet(rule.quorum, m)).length;
          below += ms.length - ok;
          required += req;
          // A group's extra meetings do not make up for another group's missing one.
          held += rule.perGroup ? Math.min(ok, req) : ok;
        }
        if (required === 0) continue;
        out.push({
          orgId: b.id,
          type: rule.meetingType,
          period: p.key,
          year,
          periodStart: p.start,
          periodEnd: p.end,
          required,
          held,
          belowQuorum: below,
          status: itemStatus(required, held, p, today, set.dueSoonDays),
          ruleSetId: set.id,
        });
      }
    }
  }
  return out;
}

const maxDate = (a: string | null, b: string | null) => (!a ? b : !b ? a : a > b ? a : b);

export type Light = 'red' | 'yellow' | 'green';

/**
 * A branch's light now: red when the last completed period of some requirement was missed, yellow
 * when a requirement of the current period is due within the rule set's days and not yet held,
 * green otherwise.
 */
export function branchLight(
  items: Pick<ComplianceItem, 'type' | 'period' | 'periodEnd' | 'status'>[],
  today: string,
): Light {
  const lastDone = new Map<string, { end: string; status: ItemStatus }>();
  let yellow = false;
  for (const it of items) {
    if (it.status === 'due') yellow = true;
    if (it.periodEnd >= today) continue;
    const cur = lastDone.get(it.type);
    if (!cur || it.periodEnd > cur.end) lastDone.set(it.type, { end: it.periodEnd, status: it.status });
  }
  for (const v of lastDone.values()) if (v.status === 'missed') return 'red';
  return yellow ? 'yellow' : 'green';
}
