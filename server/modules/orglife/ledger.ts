/**
 * Generated ledgers (none typed): a branch's 组织生活台账 for a year and the compliance report of a
 * township or the county, as .xlsx the offices can file or forward.
 */
import ExcelJS from 'exceljs';
import { MEETING_TYPES } from '../../../common/enums.ts';
import type { Ctx } from '../../context.ts';
import { audit } from '../../context.ts';
import { localDate } from '../../lib/clock.ts';
import { percent } from '../../lib/figures.ts';
import { pathUpper, type Actor } from '../../lib/scope.ts';
import { listRoot } from './access.ts';
import { listCompliance } from './compliance.service.ts';
import { dashboard } from './dashboard.service.ts';
import { listMeetings } from './meetings.service.ts';
import { cnDate, periodLabel } from './periods.ts';

const STATUS = { done: '已完成', missed: '未完成', due: '临期未开', open: '未到期' } as const;

function sheet(wb: ExcelJS.Workbook, name: string, title: string, headers: [string, number][]) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.mergeCells(1, 1, 1, headers.length);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.getRow(2).values = headers.map((h) => h[0]);
  ws.getRow(2).font = { bold: true };
  headers.forEach((h, i) => {
    ws.getColumn(i + 1).width = h[1];
  });
  return ws;
}

async function audited(ctx: Ctx, actor: Actor, action: string, orgId: number, year: number) {
  await ctx.db
    .transaction()
    .execute((trx) => audit(ctx, trx, actor, { action, entity: 'org_unit', entityId: orgId, after: { year } }));
}

