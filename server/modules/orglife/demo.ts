/**
 * 组织生活 in the demo county: a year of meetings ending today — most branches keep to the rules,
 * some skip 党课 or 党员大会 in a quarter, a few are weak (missed 主题党日, meetings below quorum);
 * 支委 and 党小组 membership on record; check-ins by scan or 补签, 请假 with reasons (流动党员 more
 * often); about fifty members with 3–7 month absence streaks. Then compliance, streaks, reminders
 * and 6-month cases are computed by the module's own job, as in production.
 */
import { COMMITTEE_ROLES } from '../../../common/enums.ts';
import { loadConfig } from '../../config.ts';
import type { Ctx } from '../../context.ts';
import { sql } from 'kysely';
import type { DemoContext, DemoSeeder } from '../demo/activity.ts';
import { tick } from './jobs.ts';
import { bulkInsert } from './bulk.ts';
import { addDays, addMonths } from './periods.ts';

const LEAVE = ['外出务工', '身体原因', '照顾家人', '出差', '在外地上学', '参加上级会议', '农忙'];
const TOPICS: Record<string, string[]> = {
  主题党日: [
    '学习贯彻上级会议精神',
    '"我为群众办实事"志愿服务',
    '重温入党誓词',
    '人居环境整治义务劳动',
    '走访慰问困难党员',
    '学习党章党规',
  ],
  党课: ['书记讲党课:抓落实、见实效', '党员的权利和义务', '发扬斗争精神', '以案促改警示教育'],
  支部党员大会: [
    '讨论发展党员和预备党员转正',
    '听取支部工作报告',
    '研究村级重大事项"四议两公开"',
    '选举出席上级党代会代表',
  ],
  支部委员会: ['研究本月党建重点工作', '研究发展党员工作', '分析党员思想状况', '研究为民办实事项目'],
  党小组会: ['学习讨论与联系群众', '党员互帮互学', '传达支部会议精神'],
};
const RESOLUTIONS = [
  '同意接收一名同志为中共预备党员,报上级党委审批',
  '通过村级道路硬化项目实施方案,按"四议两公开"程序公示',
  '开展人居环境整治专项行动,年底前完成',
  '建立党员联系户制度,每名党员联系5户群众',
];

const MEETING_COLS = [
  'id',
  'org_id',
  'status',
  'held_at',
  'held_date',
  'end_at',
  'place',
  'topic',
  'host',
  'recorder',
  'lecturer',
  'lecture_title',
  'talk_mode',
  'minutes_text',
  'expected',
  'expected_voting',
  'present',
  'present_voting',
  'leave_count',
  'checkin_state',
  'created_at',
  'updated_at',
];
const ATT_COLS = ['meeting_id', 'member_id', 'role', 'voting', 'status', 'reason', 'via', 'at'];

interface Org {
  id: number;
  type: string;
  parent_id: number | null;
  path: string;
  secretary_member_id: number | null;
}
interface Mem {
  id: number;
  org_id: number;
  member_type: string;
  category: string;
  join_date: string | null;
  name: string;
}

