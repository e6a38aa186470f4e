import { appendAudit } from '../../lib/audit.ts';
import { addDays } from '../../lib/workdays.ts';
import type { DemoContext, DemoSeeder } from '../demo/activity.ts';
import { DEFAULT_SCALE } from './access.ts';
import { type BallotRow, encodeRatings, expandChunk, insertBallots } from './ballots.service.ts';
import { ballotId, newReceipt, newToken, tokenHash } from './tokens.ts';

const OPINIONS = ['抓党建促发展成效明显', '村级班子建设还需加强', '党员教育管理有待规范', '为民办事效率高'];
const FINDINGS = [
  '“三会一课”制度落实不够经常,个别支部存在以会代课现象',
  '发展党员工作程序不够规范,培养考察记录不完整',
  '软弱涣散村党组织整顿推进较慢,成效不明显',
  '党员积分管理流于形式,激励约束作用发挥不充分',
];

/** Fisher–Yates with crypto randomness: the storage order must not follow any reproducible stream. */
const shuffle = <T>(a: T[]) => {
  const r = [...a];
  for (let i = r.length - 1; i > 0; i--) {
    const j = crypto.getRandomValues(new Uint32Array(1))[0] % (i + 1);
    [r[i], r[j]] = [r[j], r[i]];
  }
  return r;
};

