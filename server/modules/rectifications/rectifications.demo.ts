/**
 * The demo county's 问题整改 ledger (besides the 点评 items the reviews seeder put there): items in
 * every state — 整改中 (one overdue), 申请销号 waiting for the 交办方, 已销号 before its 回头看,
 * 已销号 with a 回头看 due, 已销号 after a 回头看 that found no recurrence, and a 反弹 (re-opened
 * with its count raised) — from 督查, 巡视巡察, 民主评议, 好差评. Inserted directly, keeping what
 * items.service keeps: a 建立 step first, a step per transition, measures and evidence before
 * 申请销号, closed_date and recheck_due_date on 已销号 only, one 待回头看 row when due.
 */
import { appendAudit } from '../../lib/audit.ts';
import { addDays } from '../../lib/workdays.ts';
import type { DemoContext, DemoSeeder } from '../demo/activity.ts';
import type { RectSource } from '../../../common/enums.ts';
import { addMonths } from './closing.service.ts';

type Kind = 'open' | 'overdue' | 'applied' | 'closed' | 'recheck_due' | 'recheck_ok' | 'rebound';
interface Spec {
  kind: Kind;
  town: 0 | 1;
  source: RectSource;
  problem: string;
  measures: string;
  owner: string;
}

const SPECS: Spec[] = [
  {
    kind: 'open',
    town: 0,
    source: '督查',
    problem: '农村人居环境整治问题清单销号进度滞后,部分村垃圾清运不及时',
    measures: '制定清运时间表,每周通报各村进度',
    owner: '分管副镇长',
  },
  {
    kind: 'overdue',
    town: 0,
    source: '巡视巡察',
    problem: '村级财务公开不及时,部分村连续两个季度未公开',
    measures: '逐村督促公开,纳入年度考核',
    owner: '镇纪委书记',
  },
  {
    kind: 'applied',
    town: 0,
    source: '民主评议',
    problem: '便民服务中心窗口工作人员午间无人值守',
    measures: '实行午间轮班和延时服务制度',
    owner: '便民服务中心主任',
  },
  {
    kind: 'closed',
    town: 1,
    source: '督查',
    problem: '防汛物资储备台账与实物不符',
    measures: '全面盘点物资,建立出入库登记制度',
    owner: '应急办主任',
  },
  {
    kind: 'recheck_due',
    town: 1,
    source: '好差评',
    problem: '社保代办业务一次性告知不到位,群众多次往返',
    measures: '制作办事指南和一次性告知单',
    owner: '社保所所长',
  },
  {
    kind: 'recheck_ok',
    town: 0,
    source: '巡视巡察',
    problem: '党费收缴不及时,个别支部存在代缴现象',
    measures: '规范党费收缴流程,按月公示',
    owner: '组织委员',
  },
  {
    kind: 'rebound',
    town: 1,
    source: '督查',
    problem: '集镇占道经营问题整治后反复出现',
    measures: '建立长效巡查机制,设置临时疏导点',
    owner: '综合执法队队长',
  },
];

