/**
 * The demo county's 作风监督: windows in the county 政务服务中心 (hosted by the departments that
 * staff them) and in township 便民服务中心, six months of ratings (one county window and one
 * township centre clearly worse, so the 办事最难窗口 and a 约谈 show), 差评 cases in every state
 * (closed with 回访 and 整改, open, overdue, under appeal, appeal upheld), 一次一评 tickets, a
 * 作风监督员 account with 暗访 reports. Dated relative to today; inserted directly, keeping the
 * invariants the services keep (phones only on open cases, steps for every transition).
 */
import { levelName } from '../../../common/enums.ts';
import type { DemoContext, DemoSeeder } from '../demo/activity.ts';
import { addDays, addWorkdays, isWorkday } from '../../lib/workdays.ts';
import { loadRules } from '../tasks/lights.ts';
import { randomCode, sha256 } from './common.ts';

const COUNTY_WINDOWS: [string, string, string[]][] = [
  ['县行政审批服务局', '政务服务中心综合受理窗口', ['企业投资项目备案', '建设工程规划许可', '食品经营许可']],
  ['县公安局', '户籍业务窗口', ['户口迁移', '居民身份证办理', '出生登记']],
  ['县人力资源和社会保障局', '社保业务窗口', ['社保卡申领', '养老保险关系转移', '失业保险金申领']],
  ['县医疗保障局', '医保业务窗口', ['异地就医备案', '医保关系转移', '门诊慢特病认定']],
  ['县市场监督管理局', '企业开办窗口', ['企业设立登记', '个体工商户登记', '营业执照变更']],
  ['县自然资源局', '不动产登记窗口', ['不动产首次登记', '不动产转移登记', '抵押登记']],
];
const TOWN_ITEMS = ['社保代办', '残疾人证代办', '农村低保申请', '宅基地审批', '计生服务'];
const DAYS = 182;

