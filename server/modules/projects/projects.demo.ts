/**
 * Demo 重点项目: four key projects of the year (签约 → 土地摘牌 → 开工 → 投产) with a monthly
 * investment plan and the months reported so far; 乙镇's cold-chain park lags (开工 months late,
 * half the plan: red), 丙镇's runs a little behind (yellow). Two computed indicators read them
 * (重点项目完成投资, 重点项目投资完成率), with the county's targets and one target taken from a task.
 */
import type { DemoContext, DemoSeeder } from '../demo/activity.ts';
import { deadlineOf } from '../indicators/grid.service.ts';
import { periodsOf, recomputeWithDependents } from '../indicators/rollup.ts';
import { insertKeyProject } from './projects.rows.ts';

const addDays = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** Share of the year's plan per month: slow start, busy summer. */
const CURVE = [0.04, 0.05, 0.08, 0.09, 0.1, 0.1, 0.1, 0.1, 0.09, 0.09, 0.08, 0.08];

interface Spec {
  lead: 0 | 1 | 2 | 'dept';
  text: string;
  target: string;
  annual: number;
  /** Completed / planned, on average. */
  pace: number;
  /** Milestones: name, due in days from today, reached (days before due, or null = not reached). */
  milestones: [string, number, number | null][];
}

const SPECS: Spec[] = [
  {
    lead: 0,
    text: '{town}新能源电池材料项目加快建设,年内完成投资2.4亿元,确保明年一季度投产。',
    target: '完成投资2.4亿元',
    annual: 24000,
    pace: 1.04,
    milestones: [
      ['签约', -300, 5],
      ['土地摘牌', -240, 3],
      ['开工', -200, 0],
      ['投产', 90, null],
    ],
  },
  {
    lead: 1,
    text: '{town}冷链物流园项目要倒排工期,全年完成投资1.2亿元。',
    target: '完成投资1.2亿元',
    annual: 12000,
    pace: 0.52,
    milestones: [
      ['签约', -280, 0],
      ['土地摘牌', -200, 10],
      ['开工', -110, null],
      ['投产', 200, null],
    ],
  },
  {
    lead: 2,
    text: '{town}农产品精深加工项目年内完成投资8000万元,带动周边种植基地扩面。',
    target: '完成投资8000万元',
    annual: 8000,
    pace: 0.82,
    milestones: [
      ['签约', -260, 2],
      ['开工', -150, 8],
      ['投产', 120, null],
    ],
  },
  {
    lead: 'dept',
    text: '经开区标准厂房二期项目全年完成投资1.5亿元,年底前主体封顶。',
    target: '完成投资1.5亿元',
    annual: 15000,
    pace: 0.98,
    milestones: [
      ['土地摘牌', -230, 0],
      ['开工', -190, 4],
      ['主体封顶', 25, null],
    ],
  },
];

