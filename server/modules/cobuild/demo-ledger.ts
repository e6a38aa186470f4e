/**
 * The demo's point ledger and totals (built in memory, chronologically, with the same cap rule as
 * credit() under the default rules), the last quarter's letters, the last bulletin, and the two
 * demo accounts of this module.
 */
import type { NotificationKind } from '../../../common/enums.ts';
import type { DemoContext } from '../demo/activity.ts';
import { loadTree } from './access.ts';
import { bimesterRange, bulletinData } from './bulletins.service.ts';
import { DEFAULT_RULES, periodOf, round1 } from './points.ts';
import { letterData, quarterRange } from './reports.service.ts';

export interface Credit {
  kind: 'member' | 'unit';
  id: number;
  action: 'report' | 'service' | 'leadProject' | 'needFulfilled';
  date: string;
  hours?: number;
  reason: string;
  source: [string, number];
}
type Row = Record<string, unknown>;
const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`).toISOString();

/** Ledger rows for the credits, in date order; the excess over a cap is its own capped row. */
export function ledgerRows(credits: Credit[]): Row[] {
  const out: Row[] = [];
  const used = new Map<string, number>();
  const r = DEFAULT_RULES;
  for (const c of [...credits].sort((a, b) => a.date.localeCompare(b.date))) {
    const requested = c.action === 'service' ? (c.hours ?? 0) * r.actions.serviceHour : r.actions[c.action];
    const caps = r.caps.filter((x) => x.action === c.action);
    const key = (period: 'month' | 'quarter' | 'year') =>
      `${c.kind}:${c.id}:${c.action}:${periodOf(c.date, period)[0]}`;
    let allowed = Number.POSITIVE_INFINITY;
    let binding: (typeof r.caps)[number] | null = null;
    for (const cap of caps) {
      const remain = cap.max - (used.get(key(cap.period)) ?? 0);
      if (remain < allowed) [allowed, binding] = [remain, cap];
    }
    const counted = round1(Math.max(0, Math.min(requested, allowed)));
    for (const cap of caps) used.set(key(cap.period), (used.get(key(cap.period)) ?? 0) + counted);
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
      out.push({
        ...base,
        points: excess,
        capped: 1,
        reason: `${c.reason}:超出封顶(${periodOf(c.date, binding.period)[2]}不超过 ${binding.max} 分),超出的 ${excess} 分记录在案、不计入`,
      });
    if (counted > 0 || excess === 0) out.push({ ...base, points: counted, capped: 0, reason: c.reason });
  }
  return out;
}

/** Per subject and year: counted points and verified hours (what refreshTotal() computes). */
export function totalsOf(rows: Record<string, Row[]>): Row[] {
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
      const year = Number(activityDate.get(g.activity_id as number)!.slice(0, 4));
      const t = total('member', g.member_id as number, year);
      t.hours = round1(t.hours + (g.verified_hours as number));
    }
  return [...totals.values()];
}

/** The last complete quarter's letters for every employer unit and the last complete bulletin. */
export async function seedReports(d: DemoContext, units: number[]) {
  const { db, today } = d;
  const now = d.now.toISOString();
  const y = Number(today.slice(0, 4));
  const q = Math.ceil(Number(today.slice(5, 7)) / 3);
  const [ly, lq] = q === 1 ? [y - 1, 4] : [y, q - 1];
  const tree = await loadTree(db);
  const report = async (
    kind: string,
    org: number,
    r: { period: string; from: string; to: string },
    data: { title: string },
    notice: NotificationKind,
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
        link: '/cobuild/reports',
        user_id: null,
        created_at: now,
        read_at: null,
      })
      .execute();
  };
  for (const unit of [...units].sort((a, b) => a - b))
    await report(
      'letter',
      unit,
      quarterRange(ly, lq),
      await letterData(db, tree, unit, ly, lq, today),
      'cobuild_letter',
    );
  const b = Math.ceil(Number(today.slice(5, 7)) / 2);
  const [by, bb] = b === 1 ? [y - 1, 6] : [y, b - 1];
  const root = [...tree.orgs.values()].filter((o) => o.parentId === null).sort((a, c) => a.id - c.id)[0];
  await report(
    'bulletin',
    root.id,
    bimesterRange(by, bb),
    await bulletinData(db, tree, root.id, by, bb, today),
    'cobuild_bulletin',
  );
}

/** demo-cadre (the in-service member) and demo-unit (the department branch's secretary). */
export async function seedAccounts(
  d: DemoContext,
  cadre: { id: number; name: string; org_id: number },
  unit: number,
  unitName: string,
) {
  const now = d.now.toISOString();
  const admin = await d.db
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
  await d.db
    .insertInto('app_user')
    .values([
      account('demo-cadre', `${cadre.name}(演示在职党员)`, 'member', cadre.org_id, cadre.id),
      account('demo-unit', `${unitName}书记(演示)`, 'unit_admin', unit, null),
    ])
    .execute();
}
