/**
 * The demo county's 标准化: last year's round finished (自评 → 初核 → 审定, graded, 公示 with an
 * answered objection, published), this year's round in progress (every stage represented), 整顿
 * plans from last year's bottom (one lifted after 验收, two still open with monthly progress, their
 * problems in the rectification ledger) and this year's 示范点.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { DemoContext, DemoSeeder } from '../demo/activity.ts';
import { addDays } from '../../lib/workdays.ts';
import { BUILTIN_MANUALS } from './defaults.ts';
import { combine, flatItems, gradeEntries, sheetTotal, type FlatItem } from './scoring.ts';

async function standardManual(db: Kysely<DB>, now: string) {
  const have = await db.selectFrom('std_manual').selectAll().where('builtin', '=', 'standard').executeTakeFirst();
  if (have) return have;
  for (const [key, b] of Object.entries(BUILTIN_MANUALS)) {
    const r = await db
      .insertInto('std_manual')
      .values({
        family_id: 0,
        version: 1,
        name: b.name,
        scheme: b.scheme,
        total_points: b.totalPoints,
        bonus_points: b.bonusPoints,
        content_json: JSON.stringify({ dimensions: b.dimensions, bands: b.bands }),
        note: '系统内置',
        builtin: key,
        created_by: null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.updateTable('std_manual').set({ family_id: r.id }).where('id', '=', r.id).execute();
  }
  return db.selectFrom('std_manual').selectAll().where('builtin', '=', 'standard').executeTakeFirstOrThrow();
}

/** A plausible sheet: most items full marks, some lost points; the superior is a little stricter. */
function scoreSheet(items: FlatItem[], rng: () => number, quality: number) {
  const self = new Map<string, number>();
  const sup = new Map<string, number>();
  for (const it of items) {
    let p: number;
    if (it.bonus) p = rng() < quality * 0.3 ? it.maxPoints : 0;
    else if (it.method === 'levels' && it.levels) p = it.levels[rng() < quality ? 0 : rng() < 0.6 ? 1 : 2].points;
    else if (it.method === 'yesno') p = rng() < quality + 0.1 ? it.maxPoints : 0;
    else
      p = Math.max(
        it.floor ?? 0,
        it.maxPoints - (rng() < quality ? 0 : (it.perOccurrence ?? 1) * (1 + Math.floor(rng() * 2))),
      );
    self.set(it.code, p);
    const stricter = rng() < 0.12 && it.method !== 'bonus';
    sup.set(
      it.code,
      stricter
        ? Math.max(
            it.floor ?? 0,
            it.method === 'levels' && it.levels
              ? it.levels[Math.min(it.levels.length - 1, 1)].points
              : p - (it.perOccurrence ?? 1),
          )
        : p,
    );
  }
  return { self, sup };
}