export const projectsDemo: DemoSeeder = {
  name: 'projects',
  async seed(d: DemoContext) {
    const { db, today, rng } = d;
    const year = Number(today.slice(0, 4));
    const month = today.slice(0, 7);
    const at = d.now.toISOString();
    const users = new Map(
      (await db.selectFrom('app_user').select(['id', 'username']).execute()).map((u) => [u.username, u.id]),
    );
    const dcs = users.get('demo-dcs') ?? users.get('demo-admin')!;
    const dept = await db
      .selectFrom('org_unit')
      .select('id')
      .where('type', '=', '政府单位')
      .where('parent_id', '=', d.county.countyId)
      .orderBy('sort_order')
      .orderBy('id')
      .executeTakeFirst();
    const towns = d.county.towns;
    const leadOf = (s: Spec) => (s.lead === 'dept' ? (dept?.id ?? d.county.countyId) : (towns[s.lead] ?? towns[0]).id);
    const reporterOf = (org: number) =>
      org === towns[0]?.id ? users.get('demo-town-a') : org === towns[1]?.id ? users.get('demo-town-b') : dcs;
    const issued = `${year}-01-08` < today ? `${year}-01-08` : today;
    const shortNames = new Map(
      (
        await db
          .selectFrom('org_unit')
          .select(['id', 'name', 'short_name'])
          .where('id', 'in', towns.map((t) => t.id).concat(0))
          .execute()
      ).map((o) => [o.id, (o.short_name ?? o.name).replace(/党委$/, '').replace(/^中共示范县|委员会$/g, '')]),
    );
    const projects: { id: number; lead: number; spec: Spec }[] = [];
    await db.transaction().execute(async (trx) => {
      for (const s of SPECS) {
        const lead = leadOf(s);
        const text = s.text.replace('{town}', shortNames.get(lead) ?? '');
        const rows = periodsOf(year).map((period, i) => {
          const planned = Math.round(s.annual * CURVE[i]);
          // Months before this one are reported (on time); this month is still open.
          const done = period < month;
          const completed = done ? Math.round(planned * s.pace * (0.88 + rng() * 0.24) * 10) / 10 : null;
          const day = addDays(deadlineOf(period, 10), -3 - Math.floor(rng() * 5));
          const reportedDay = done ? [day, today].sort()[0] : null;
          return {
            period,
            planned,
            completed,
            note: null,
            reported_at: reportedDay ? `${reportedDay}T02:00:00.000Z` : null,
            on_time: done ? 1 : null,
          };
        });
        const total = rows.reduce((a, r) => a + (r.completed ?? 0), 0);
        const lastReport =
          rows
            .filter((r) => r.reported_at)
            .at(-1)
            ?.reported_at?.slice(0, 10) ?? null;
        const id = await insertKeyProject(trx, {
          text,
          leadOrgId: lead,
          leader: '王副县长',
          year,
          deadlineText: '年内',
          targets: [s.target],
          // the task's own progress follows the investment reported (its light reads it)
          progress: Math.min(95, Math.round((total / s.annual) * 100)),
          issuedDate: issued,
          lastReportDate: lastReport,
          createdBy: dcs,
          at,
        });
        await trx
          .insertInto('task_event')
          .values({ task_id: id, kind: 'dispatch', text: null, actor_id: dcs, at })
          .execute();
        await trx
          .insertInto('task_milestone')
          .values(
            s.milestones.map(([name, dueIn, early], i) => ({
              task_id: id,
              name,
              due_date: addDays(today, dueIn),
              done_date: early === null ? null : addDays(today, dueIn - early),
              sort_order: i + 1,
            })),
          )
          .execute();
        const by = reporterOf(lead) ?? dcs;
        await trx
          .insertInto('project_investment')
          .values(rows.map((r) => ({ ...r, task_id: id, reported_by: r.completed === null ? null : by })))
          .execute();
        projects.push({ id, lead, spec: s });
      }

      const indicator = async (name: string, unit: string, aggregation: string, figure: string) =>
        (
          await trx
            .insertInto('indicator')
            .values({
              name,
              definition: '由重点项目逐月报送的投资自动计算,不再另行填报',
              unit,
              frequency: '月',
              aggregation,
              source: '系统数据',
              figure_key: figure,
              numerator_id: null,
              denominator_id: null,
              base_id: null,
              weight_id: null,
              owner_org_id: d.county.countyId,
              leader: '王副县长',
              warn_threshold: null,
              excellent_threshold: null,
              higher_is_better: 1,
              min_value: 0,
              max_value: null,
              jump_percent: null,
              is_key: 1,
              created_at: at,
              updated_at: at,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      const done = await indicator('重点项目完成投资', '万元', '求和', 'projects.investmentCompleted');
      const rate = await indicator('重点项目投资完成率', '%', '平均', 'projects.investmentRate');
      const total = SPECS.reduce((a, s) => a + s.annual, 0);
      const target = (indicator_id: number, org_id: number, annual: number, from?: (typeof projects)[number]) => ({
        indicator_id,
        org_id,
        year,
        annual,
        months_json: null,
        source: from ? '任务' : '手工',
        source_ref: from ? `任务 #${from.id}` : null,
        task_id: from?.id ?? null,
        task_target: from?.spec.target ?? null,
        updated_at: at,
      });
      await trx
        .insertInto('indicator_target')
        .values([
          target(done, d.county.countyId, total),
          // Each township's target taken from its project's sentence (「设为指标目标」).
          ...projects.filter((p) => p.spec.lead !== 'dept').map((p) => target(done, p.lead, p.spec.annual, p)),
          target(rate, d.county.countyId, 100),
        ])
        .execute();
      await recomputeWithDependents(trx, [done, rate], year, today);
    });
  },
};
