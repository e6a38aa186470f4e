/**
 * The demo county's 组织关系转接: applications waiting at each step (待转出方上级审批 in 甲镇,
 * 待接收方接收 in 乙镇), completed ones (the member moved), one 退回 and one 撤销. Inserted directly,
 * keeping what transfers.service keeps: one open transfer per member, the approver is the from
 * branch's parent, a step row per transition, and a done transfer moves the member.
 */
import { appendAudit } from '../../lib/audit.ts';
import { addDays } from '../../lib/workdays.ts';
import type { DemoContext, DemoSeeder } from '../demo/activity.ts';

const BRANCH_TYPES = ['党支部', '党总支'];

export const transfersDemo: DemoSeeder = {
  name: 'transfers',
  async seed(d: DemoContext) {
    const { db, today } = d;
    const [townA, townB] = d.county.towns;
    if (!townA || !townB) return;
    const users = new Map(
      (await db.selectFrom('app_user').select(['id', 'username']).execute()).map((u) => [u.username, u.id]),
    );
    const a = users.get('demo-town-a')!;
    const b = users.get('demo-town-b')!;
    const branchesOf = async (townId: number) =>
      db
        .selectFrom('org_unit')
        .select(['id', 'parent_id', 'path'])
        .where('path', 'like', `%/${townId}/%`)
        .where('type', 'in', BRANCH_TYPES)
        .where('parent_id', 'is not', null)
        .orderBy('id')
        .execute();
    const [inA, inB] = [await branchesOf(townA.id), await branchesOf(townB.id)];
    if (inA.length < 2 || inB.length < 2) return;
    const demoMember = await db
      .selectFrom('app_user')
      .select('member_id')
      .where('username', '=', 'demo-member')
      .executeTakeFirst();
    const membersOf = async (orgId: number, n: number) =>
      db
        .selectFrom('member')
        .select(['id', 'org_id'])
        .where('org_id', '=', orgId)
        .where('status', '=', '正常')
        .where('id', '!=', demoMember?.member_id ?? 0)
        .orderBy('id')
        .limit(n)
        .execute();
    const fromA = await membersOf(inA[0].id, 4);
    const fromB = await membersOf(inB[0].id, 2);
    const at = (daysAgo: number, h = 10) =>
      new Date(`${addDays(today, -daysAgo)}T${String(h).padStart(2, '0')}:15:00+08:00`).toISOString();
    type Plan = {
      m: { id: number; org_id: number };
      to: number;
      status: 'pending_out' | 'pending_in' | 'done' | 'rejected' | 'revoked';
      by: number;
      reason: string;
      ago: number;
    };
    const plans: Plan[] = [
      { m: fromA[0], to: inB[1].id, status: 'pending_out', by: a, reason: '工作调动到乙镇', ago: 1 },
      { m: fromA[1], to: inA[1].id, status: 'pending_out', by: a, reason: '村(社区)合并后调整支部', ago: 3 },
      { m: fromA[2], to: inB[0].id, status: 'pending_in', by: a, reason: '居住地变更', ago: 6 },
      { m: fromB[0], to: inA[0].id, status: 'pending_in', by: b, reason: '外出务工返乡,转回原籍', ago: 4 },
      { m: fromA[3], to: inB[1].id, status: 'done', by: a, reason: '工作调动', ago: 25 },
      { m: fromB[1], to: inA[1].id, status: 'rejected', by: b, reason: '随迁', ago: 15 },
    ].filter((p) => p.m) as Plan[];
    const ids: number[] = [];
    await db.transaction().execute(async (trx) => {
      for (const p of plans) {
        const from = (await trx
          .selectFrom('org_unit')
          .select('parent_id')
          .where('id', '=', p.m.org_id)
          .executeTakeFirstOrThrow())!;
        const { id } = await trx
          .insertInto('transfer')
          .values({
            member_id: p.m.id,
            from_org_id: p.m.org_id,
            to_org_id: p.to,
            approver_org_id: from.parent_id!,
            status: p.status,
            reason: p.reason,
            created_by: p.by,
            created_at: at(p.ago),
            updated_at: at(Math.max(0, p.ago - 2), 15),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        ids.push(id);
        const step = (s: string, ago: number, by: number, opinion: string | null) =>
          trx
            .insertInto('transfer_step')
            .values({ transfer_id: id, step: s, actor_id: by, opinion, at: at(ago, 14) })
            .execute();
        await step('发起', p.ago, p.by, p.reason);
        const approver = p.by; // the from side's township account approves its own branches' transfers
        if (p.status === 'pending_in' || p.status === 'done')
          await step('转出审批通过', p.ago - 1, approver, '同意转出');
        if (p.status === 'done') {
          await step('接收', p.ago - 2, p.by === a ? b : a, '同意接收');
          await trx
            .updateTable('member')
            .set({ org_id: p.to, updated_at: at(p.ago - 2) })
            .where('id', '=', p.m.id)
            .execute();
        }
        if (p.status === 'rejected')
          await step('退回', p.ago - 1, approver, '转出材料不全,请补充党费缴纳证明后重新申请');
      }
      await appendAudit(
        trx,
        { id: null, name: 'demo', ip: null },
        { action: 'demo.seed.transfers', entity: 'transfer', entityId: null, after: { transfers: ids } },
        d.now,
        d.dialect,
      );
    });
  },
};