export const windowsDemo: DemoSeeder = {
  name: 'windows',
  async seed(d: DemoContext) {
    const { db, rng, today } = d;
    const cal = (await loadRules(db)).cal;
    const now = d.now.toISOString();
    const pick = <T>(a: readonly T[]) => a[Math.floor(rng() * a.length)];
    const atOf = (day: string, hour: number) =>
      new Date(Date.parse(`${day}T00:00:00+08:00`) + hour * 3600_000 + Math.floor(rng() * 3600_000)).toISOString();

    // Windows: quality = share of 差评 (the 不动产登记窗口 and one township centre are the worst).
    type W = { id: number; orgId: number; name: string; bad: number; perDay: number; tickets: boolean };
    const ws: W[] = [];
    const mk = async (
      orgId: number,
      name: string,
      kind: string,
      location: string,
      items: string[],
      bad: number,
      perDay: number,
      tickets: boolean,
    ) => {
      const code = randomCode(6);
      const id = (
        await db
          .insertInto('service_window')
          .values({ org_id: orgId, code, name, kind, location, active: 1, created_at: now, updated_at: now })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      await db
        .insertInto('service_item')
        .values(items.map((n, i) => ({ window_id: id, name: n, sort_order: i, active: 1 })))
        .execute();
      ws.push({ id, orgId, name, bad, perDay, tickets });
    };
    for (const [i, [dept, name, items]] of COUNTY_WINDOWS.entries()) {
      const org = await db.selectFrom('org_unit').select('id').where('name', '=', `示范${dept}`).executeTakeFirst();
      if (org)
        await mk(
          org.id,
          name,
          '窗口',
          `县政务服务中心一楼 ${i + 1} 号窗口`,
          items,
          name === '不动产登记窗口' ? 0.22 : 0.02 + rng() * 0.05,
          6 + Math.floor(rng() * 6),
          true,
        );
    }
    for (const [i, t] of d.county.towns.slice(0, 8).entries()) {
      const gov = await db
        .selectFrom('org_unit')
        .select(['id', 'short_name'])
        .where('parent_id', '=', t.id)
        .where('type', '=', '政府单位')
        .executeTakeFirst();
      if (gov)
        await mk(
          gov.id,
          `${t.name.replace(/党委|党工委/, '')}便民服务中心`,
          '大厅',
          `${gov.short_name ?? t.name}一楼`,
          TOWN_ITEMS.slice(0, 3 + (i % 3)),
          i === 1 ? 0.18 : 0.02 + rng() * 0.06,
          2 + Math.floor(rng() * 3),
          false,
        );
    }
    if (!ws.length) return;

    // Ratings and tickets over the last six months (working days only).
    const ratings: Record<string, unknown>[] = [];
    const tickets: { window_id: number; code: string; issued_date: string; used_at: string | null }[] = [];
    for (let back = DAYS; back >= 0; back--) {
      const day = addDays(today, -back);
      if (!isWorkday(day, cal)) continue;
      for (const w of ws) {
        const n = Math.max(0, Math.round(w.perDay * (0.6 + rng() * 0.8)));
        for (let k = 0; k < n; k++) {
          const r = rng();
          const level = r < w.bad * 0.45 ? 1 : r < w.bad ? 2 : r < w.bad + 0.08 ? 3 : r < 0.55 ? 4 : 5;
          const at = atOf(day, 9 + Math.floor(rng() * 8));
          const ticket = w.tickets && rng() < 0.7;
          ratings.push({
            window_id: w.id,
            org_id: w.orgId,
            item_id: null,
            level,
            comment:
              level <= 2
                ? pick([
                    '让我来回跑了好几趟',
                    '工作人员态度生硬',
                    '排队一个多小时',
                    '材料清单没有一次告知',
                    '窗口人员中途离岗',
                  ])
                : level === 5 && rng() < 0.2
                  ? pick(['服务热情,一次办好', '办事效率高', '工作人员耐心解答'])
                  : null,
            phone_masked:
              level <= 2 && rng() < 0.7
                ? `13${Math.floor(rng() * 10)}****${String(Math.floor(rng() * 10000)).padStart(4, '0')}`
                : null,
            content_version: 1,
            scores: null,
            ticket_id: null,
            verified: ticket ? 1 : 0,
            suspect: 0,
            suspect_reason: null,
            excluded: 0,
            rated_at: at,
            rated_date: day,
          });
          if (ticket) tickets.push({ window_id: w.id, code: randomCode(8), issued_date: day, used_at: at });
        }
        if (w.tickets)
          for (let k = 0; k < Math.round(n * 0.3); k++)
            tickets.push({ window_id: w.id, code: randomCode(8), issued_date: day, used_at: null });
      }
    }
    for (let i = 0; i < ratings.length; i += 400)
      await db
        .insertInto('rating')
        .values(ratings.slice(i, i + 400) as never)
        .execute();
    for (let i = 0; i < tickets.length; i += 500)
      await db
        .insertInto('rating_ticket')
        .values(tickets.slice(i, i + 500))
        .execute();

    // Cases for every 差评: older ones closed through 回访 and 整改/解释说明, recent ones in progress.
    const bad = await db
      .selectFrom('rating')
      .select(['id', 'window_id', 'org_id', 'level', 'comment', 'phone_masked', 'rated_at', 'rated_date'])
      .where('level', '<=', 2)
      .orderBy('id')
      .execute();
    const wName = new Map(ws.map((w) => [w.id, w.name]));
    const issuer = new Map<number, number>();
    for (const o of await db
      .selectFrom('org_unit')
      .select(['id', 'parent_id'])
      .where('id', 'in', [...new Set(ws.map((w) => w.orgId))])
      .execute())
      issuer.set(o.id, o.parent_id ?? o.id);
    let appealsOpen = 0;
    let upheld = 0;
    for (const r of bad) {
      const due = addWorkdays(r.rated_date, 5, cal);
      const age = Math.round((Date.parse(today) - Date.parse(r.rated_date)) / 86_400_000);
      const hasPhone = r.phone_masked !== null;
      const phone = hasPhone ? `13${String(Math.floor(rng() * 1e9)).padStart(9, '0')}` : null;
      let status = '已办结';
      if (age <= 2) status = '待核实';
      else if (age <= 5) status = pick(['待回访', '待处置', '待复评']);
      else if (age <= 12 && rng() < 0.35) status = pick(['待核实', '待回访']); // overdue: red on day one
      if (status === '已办结' && age > 20 && rng() < 0.05) status = '申诉成立';
      if (age <= 4 && age >= 1 && appealsOpen < 2 && rng() < 0.3) status = '申诉中';
      if (status === '申诉中') appealsOpen++;
      if (status === '申诉成立') upheld++;
      const closed = status === '已办结' || status === '申诉成立';
      const closedDate = closed ? addWorkdays(r.rated_date, 1 + Math.floor(rng() * 6), cal) : null;
      const resolution =
        closed && status === '已办结' ? (rng() < 0.6 ? '整改' : '解释说明') : status === '待复评' ? '整改' : null;
      const respAt =
        status === '待核实' ? null : new Date(Date.parse(r.rated_at) + (2 + rng() * 30) * 3600_000).toISOString();
      const problem = r.comment ?? `群众评价「${levelName(r.level)}」(未填写意见)`;
      let rectId: number | null = null;
      if (resolution === '整改') {
        rectId = (
          await db
            .insertInto('rectification_item')
            .values({
              org_id: r.org_id,
              issuer_org_id: issuer.get(r.org_id)!,
              problem: `窗口「${wName.get(r.window_id)}」差评:${problem}`,
              source: '好差评',
              source_ref: null,
              measures: '一次性告知清单上墙,窗口人员轮训',
              owner: '窗口负责人',
              deadline_date: due,
              status: closed ? '已销号' : '整改中',
              rebound_count: 0,
              recheck_months: 6,
              recheck_due_date: null,
              closed_date: closedDate,
              created_by: null,
              created_at: respAt ?? now,
              updated_at: now,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      }
      const c = await db
        .insertInto('rating_case')
        .values({
          rating_id: r.id,
          window_id: r.window_id,
          org_id: r.org_id,
          source: '群众评价',
          problem,
          level: r.level,
          status,
          prev_status: status === '申诉中' ? '待回访' : null,
          opened_at: r.rated_at,
          opened_date: r.rated_date,
          due_date: due,
          // Phones of closed cases older than the retention are already deleted.
          contact_phone: closed && age > 40 ? null : phone,
          phone_masked: r.phone_masked,
          first_response_at: respAt,
          callback_done: hasPhone && !['待核实', '待回访'].includes(status) ? 1 : 0,
          resolution,
          resolution_note:
            resolution === '整改'
              ? '一次性告知清单上墙,窗口人员轮训'
              : resolution
                ? '系统升级导致等候,已当面解释并致歉'
                : null,
          rectification_id: rectId,
          rerate_hash: sha256(randomCode(8)),
          rerate_level: status === '已办结' && rng() < 0.5 ? 4 : null,
          rerated_at: null,
          appeal_reason:
            status === '申诉中' || status === '申诉成立' ? '当日系统故障导致无法办理,非窗口人员原因' : null,
          appeal_at: status === '申诉中' || status === '申诉成立' ? respAt : null,
          appeal_opinion: status === '申诉成立' ? '经查监控及系统日志,申诉成立' : null,
          appeal_upheld: status === '申诉成立' ? 1 : null,
          closed_at: closedDate ? `${closedDate}T09:00:00.000Z` : null,
          closed_date: closedDate,
          phone_purged_at: closed && age > 40 && hasPhone ? now : null,
          created_at: r.rated_at,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (status === '申诉成立') await db.updateTable('rating').set({ excluded: 1 }).where('id', '=', r.id).execute();
      const steps: { step: string; note: string; reached: number | null }[] = [
        { step: '立案', note: `群众评价「${levelName(r.level)}」,5 个工作日内办结(${due})`, reached: null },
      ];
      if (status !== '待核实')
        steps.push({ step: '核实', note: '经调取窗口录像、询问当班人员,情况属实', reached: null });
      if (hasPhone && !['待核实', '待回访'].includes(status))
        steps.push({ step: '回访', note: '已接通:群众反映的问题已向其说明并致歉', reached: 1 });
      if (resolution)
        steps.push({
          step: resolution,
          note: resolution === '整改' ? '一次性告知清单上墙,窗口人员轮训' : '系统升级导致等候,已当面解释',
          reached: null,
        });
      if (status === '申诉中' || status === '申诉成立')
        steps.push({ step: '申诉', note: '当日系统故障导致无法办理,非窗口人员原因', reached: null });
      if (status === '申诉成立') steps.push({ step: '申诉成立', note: '经查监控及系统日志,申诉成立', reached: null });
      if (status === '已办结') steps.push({ step: '办结', note: '群众未复评,单位办结', reached: null });
      await db
        .insertInto('rating_case_step')
        .values(steps.map((s) => ({ case_id: c.id, ...s, actor_id: null, at: respAt ?? r.rated_at })))
        .execute();
    }

    // 约谈: the worst county window was at the bottom last month and the month before.
    const worst = ws.find((w) => w.name === '不动产登记窗口');
    if (worst) {
      const m = (n: number) =>
        new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1 - n, 1)).toISOString().slice(0, 7);
      await db
        .insertInto('window_interview')
        .values([
          {
            window_id: worst.id,
            org_id: worst.orgId,
            month: m(2),
            reason: `连续两个月(${m(3)}、${m(2)})列入"办事最难窗口"`,
            status: '已约谈',
            held_date: `${m(1)}-05`,
            interviewer: '县纪委副书记',
            record: '约谈窗口负责人,责令制定一次性告知、AB 岗、延时服务三项措施,一个月内见效',
            created_at: now,
            updated_at: now,
          },
          {
            window_id: worst.id,
            org_id: worst.orgId,
            month: m(1),
            reason: `连续两个月(${m(2)}、${m(1)})列入"办事最难窗口"`,
            status: '待约谈',
            held_date: null,
            interviewer: null,
            record: null,
            created_at: now,
            updated_at: now,
          },
        ])
        .execute();
    }

    // A 作风监督员 (same demo password as the other accounts) and their 暗访 reports.
    const admin = await db
      .selectFrom('app_user')
      .select('password_hash')
      .where('username', '=', 'demo-admin')
      .executeTakeFirst();
    if (admin) {
      const uid = (
        await db
          .insertInto('app_user')
          .values({
            username: 'demo-jd',
            display_name: '作风监督员王明(演示)',
            password_hash: admin.password_hash,
            role: 'inspector',
            scope_org_id: d.county.countyId,
            member_id: null,
            must_change_password: 0,
            failed_logins: 0,
            locked_until: null,
            disabled: 0,
            created_at: now,
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      const reports: [W, number, string, string][] = [
        [ws[0], 12, '上午 9:40 综合受理窗口 2 号位无人,群众等候约 20 分钟,无人引导', '已提交'],
        [ws[Math.min(5, ws.length - 1)], 25, '不动产登记窗口要求群众提供非必要的"证明",未一次性告知', '已发整改通知书'],
        [ws[ws.length - 1], 40, '便民服务中心未公示办事指南和监督电话', '已交办整改'],
        [ws[1], 3, '户籍窗口服务规范,主动引导老年人使用自助机', '无问题'],
      ];
      for (const [i, [w, ago, findings, status]] of reports.entries()) {
        const at = atOf(addDays(today, -ago), 9);
        await db
          .insertInto('inspection')
          .values({
            inspector_id: uid,
            org_id: w.orgId,
            window_id: w.id,
            visited_at: at,
            findings,
            status,
            case_id: null,
            rectification_id: null,
            notice_no: status === '已发整改通知书' ? `作风监督〔${today.slice(0, 4)}〕${i}号` : null,
            notice_text: status === '已发整改通知书' ? '立即清理非必要证明事项,一次性告知上墙' : null,
            notice_due_date: status === '已发整改通知书' ? addDays(today, 5) : null,
            created_at: at,
            updated_at: at,
          })
          .execute();
      }
    }
    void upheld;
  },
};