export const orglifeDemo: DemoSeeder = {
  name: 'orglife',
  async seed(d: DemoContext) {
    const { rng, today, now } = d;
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng() * xs.length)];
    const ago = (years: number) => addDays(today, -365 * years);
    const ctx: Ctx = {
      config: loadConfig({ LOG_LEVEL: 'silent' }),
      database: { db: d.db, dialect: d.dialect, close: async () => {}, optimize: async () => {} },
      db: d.db,
      dialect: d.dialect,
      clock: { now: () => now },
    };
    const orgs = (await d.db
      .selectFrom('org_unit')
      .select(['id', 'type', 'parent_id', 'path', 'secretary_member_id'])
      .where('type', 'in', ['党支部', '党总支', '党小组'])
      .orderBy('id')
      .execute()) as Org[];
    const members = (await d.db
      .selectFrom('member')
      .select(['id', 'org_id', 'member_type', 'category', 'join_date', 'name'])
      .where('status', '=', '正常')
      .orderBy('id')
      .execute()) as Mem[];
    const byOrg = new Map<number, Mem[]>();
    for (const m of members) {
      const l = byOrg.get(m.org_id);
      if (l) l.push(m);
      else byOrg.set(m.org_id, [m]);
    }
    const allPaths = new Map(
      (await d.db.selectFrom('org_unit').select(['id', 'path']).execute()).map((o) => [o.id, o.path] as const),
    );
    /** Members anywhere below a 党总支 (they sit in its 支部). */
    const subtree = (o: Org) => members.filter((m) => m.org_id !== o.id && allPaths.get(m.org_id)?.startsWith(o.path));
    const orgById = new Map(orgs.map((o) => [o.id, o]));
    const branches = orgs.filter((o) => o.type === '党支部');
    const zongzhi = orgs.filter((o) => o.type === '党总支');
    const groupsOf = new Map<number, Org[]>();
    for (const g of orgs.filter((o) => o.type === '党小组')) {
      const l = groupsOf.get(g.parent_id!);
      if (l) l.push(g);
      else groupsOf.set(g.parent_id!, [g]);
    }
    const stamp = now.toISOString();
    const since = ago(2);

    // A year of roster rows (~1,000,000) lands in two B-trees; SQLite's default 2 MB page cache
    // would write most pages to the WAL again and again. A bigger cache for the load only.
    const lite = d.dialect === 'sqlite';
    if (lite) await sql`pragma cache_size = -262144`.execute(d.db);
    await d.db.transaction().execute(async (trx) => {
      // The county's branches have existed for years (the records were only just loaded).
      await trx
        .updateTable('org_unit')
        .set({ created_at: `${ago(3)}T00:00:00.000Z` })
        .where('type', 'in', ['党支部', '党总支', '党小组'])
        .execute();

      // 支委: branches with ≥ 7 正式党员 (3 or 5 of them), each 党总支 (5, from its branches).
      const committee = new Map<number, Mem[]>();
      const cRows: {
        org_id: number;
        member_id: number;
        role: string;
        start_date: string;
        end_date: null;
        created_by: null;
        created_at: string;
      }[] = [];
      const roles = [
        COMMITTEE_ROLES[0],
        COMMITTEE_ROLES[2],
        COMMITTEE_ROLES[3],
        COMMITTEE_ROLES[4],
        COMMITTEE_ROLES[1],
      ];
      for (const b of [...branches, ...zongzhi]) {
        const pool = b.type === '党总支' ? subtree(b) : (byOrg.get(b.id) ?? []);
        const full = pool.filter((m) => m.member_type === '正式');
        if (full.length < 7) continue;
        const sec = full.find((m) => m.id === b.secretary_member_id) ?? full[0];
        const chosen = [sec, ...full.filter((m) => m !== sec).slice(0, (full.length >= 15 ? 5 : 3) - 1)];
        committee.set(b.id, chosen);
        for (const [i, m] of chosen.entries())
          cRows.push({
            org_id: b.id,
            member_id: m.id,
            role: roles[i],
            start_date: since,
            end_date: null,
            created_by: null,
            created_at: stamp,
          });
      }
      for (let i = 0; i < cRows.length; i += 500)
        await trx
          .insertInto('org_committee_member')
          .values(cRows.slice(i, i + 500))
          .execute();

      // 党小组: the branch's members, round robin.
      const groupMembers = new Map<number, Mem[]>();
      const gRows: { group_id: number; member_id: number; start_date: string; end_date: null; created_at: string }[] =
        [];
      for (const [branchId, gs] of groupsOf) {
        (byOrg.get(branchId) ?? []).forEach((m, i) => {
          const g = gs[i % gs.length];
          const l = groupMembers.get(g.id);
          if (l) l.push(m);
          else groupMembers.set(g.id, [m]);
          gRows.push({ group_id: g.id, member_id: m.id, start_date: since, end_date: null, created_at: stamp });
        });
      }
      for (let i = 0; i < gRows.length; i += 500)
        await trx
          .insertInto('party_group_member')
          .values(gRows.slice(i, i + 500))
          .execute();

      // Who is on a streak: ~50 members of village/community branches, absent the last k months.
      const streakOf = new Map<number, { from: string; leave: string | null }>();
      const curMonth = today.slice(0, 7);
      const candidates = members.filter((m) => m.category !== '离退休' && m.member_type === '正式');
      const firstTown = branches.find((b) => (byOrg.get(b.id)?.length ?? 0) > 20);
      const forced = firstTown ? (byOrg.get(firstTown.id) ?? []).slice(5, 8) : [];
      for (const m of [...forced, ...Array.from({ length: 48 }, () => pick(candidates))]) {
        const k = pick([3, 3, 4, 4, 5, 5, 6, 7, 7]);
        streakOf.set(m.id, {
          from: addMonths(curMonth, -(k - 1)),
          leave: rng() < 0.3 ? addMonths(curMonth, -Math.floor(rng() * (k - 1))) : null,
        });
      }

      let meetingId = Number(
        (
          await trx
            .selectFrom('meeting')
            .select((eb) => eb.fn.max('id').as('m'))
            .executeTakeFirst()
        )?.m ?? 0,
      );
      const meetingRows: unknown[][] = [];
      const typeRows: unknown[][] = [];
      const attRows: unknown[][] = [];
      const resRows: unknown[][] = [];
      const flush = async (force = false) => {
        if (!force && attRows.length < 20_000) return;
        await bulkInsert(trx, d.dialect, 'meeting', MEETING_COLS, meetingRows);
        await bulkInsert(trx, d.dialect, 'meeting_type', ['meeting_id', 'type'], typeRows);
        await bulkInsert(trx, d.dialect, 'meeting_attendee', ATT_COLS, attRows);
        await bulkInsert(
          trx,
          d.dialect,
          'meeting_resolution',
          ['meeting_id', 'text', 'task_id', 'created_at'],
          resRows,
        );
        meetingRows.length = typeRows.length = attRows.length = resRows.length = 0;
      };

      const add = (
        orgId: number,
        date: string,
        types: string[],
        roster: Mem[],
        o: { weak?: boolean; planned?: boolean; talk?: boolean } = {},
      ) => {
        const id = ++meetingId;
        const hour = pick(['09:00', '09:30', '14:30', '15:00']);
        const heldAt = new Date(`${date}T${hour}:00+08:00`).toISOString();
        const planned = !!o.planned;
        const mo = date.slice(0, 7);
        const low = o.weak && rng() < 0.35;
        let expected = 0,
          ev = 0,
          present = 0,
          pv = 0,
          leave = 0;
        for (const m of roster) {
          if (m.join_date && m.join_date > date) continue;
          const voting = m.member_type === '正式' ? 1 : 0;
          const s = streakOf.get(m.id);
          let status = '缺席';
          let reason: string | null = null;
          if (!planned) {
            if (o.talk) status = '出席';
            else if (s && mo >= s.from) status = s.leave === mo ? '请假' : '缺席';
            else {
              const p =
                (m.category === '流动' ? 0.45 : m.category === '离退休' ? 0.78 : 0.9) * (low ? 0.45 : o.weak ? 0.8 : 1);
              if (rng() < p) status = '出席';
              else if (rng() < (m.category === '流动' ? 0.6 : 0.35)) status = '请假';
            }
            if (status === '请假') reason = s ? '外出务工' : pick(LEAVE);
          }
          const made = status === '出席' && !o.talk && rng() < 0.12;
          if (made) reason = pick(['纸质签到表补录', '手机未带,现场核对签到']);
          expected++;
          ev += voting;
          if (status === '出席') {
            present++;
            pv += voting;
          }
          if (status === '请假') leave++;
          const at =
            status === '缺席'
              ? null
              : new Date(Date.parse(heldAt) + (made ? 3600_000 : Math.floor((rng() - 0.7) * 1_800_000))).toISOString();
          const via = status === '出席' ? (o.talk ? '谈话记录' : made ? '补签' : '扫码') : null;
          attRows.push([id, m.id, '应到', voting, made ? '补签' : status, reason, via, at]);
        }
        const topicType = types.find((t) => TOPICS[t]) ?? '主题党日';
        const host =
          roster.find((m) => m.id === orgById.get(orgId)?.secretary_member_id)?.name ?? roster[0]?.name ?? null;
        const topic = o.talk ? '谈心谈话:了解思想和工作情况' : pick(TOPICS[topicType]);
        meetingRows.push([
          id,
          orgId,
          planned ? '计划' : '已召开',
          heldAt,
          date,
          new Date(Date.parse(heldAt) + 2 * 3600_000).toISOString(),
          o.talk ? null : pick(['党群服务中心', '支部活动室', '村委会议室', '会议室']),
          topic,
          host,
          roster[1]?.name ?? null,
          types.includes('党课') ? host : null,
          types.includes('党课') ? pick(TOPICS.党课) : null,
          o.talk ? pick(['面对面', '面对面', '电话']) : null,
          planned || rng() < 0.4
            ? null
            : `会议由${host ?? '书记'}主持。${types.join('、')}:${topic}。与会党员结合实际逐一发言,会议就下步工作作了安排。`,
          expected,
          ev,
          present,
          pv,
          leave,
          planned ? '未开始' : '已结束',
          planned ? stamp : new Date(Date.parse(heldAt) + 3 * 3600_000).toISOString(),
          stamp,
        ]);
        for (const type of types) typeRows.push([id, type]);
        if (types.includes('支部党员大会') && rng() < 0.3) resRows.push([id, pick(RESOLUTIONS), null, stamp]);
      };

      const months = Array.from({ length: 12 }, (_, i) => addMonths(curMonth, -11 + i));
      const dayIn = (mo: string, day: number) => `${mo}-${String(Math.min(day, 28)).padStart(2, '0')}`;
      for (const b of [...branches, ...zongzhi]) {
        const roster = b.type === '党总支' ? subtree(b) : (byOrg.get(b.id) ?? []);
        if (!roster.length) continue;
        const r = rng();
        const profile = r < 0.78 ? 'good' : r < 0.86 ? 'no-lecture' : r < 0.93 ? 'no-assembly' : 'weak';
        const weak = profile === 'weak';
        const fixedDay = 5 + Math.floor(rng() * 10);
        const missQ = new Set([Math.floor(rng() * 4), Math.floor(rng() * 4)]);
        const com = committee.get(b.id);
        for (const [i, mo] of months.entries()) {
          const q = Math.floor((Number(mo.slice(5, 7)) - 1) / 3);
          const inQuarter = (Number(mo.slice(5, 7)) - 1) % 3;
          const when = (day: number) => {
            const dt = dayIn(mo, day);
            return dt <= today ? dt : null;
          };
          if (b.type === '党总支') {
            if (com && when(fixedDay)) add(b.id, when(fixedDay)!, ['支部委员会'], com);
            if ((mo.endsWith('-06') || mo.endsWith('-12')) && when(fixedDay + 8))
              add(b.id, when(fixedDay + 8)!, ['支部党员大会'], roster);
            continue;
          }
          const dayOk = when(fixedDay);
          if (dayOk && !(weak && rng() < 0.25)) {
            const lecture = inQuarter === 1 && !(profile === 'no-lecture' && missQ.has(q));
            add(b.id, dayOk, lecture ? ['主题党日', '党课'] : ['主题党日'], roster, { weak });
          } else if (!dayOk && i === 11) {
            add(b.id, dayIn(mo, fixedDay), ['主题党日'], roster, { planned: true });
          }
          if (
            inQuarter === 2 &&
            !(profile === 'no-assembly' && missQ.has(q)) &&
            !(weak && rng() < 0.3) &&
            when(fixedDay + 10)
          )
            add(b.id, when(fixedDay + 10)!, ['支部党员大会'], roster, { weak });
          if (com && when(fixedDay - 3) && !(weak && rng() < 0.3))
            add(b.id, when(fixedDay - 3)!, ['支部委员会'], com, { weak });
          for (const g of groupsOf.get(b.id) ?? [])
            if (when(fixedDay + 3) && rng() > (weak ? 0.3 : 0.04))
              add(g.id, when(fixedDay + 3)!, ['党小组会'], groupMembers.get(g.id) ?? [], { weak });
          if (mo.endsWith('-01') && when(20)) add(b.id, when(20)!, ['组织生活会', '民主评议党员'], roster, { weak });
          if (rng() < 0.15 && roster.length >= 2 && when(fixedDay + 1)) {
            const pair = [roster[0], roster[1 + Math.floor(rng() * (roster.length - 1))]];
            add(b.id, when(fixedDay + 1)!, ['谈心谈话'], pair, { talk: true });
          }
          await flush();
        }
      }
      await flush(true);
      if (d.dialect === 'postgres')
        await sql`select setval(pg_get_serial_sequence('meeting', 'id'), (select max(id) from meeting))`.execute(trx);
    });

    // 民主评议: last year's, finished, in the first township's branches (优秀 within a third, a rare
    // 不合格 in the rectification ledger); this year's open for 自评 in the demo member's branch.
    const year = Number(today.slice(0, 4));
    const town = await d.db
      .selectFrom('org_unit')
      .select(['id', 'path'])
      .where('id', '=', d.county.towns[0]?.id ?? 0)
      .executeTakeFirst();
    const demoMember = d.county.accounts.find((a) => a.username === 'demo-member');
    if (town) {
      const entries: unknown[][] = [];
      for (const b of branches.filter((x) => x.path.startsWith(town.path))) {
        const ms = byOrg.get(b.id) ?? [];
        if (ms.length < 3) continue;
        const a = await d.db
          .insertInto('appraisal')
          .values({
            org_id: b.id,
            year: year - 1,
            status: '已完成',
            decision_meeting_id: null,
            created_by: null,
            created_at: `${year}-01-10T02:00:00.000Z`,
            finalized_at: `${year}-01-25T02:00:00.000Z`,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const graded = ms.filter((m) => m.member_type === '正式');
        const cap = Math.floor(graded.length / 3);
        let excellent = 0;
        for (const m of ms) {
          let g: string | null = null;
          if (m.member_type === '正式') {
            g = rng() < 0.04 ? '基本合格' : '合格';
            if (excellent < cap && rng() < 0.25) {
              excellent++;
              g = '优秀';
            }
          }
          entries.push([
            a.id,
            m.id,
            m.name,
            m.member_type,
            m.member_type === '正式' ? 1 : 0,
            '对照党员标准,认真学习,按时参加组织生活,完成支部分配的任务。',
            `${year}-01-12T02:00:00.000Z`,
            g,
            null,
          ]);
        }
        if (demoMember && b.id === demoMember.scopeOrgId) {
          const open = await d.db
            .insertInto('appraisal')
            .values({
              org_id: b.id,
              year,
              status: '进行中',
              decision_meeting_id: null,
              created_by: null,
              created_at: now.toISOString(),
              finalized_at: null,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          for (const m of ms)
            entries.push([
              open.id,
              m.id,
              m.name,
              m.member_type,
              m.member_type === '正式' ? 1 : 0,
              null,
              null,
              null,
              null,
            ]);
        }
      }
      await bulkInsert(
        d.db,
        d.dialect,
        'appraisal_entry',
        ['appraisal_id', 'member_id', 'name', 'member_type', 'graded', 'self_text', 'self_at', 'grade', 'note'],
        entries,
      );
    }

    // Computed as in production by the module's job: this year's compliance, every streak,
    // reminders and 6-month cases (last year's compliance is computed on its first read).
    if (lite) await sql`pragma cache_size = -2000`.execute(d.db);
    await tick(ctx);
  },
};