export const rectificationsDemo: DemoSeeder = {
  name: 'rectifications',
  async seed(d: DemoContext) {
    const { db, today } = d;
    const towns = d.county.towns;
    if (towns.length < 2) return;
    const users = new Map(
      (await db.selectFrom('app_user').select(['id', 'username']).execute()).map((u) => [u.username, u.id]),
    );
    const dcs = users.get('demo-dcs')!;
    const townUser = [users.get('demo-town-a')!, users.get('demo-town-b')!];
    const at = (daysAgo: number, hh = '10') => new Date(`${addDays(today, -daysAgo)}T${hh}:20:00+08:00`).toISOString();
    const ids: number[] = [];
    await db.transaction().execute(async (trx) => {
      for (const s of SPECS) {
        // Days ago the item was created, and its deadline relative to today.
        const age = { open: 20, overdue: 70, applied: 40, closed: 60, recheck_due: 220, recheck_ok: 400, rebound: 260 }[
          s.kind
        ];
        const deadline = addDays(today, s.kind === 'overdue' ? -12 : s.kind === 'open' ? 40 : -age + 45);
        const closedAgo = { closed: 25, recheck_due: 190, recheck_ok: 370, rebound: 230 }[s.kind as string];
        const closedDate = closedAgo !== undefined ? addDays(today, -closedAgo) : null;
        const closed = s.kind === 'closed' || s.kind === 'recheck_due' || s.kind === 'recheck_ok';
        const status = s.kind === 'applied' ? '申请销号' : closed ? '已销号' : '整改中';
        const { id } = await trx
          .insertInto('rectification_item')
          .values({
            org_id: towns[s.town].id,
            issuer_org_id: d.county.countyId,
            problem: s.problem,
            source: s.source,
            source_ref: null,
            measures: s.measures,
            owner: s.owner,
            deadline_date: deadline,
            status,
            rebound_count: s.kind === 'rebound' ? 1 : 0,
            recheck_months: 6,
            recheck_due_date: closed ? addMonths(closedDate!, 6) : null,
            closed_date: closed ? closedDate : null,
            created_by: dcs,
            created_at: at(age),
            updated_at: at(Math.min(age, 3)),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        ids.push(id);
        const who = townUser[s.town];
        const step = (name: string, ago: number, actor: number, opinion: string | null) =>
          trx
            .insertInto('rectification_step')
            .values({ item_id: id, step: name, opinion, actor_id: actor, at: at(ago, '15') })
            .execute();
        await step('建立', age, dcs, `来源:${s.source}`);
        if (s.kind !== 'open' && s.kind !== 'overdue') {
          await trx
            .insertInto('rectification_evidence')
            .values({
              item_id: id,
              note: '整改完成情况说明及现场照片',
              file_name: '整改情况说明.txt',
              content_b64: Buffer.from(`整改情况说明(演示)\n问题:${s.problem}\n措施:${s.measures}\n`).toString(
                'base64',
              ),
              uploaded_by: who,
              uploaded_at: at((closedAgo ?? 5) + 2),
            })
            .execute();
          await step('申请销号', (closedAgo ?? 4) + 1, who, '已按要求完成整改');
        }
        if (closedAgo !== undefined) await step('销号', closedAgo, dcs, '整改到位,同意销号');
        if (s.kind === 'recheck_due') {
          const due = addMonths(closedDate!, 6);
          await trx
            .insertInto('rectification_recheck')
            .values({
              item_id: id,
              due_date: due,
              status: '待回头看',
              note: null,
              done_by: null,
              created_at: at(2),
              done_at: null,
            })
            .execute();
          await step('回头看到期', 2, dcs, `应于 ${due} 回头看`);
        }
        if (s.kind === 'recheck_ok' || s.kind === 'rebound') {
          const due = addMonths(closedDate!, 6);
          const rebound = s.kind === 'rebound';
          const note = rebound ? '回头看发现问题再次出现,重新整改' : '回头看未发现问题反弹';
          const doneAgo = rebound ? 40 : 180;
          await trx
            .insertInto('rectification_recheck')
            .values({
              item_id: id,
              due_date: due,
              status: rebound ? '反弹' : '未反弹',
              note,
              done_by: dcs,
              created_at: at(doneAgo + 3),
              done_at: at(doneAgo),
            })
            .execute();
          await step('回头看到期', doneAgo + 3, dcs, `应于 ${due} 回头看`);
          await step(rebound ? '回头看:反弹,重新整改' : '回头看:未反弹', doneAgo, dcs, note);
          // A 已销号 item that passed its 回头看 keeps its recheck date (the service leaves it so).
        }
      }
      await appendAudit(
        trx,
        { id: null, name: 'demo', ip: null },
        { action: 'demo.seed.rectifications', entity: 'rectification_item', entityId: null, after: { items: ids } },
        d.now,
        d.dialect,
      );
    });
  },
};