export const reviewsDemo: DemoSeeder = {
  name: 'reviews',
  async seed(d: DemoContext) {
    const { db, today, rng } = d;
    const towns = d.county.towns.slice(0, 8);
    if (towns.length < 2) return;
    const zzb = (await db.selectFrom('app_user').select('id').where('username', '=', 'demo-zzb').executeTakeFirst())!
      .id;
    const year = Number(today.slice(0, 4));
    const scale = DEFAULT_SCALE;
    const voters = await db
      .selectFrom('member')
      .select(['id', 'name'])
      .where('org_path', 'like', `/${d.county.countyId}/%`)
      .orderBy('id')
      .limit(36)
      .execute();
    const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`).toISOString();
    // Each township has a "quality" so results differ and ranks mean something.
    const quality = towns.map(() => 0.35 + rng() * 0.55);

    const campaign = async (
      trx: typeof db,
      o: { title: string; year: number; meeting: string; status: 'voting' | 'closed'; ballots: number },
    ) => {
      const { id } = await trx
        .insertInto('review_campaign')
        .values({
          title: o.title,
          year: o.year,
          owner_org_id: d.county.countyId,
          scale_json: JSON.stringify(scale),
          status: o.status,
          report_deadline_date: addDays(o.meeting, -7),
          meeting_date: o.meeting,
          default_limit_sec: 300,
          speaker_target_id: null,
          speaker_started_at: null,
          voting_opened_at: at(o.meeting, '10:40'),
          closed_at: o.status === 'closed' ? at(o.meeting, '11:30') : null,
          created_by: zzb,
          created_at: at(addDays(o.meeting, -20), '09:00'),
          updated_at: at(o.meeting, '11:30'),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const targets: { id: number; orgId: number }[] = [];
      for (const [i, t] of towns.entries()) {
        const r = await trx
          .insertInto('review_target')
          .values({
            campaign_id: id,
            org_id: t.id,
            mode: i < 6 ? '口头' : '书面',
            secretary_name: null,
            agenda_order: i < 6 ? i + 1 : 0,
            limit_sec: null,
            report_text: `${t.name}${o.year}年度抓基层党建工作述职报告(演示)。\n一、主要工作和成效……\n二、存在的问题……\n三、下一步打算……`,
            report_file_name: null,
            report_submitted_at: at(addDays(o.meeting, -8 + (i % 3)), '16:00'),
            report_submitted_by: zzb,
            reminded_at: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        targets.push({ id: r.id, orgId: t.id });
      }
      await trx
        .insertInto('review_participant')
        .values([
          ...voters.map((v) => ({
            campaign_id: id,
            name: v.name,
            unit: null,
            kind: '正式' as const,
            member_id: v.id,
            received: 1,
          })),
          {
            campaign_id: id,
            name: '县人大代表(列席)',
            unit: '县人大常委会',
            kind: '列席',
            member_id: null,
            received: 1,
          },
        ])
        .execute();
      // One token per participant plus spares; exactly `ballots` of them are used. The codes are
      // thrown away (nobody could vote with them again, like printed sheets that were handed out).
      const hashes = Array.from({ length: voters.length + 5 }, () => tokenHash(newToken()));
      await trx
        .insertInto('review_token')
        .values(hashes.map((h, i) => ({ hash: h, campaign_id: id, used: i < o.ballots ? 1 : 0 })))
        .execute();
      const ballots: BallotRow[] = [];
      for (let b = 0; b < o.ballots; b++) {
        const ratings = towns.map((t, i) => {
          const x = rng() - quality[i] * 0.6;
          const gi = x < 0.05 ? 0 : x < 0.35 ? 1 : x < 0.6 ? 2 : 3;
          const op = rng() < 0.08 ? OPINIONS[Math.floor(rng() * OPINIONS.length)] : undefined;
          return { orgId: t.id, grade: scale[gi], ...(op ? { opinion: op } : {}) };
        });
        ballots.push({
          id: ballotId(),
          campaign_id: id,
          cast_date: o.meeting,
          receipt: newReceipt(),
          channel: '电子',
          ratings: encodeRatings(scale, ratings),
        });
      }
      await insertBallots(trx, shuffle(ballots));
      if (o.status === 'closed') {
        // as close() does: stored ratings expanded for the tally, chunk by chunk
        for (let after = ''; ; ) {
          const r = await expandChunk(trx, d.dialect, id, scale, after, 1000);
          if (!r.lastId) break;
          after = r.lastId;
        }
      }
      return { id, targets };
    };

    await db.transaction().execute(async (trx) => {
      const lastMeeting = addDays(today, -60);
      const last = await campaign(trx, {
        title: `${year - 1}年度乡镇(街道)党(工)委书记抓基层党建工作述职评议`,
        year: year - 1,
        meeting: lastMeeting,
        status: 'closed',
        ballots: voters.length - 2,
      });
      const current = await campaign(trx, {
        title: `${year}年度乡镇(街道)党(工)委书记抓基层党建工作述职评议`,
        year,
        meeting: today,
        status: 'voting',
        ballots: Math.floor(voters.length / 2),
      });
      // 点评: approved ones with findings already in the 问题整改 ledger; the last one waits for 审定.
      for (const [i, t] of last.targets.entries()) {
        const pending = i === last.targets.length - 1;
        const stamp = at(addDays(lastMeeting, 5), '15:00');
        const { id: cid } = await trx
          .insertInto('review_comment')
          .values({
            campaign_id: last.id,
            target_id: t.id,
            summary: `${towns[i].name}党委书记履行第一责任人职责较好,基层党建重点任务推进有力;存在问题需认真整改。`,
            status: pending ? 'submitted' : 'approved',
            return_reason: null,
            drafted_by: zzb,
            submitted_by: zzb,
            approved_by: pending ? null : zzb,
            created_at: stamp,
            updated_at: stamp,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        for (let k = 0; k < 2; k++) {
          const problem = FINDINGS[(i + k) % FINDINGS.length];
          const { id: fid } = await trx
            .insertInto('review_finding')
            .values({ comment_id: cid, source: '平时掌握情况', problem, sort_order: k, rectification_id: null })
            .returning('id')
            .executeTakeFirstOrThrow();
          if (pending) continue;
          // What comments.service approve() does through addItem: an item on the ledger, 整改中.
          const { id: rid } = await trx
            .insertInto('rectification_item')
            .values({
              org_id: t.orgId,
              issuer_org_id: d.county.countyId,
              problem,
              source: '点评',
              source_ref: `review_finding:${fid}`,
              measures: null,
              owner: null,
              deadline_date: `${year}-12-31`,
              status: '整改中',
              rebound_count: 0,
              recheck_months: 6,
              recheck_due_date: null,
              closed_date: null,
              created_by: zzb,
              created_at: stamp,
              updated_at: stamp,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          await trx
            .insertInto('rectification_step')
            .values({ item_id: rid, step: '建立', opinion: '来源:点评', actor_id: zzb, at: stamp })
            .execute();
          await trx.updateTable('review_finding').set({ rectification_id: rid }).where('id', '=', fid).execute();
        }
      }
      // The audit says what was set up, never which token or ballot (as generateTokens / close do).
      await appendAudit(
        trx,
        { id: null, name: 'demo', ip: null },
        {
          action: 'demo.seed.reviews',
          entity: 'review_campaign',
          entityId: null,
          after: { closed: last.id, voting: current.id },
        },
        d.now,
        d.dialect,
      );
    });
  },
};