export const standardsDemo: DemoSeeder = {
  name: 'standards',
  async seed(d: DemoContext) {
    const { db, rng, today } = d;
    const nowIso = d.now.toISOString();
    const zzb = await db
      .selectFrom('app_user')
      .select(['id', 'scope_org_id'])
      .where('username', '=', 'demo-zzb')
      .executeTakeFirst();
    if (!zzb) return;
    const county = await db
      .selectFrom('org_unit')
      .select(['id', 'path'])
      .where('id', '=', d.county.countyId)
      .executeTakeFirstOrThrow();
    const branches = await db
      .selectFrom('org_unit')
      .select(['id', 'path', 'name', 'parent_id'])
      .where('path', '>=', county.path)
      .where('path', '<', `${county.path.slice(0, -1)}0`)
      .where('type', 'in', ['党支部', '党总支'])
      .where('status', '=', '正常')
      .orderBy('path')
      .execute();
    if (!branches.length) return;
    const manual = await standardManual(db, nowIso);
    const content = JSON.parse(manual.content_json);
    const items = flatItems(content.dimensions);
    const year = Number(today.slice(0, 4));
    const quality = new Map(branches.map((b) => [b.id, 0.55 + rng() * 0.45]));

    async function round(y: number, name: string, status: string, pub: [string, string] | null) {
      const r = await db
        .insertInto('std_round')
        .values({
          manual_id: manual.id,
          year: y,
          name,
          owner_org_id: county.id,
          owner_path: county.path,
          status,
          self_weight: 40,
          superior_weight: 60,
          self_due_date: status === '已发布' ? `${y}-12-10` : addDays(today, 10),
          review_due_date: status === '已发布' ? `${y}-12-20` : addDays(today, 20),
          objection_days: 5,
          publicity_start_date: pub?.[0] ?? null,
          publicity_end_date: pub?.[1] ?? null,
          graded_at: pub ? `${pub[0]}T01:00:00.000Z` : null,
          created_by: zzb?.id ?? 0,
          created_at: nowIso,
          updated_at: nowIso,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return r.id;
    }

    async function entries(roundId: number, stageOf: (i: number) => string) {
      const rows: { id: number; total: number | null; vetoed: boolean }[] = [];
      for (const [i, b] of branches.entries()) {
        const stage = stageOf(i);
        const { self, sup } = scoreSheet(items, rng, quality.get(b.id) ?? 0.7);
        const hasSelf = stage !== '待自评';
        const hasSup = stage === '待审定' || stage === '已审定';
        const selfScore =
          hasSelf && stage !== '已退回' ? sheetTotal(items, manual.bonus_points, (c) => self.get(c) ?? 0) : null;
        const supScore = hasSup ? sheetTotal(items, manual.bonus_points, (c) => sup.get(c) ?? 0) : null;
        const total = stage === '已审定' ? combine(selfScore, supScore, 40, 60) : null;
        const e = await db
          .insertInto('std_entry')
          .values({
            round_id: roundId,
            org_id: b.id,
            org_path: b.path,
            status: stage,
            self_score: selfScore,
            superior_score: supScore,
            total,
            vetoed: 0,
            return_reason: stage === '已退回' ? '组织生活会记录未上传,请补充' : null,
            submitted_at: hasSelf ? nowIso : null,
            reviewed_at: hasSup ? nowIso : null,
            approved_at: total !== null ? nowIso : null,
            updated_at: nowIso,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        if (hasSelf) {
          const vals = items.map((it) => ({
            entry_id: e.id,
            code: it.code,
            self_points: self.get(it.code) ?? 0,
            self_note: null,
            evidence_json: JSON.stringify(it.evidence.map((t) => ({ type: t, note: `${t}已归档` }))),
            auto_json: null,
            override_reason: null,
            superior_points: hasSup ? (sup.get(it.code) ?? 0) : null,
            superior_comment: hasSup && sup.get(it.code) !== self.get(it.code) ? '材料不完整,酌情扣分' : null,
            returned: stage === '已退回' && it.code === 'C3' ? 1 : 0,
          }));
          for (let k = 0; k < vals.length; k += 100)
            await db
              .insertInto('std_score')
              .values(vals.slice(k, k + 100))
              .execute();
        }
        rows.push({ id: e.id, total, vetoed: false });
      }
      return rows;
    }

    // last year: finished and published after a 5-working-day 公示 in January
    const last = await round(year - 1, `${year - 1}年度党支部标准化考评`, '已发布', [`${year}-01-05`, `${year}-01-09`]);
    const lastRows = await entries(last, () => '已审定');
    const { out } = gradeEntries(
      lastRows.map((r) => ({ ...r, directGrade: null })),
      content.bands,
    );
    for (const o of out)
      await db.updateTable('std_entry').set({ rank: o.rank, grade: o.grade }).where('id', '=', o.id).execute();
    const bottom = [...out].sort((a, b) => (b.rank ?? 0) - (a.rank ?? 0)).slice(0, 3);
    const top = [...out].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0)).slice(0, 3);
    const entryOrg = new Map(
      (await db.selectFrom('std_entry').select(['id', 'org_id']).where('round_id', '=', last).execute()).map((e) => [
        e.id,
        e.org_id,
      ]),
    );
    const objected = out[Math.floor(rng() * out.length)];
    const objectedOrg = await db
      .selectFrom('org_unit')
      .select(['id', 'name'])
      .where('id', '=', entryOrg.get(objected.id)!)
      .executeTakeFirstOrThrow();
    await db
      .insertInto('publicity_objection')
      .values({
        kind: 'standards',
        posting_id: last,
        subject_id: objected.id,
        subject_name: objectedOrg.name,
        org_id: objectedOrg.id,
        text: '该支部组织生活会已于12月召开,评分未予认定',
        created_by: zzb.id,
        created_at: `${year}-01-06T02:00:00.000Z`,
        answer: '经核实,会议记录在公示前已补交,原评分维持不变',
        upheld: 0,
        answered_by: zzb.id,
        answered_at: `${year}-01-08T02:00:00.000Z`,
      })
      .execute();

    // this year: every stage of the workflow present
    const stages = ['待自评', '待自评', '已退回', '待初核', '待初核', '待审定', '已审定', '已审定', '待初核', '待自评'];
    await entries(await round(year, `${year}年度党支部标准化考评`, '评分中', null), (i) => stages[i % stages.length]);

    // 整顿 from last year's bottom; problems in the rectification ledger
    const PROBLEMS = ['党员大会未按季度召开', '支部书记长期空缺', '台账资料不健全', '主题党日流于形式'];
    for (const [k, b] of bottom.entries()) {
      const orgId = entryOrg.get(b.id);
      const org = branches.find((x) => x.id === orgId);
      if (!org) continue;
      const start = `${year}-02-1${k}`;
      const lifted = k === 0;
      const plan = await db
        .insertInto('std_plan')
        .values({
          org_id: org.id,
          org_path: org.path,
          issuer_org_id: county.id,
          round_id: last,
          basis: `${year - 1}年度标准化考评排名末位(第 ${b.rank} 名)`,
          contact_leader: ['县委组织部副部长 王明', '县委常委 刘芳', '县委组织部部长 李红梅'][k],
          status: lifted ? '已摘帽' : '整顿中',
          start_date: start,
          lifted_date: lifted ? addDays(today, -20) : null,
          created_by: zzb.id,
          created_at: `${start}T02:00:00.000Z`,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const [j, problem] of PROBLEMS.slice(k, k + 2).entries()) {
        const item = await db
          .insertInto('rectification_item')
          .values({
            org_id: org.id,
            issuer_org_id: county.id,
            problem,
            source: '标准化',
            source_ref: `std_plan:${plan.id}`,
            measures: '制定整改计划,逐月报送进展',
            owner: null,
            deadline_date: addDays(today, 30 + j * 30),
            status: lifted ? '已销号' : '整改中',
            rebound_count: 0,
            recheck_months: 6,
            recheck_due_date: null,
            closed_date: lifted ? addDays(today, -25) : null,
            created_by: zzb.id,
            created_at: `${start}T02:00:00.000Z`,
            updated_at: nowIso,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await db
          .insertInto('rectification_step')
          .values({
            item_id: item.id,
            step: '建立',
            opinion: '来源:标准化',
            actor_id: zzb.id,
            at: `${start}T02:00:00.000Z`,
          })
          .execute();
        await db
          .insertInto('std_plan_problem')
          .values({
            plan_id: plan.id,
            rect_item_id: item.id,
            problem,
            accepted_at: lifted || j === 0 ? `${addDays(today, -20)}T02:00:00.000Z` : null,
            accept_note: lifted || j === 0 ? '经乡镇党委逐条验收,整改到位' : null,
            accepted_by: lifted || j === 0 ? zzb.id : null,
          })
          .execute();
      }
      for (let m = 3; m <= Math.min(12, Number(today.slice(5, 7))); m++)
        await db
          .insertInto('std_plan_progress')
          .values({
            plan_id: plan.id,
            month: `${year}-${String(m).padStart(2, '0')}`,
            text: ['召开党员大会,通报整顿方案', '补齐组织生活台账', '联系领导到村指导', '完成支委补选'][m % 4],
            created_by: zzb.id,
            at: `${year}-${String(m).padStart(2, '0')}-25T02:00:00.000Z`,
          })
          .execute();
    }
    for (const t of top) {
      const org = branches.find((x) => x.id === entryOrg.get(t.id));
      if (org)
        await db
          .insertInto('std_model')
          .values({
            org_id: org.id,
            org_path: org.path,
            year,
            reason: `${year - 1}年度标准化考评全县第 ${t.rank} 名,阵地规范、制度健全`,
            created_by: zzb.id,
            created_at: nowIso,
          })
          .execute();
    }
  },
};
