/**
 * Demo: last year's 年度乡镇综合考核, published — computed from the demo's own records (indicator
 * roll-up, tasks, reviews, standards, windows) plus 平时 scores entered with reasons.
 */
import type { DemoContext, DemoSeeder } from '../demo/activity.ts';
import { scoreUnits } from './assessment.compute.ts';

async function seed(d: DemoContext) {
  const { db, today, county, rng } = d;
  const year = Number(today.slice(0, 4)) - 1;
  const parts = [
    { source: 'indicators.completion', weight: 40 },
    { source: 'tasks.onTimeRate', weight: 20 },
    { source: 'reviews.goodRate', weight: 10 },
    { source: 'standards.score', weight: 10 },
    { source: 'windows.satisfactionRate', weight: 10 },
    { source: 'monthly', weight: 10 },
  ];
  const a = {
    year,
    parts_json: JSON.stringify(parts),
    bonus_cap: 1,
    excellent_percent: 15,
    good_percent: 20,
  };
  const { id } = await db
    .insertInto('assessment')
    .values({
      ...a,
      owner_org_id: county.countyId,
      name: `${year}年度乡镇综合考核`,
      bonus_percent: 10,
      objection_days: 5,
      status: '已发布',
      computed_at: `${year + 1}-01-12T02:00:00.000Z`,
      publicity_start_date: `${year + 1}-01-13`,
      publicity_end_date: `${year + 1}-01-19`,
      created_by: null,
      created_at: `${year + 1}-01-06T02:00:00.000Z`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const paths = await db
    .selectFrom('org_unit')
    .select(['id', 'path'])
    .where(
      'id',
      'in',
      county.towns.map((t) => t.id),
    )
    .execute();
  await db
    .insertInto('assessment_unit')
    .values(
      paths.map((o) => ({
        assessment_id: id,
        org_id: o.id,
        org_path: o.path,
        parts_json: null,
        base: null,
        bonus: 0,
        deduction: 0,
        total: null,
        rank: null,
        grade: null,
        vetoed: 0,
        veto_json: null,
        note: null,
      })),
    )
    .execute();
  const scores = [];
  for (const o of paths)
    for (let m = 1; m <= 12; m++)
      scores.push({
        assessment_id: id,
        org_id: o.id,
        month: m,
        score: Math.round(80 + rng() * 18),
        reason: `${m}月工作调度会综合评分`,
        by_id: null,
        by_name: '县委组织部',
        at: `${m === 12 ? year + 1 : year}-${String((m % 12) + 1).padStart(2, '0')}-05T02:00:00.000Z`,
      });
  for (let i = 0; i < scores.length; i += 200)
    await db
      .insertInto('assessment_score')
      .values(scores.slice(i, i + 200))
      .execute();
  await scoreUnits(db, { id, ...a });
}

export const assessmentDemo: DemoSeeder = { name: 'assessment', seed };