/** 组织生活台账 of a branch (its meetings, its 党小组' too), its compliance and its members' attendance. */
export async function branchLedger(ctx: Ctx, actor: Actor, q: { orgId?: number; year: number }) {
  const org = await listRoot(ctx.db, actor, q.orgId);
  const meetings = await listMeetings(ctx, actor, {
    orgId: org.id,
    from: `${q.year}-01-01`,
    to: `${q.year}-12-31`,
    page: 1,
    pageSize: 100_000,
  });
  const ids = meetings.items.map((m) => m.id);
  const people: {
    meeting_id: number;
    name: string;
    status: string;
    reason: string | null;
    role: string;
    member_id: number;
  }[] = [];
  for (let i = 0; i < ids.length; i += 500)
    people.push(
      ...(await ctx.db
        .selectFrom('meeting_attendee as a')
        .innerJoin('member as p', 'p.id', 'a.member_id')
        .select(['a.meeting_id', 'p.name', 'a.status', 'a.reason', 'a.role', 'a.member_id'])
        .where('a.meeting_id', 'in', ids.slice(i, i + 500))
        .execute()),
    );
  const resolutions: { meeting_id: number; text: string }[] = [];
  for (let i = 0; i < ids.length; i += 500)
    resolutions.push(
      ...(await ctx.db
        .selectFrom('meeting_resolution')
        .select(['meeting_id', 'text'])
        .where('meeting_id', 'in', ids.slice(i, i + 500))
        .execute()),
    );
  const wb = new ExcelJS.Workbook();
  wb.creator = '落实';
  const ws = sheet(wb, '会议台账', `${org.name} ${q.year}年组织生活台账`, [
    ['序号', 6],
    ['日期', 16],
    ['会议类型', 20],
    ['组织', 24],
    ['议题', 36],
    ['主持人', 10],
    ['记录人', 10],
    ['应到', 7],
    ['实到', 7],
    ['请假', 7],
    ['缺席人员及原因', 40],
    ['法定人数', 10],
    ['决议', 36],
    ['状态', 8],
    ['录入时间', 20],
    ['补录原因', 24],
  ]);
  const extra = new Map<number, { recorder: string | null; backdate_reason: string | null }>();
  for (let i = 0; i < ids.length; i += 500)
    for (const r of await ctx.db
      .selectFrom('meeting')
      .select(['id', 'recorder', 'backdate_reason'])
      .where('id', 'in', ids.slice(i, i + 500))
      .execute())
      extra.set(r.id, r);
  [...meetings.items].reverse().forEach((m, i) => {
    const abs = people.filter(
      (p) => p.meeting_id === m.id && p.role === '应到' && (p.status === '缺席' || p.status === '请假'),
    );
    ws.addRow([
      i + 1,
      cnDate(m.heldDate),
      m.types.join('、'),
      m.org.name,
      m.topic,
      m.host ?? '',
      extra.get(m.id)?.recorder ?? '',
      m.expected,
      m.present,
      m.leave,
      abs.map((p) => (p.status === '请假' ? `${p.name}(请假:${p.reason ?? ''})` : p.name)).join('、'),
      m.quorum ? '达到' : '未达到',
      resolutions
        .filter((r) => r.meeting_id === m.id)
        .map((r) => r.text)
        .join(';'),
      m.status,
      new Date(Date.parse(m.createdAt) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' '),
      extra.get(m.id)?.backdate_reason ?? '',
    ]);
  });
  const comp = await listCompliance(ctx, actor, { orgId: org.id, year: q.year });
  const cs = sheet(wb, '合规情况', `${org.name} ${q.year}年三会一课等制度落实情况`, [
    ['组织', 26],
    ['会议类型', 14],
    ['周期', 18],
    ['应开', 7],
    ['已开(达到法定人数)', 18],
    ['未达法定人数', 12],
    ['情况', 10],
  ]);
  for (const c of comp.items)
    cs.addRow([c.orgName, c.type, c.periodLabel, c.required, c.held, c.belowQuorum, STATUS[c.status]]);

  // One row per member: their status in each month (出席 if they attended any meeting that month).
  const ms = sheet(wb, '党员出勤', `${org.name} ${q.year}年党员参加组织生活情况`, [
    ['姓名', 10],
    ...Array.from({ length: 12 }, (_, i) => [`${i + 1}月`, 6] as [string, number]),
    ['应到', 7],
    ['实到', 7],
    ['请假', 7],
    ['出勤率', 8],
  ]);
  const monthOf = new Map(meetings.items.map((m) => [m.id, Number(m.heldDate.slice(5, 7))]));
  const byMember = new Map<number, { name: string; months: string[]; e: number; a: number; l: number }>();
  for (const p of people) {
    if (p.role !== '应到' || meetings.items.find((m) => m.id === p.meeting_id)?.status !== '已召开') continue;
    let r = byMember.get(p.member_id);
    if (!r) byMember.set(p.member_id, (r = { name: p.name, months: Array(12).fill(''), e: 0, a: 0, l: 0 }));
    const k = monthOf.get(p.meeting_id)! - 1;
    const here = p.status === '出席' || p.status === '补签';
    r.e++;
    if (here) r.a++;
    if (p.status === '请假') r.l++;
    r.months[k] = here || r.months[k] === '✓' ? '✓' : p.status === '请假' || r.months[k] === '假' ? '假' : '✗';
  }
  for (const r of [...byMember.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh')))
    ms.addRow([r.name, ...r.months, r.e, r.a, r.l, r.e ? `${percent(r.a, r.e)}%` : '']);
  ms.addRow([]);
  ms.addRow(['说明:✓ 当月参加了组织生活;假 当月请假;✗ 当月应到未到;空白 当月无应参加的会议。']);
  await audited(ctx, actor, 'orglife.ledger.export', org.id, q.year);
  return { fileName: `组织生活台账-${org.name}-${q.year}.xlsx`, data: Buffer.from(await wb.xlsx.writeBuffer()) };
}

/** The compliance report of a township or the county: children ranked, every branch, every miss. */
export async function complianceReport(ctx: Ctx, actor: Actor, q: { orgId?: number; year: number }) {
  const d = await dashboard(ctx, actor, q);
  const comp = await listCompliance(ctx, actor, { orgId: d.org.id, year: q.year });
  const wb = new ExcelJS.Workbook();
  wb.creator = '落实';
  const today = localDate(ctx.clock.now());
  const ss = sheet(wb, '汇总', `${d.org.name} ${q.year}年组织生活制度落实情况(截至${cnDate(today)})`, [
    ['排名', 6],
    ['单位', 30],
    ['支部数', 8],
    ['应开(已到期)', 12],
    ['已开', 8],
    ['缺开', 8],
    ['完成率', 9],
    ['出勤率', 9],
  ]);
  for (const c of [...d.children].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9)))
    ss.addRow([
      c.rank ?? '',
      c.name,
      c.branches,
      c.required,
      c.held,
      c.missing,
      c.rate == null ? '—' : `${c.rate}%`,
      c.attendanceRate == null ? '—' : `${c.attendanceRate}%`,
    ]);
  ss.addRow([
    '合计',
    d.org.name,
    d.lights.red + d.lights.yellow + d.lights.green,
    d.required,
    d.held,
    d.missing,
    d.rate == null ? '—' : `${d.rate}%`,
    d.attendanceRate == null ? '—' : `${d.attendanceRate}%`,
  ]);
  ss.addRow([]);
  ss.addRow([
    '',
    `红灯支部 ${d.lights.red} 个(上一周期有未按期召开的会议),黄灯 ${d.lights.yellow} 个(本周期临期未开),绿灯 ${d.lights.green} 个;连续 6 个月以上未参加组织生活的党员 ${d.longAbsent} 名;未达到法定人数的会议记录 ${d.belowQuorum} 次。`,
  ]);

  const types = MEETING_TYPES.filter((t) => comp.items.some((c) => c.type === t));
  const bs = sheet(wb, '支部明细', `${d.org.name} ${q.year}年各支部三会一课落实情况(已开/应开,只计已到期周期)`, [
    ['支部', 34],
    ...types.map((t) => [t, 12] as [string, number]),
    ['完成率', 9],
  ]);
  const root = await listRoot(ctx.db, actor, d.org.id);
  const paths = new Map(
    (
      await ctx.db
        .selectFrom('org_unit')
        .select(['id', 'path'])
        .where('path', '>=', root.path)
        .where('path', '<', pathUpper(root.path))
        .execute()
    ).map((o) => [o.id, o.path]),
  );
  const byOrg = new Map<number, typeof comp.items>();
  for (const c of comp.items) byOrg.set(c.orgId, [...(byOrg.get(c.orgId) ?? []), c]);
  for (const [, list] of [...byOrg.entries()].sort((a, b) =>
    (paths.get(a[0]) ?? '').localeCompare(paths.get(b[0]) ?? ''),
  )) {
    const due = list.filter((c) => c.status === 'done' || c.status === 'missed');
    const req = due.reduce((s, c) => s + c.required, 0);
    const held = due.reduce((s, c) => s + Math.min(c.held, c.required), 0);
    bs.addRow([
      list[0].orgName,
      ...types.map((t) => {
        const l = due.filter((c) => c.type === t);
        return l.length
          ? `${l.reduce((s, c) => s + Math.min(c.held, c.required), 0)}/${l.reduce((s, c) => s + c.required, 0)}`
          : '—';
      }),
      req ? `${percent(held, req)}%` : '—',
    ]);
  }
  const ms = sheet(wb, '缺开明细', `${d.org.name} ${q.year}年未按期召开的会议`, [
    ['支部', 34],
    ['会议类型', 14],
    ['周期', 18],
    ['应开', 7],
    ['已开', 7],
    ['未达法定人数的记录', 16],
  ]);
  for (const c of comp.items.filter((x) => x.status === 'missed'))
    ms.addRow([c.orgName, c.type, periodLabel(c.period), c.required, c.held, c.belowQuorum]);
  await audited(ctx, actor, 'orglife.compliance.export', d.org.id, q.year);
  return { fileName: `组织生活落实情况-${d.org.name}-${q.year}.xlsx`, data: Buffer.from(await wb.xlsx.writeBuffer()) };
}
