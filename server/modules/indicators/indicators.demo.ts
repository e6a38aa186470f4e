/**
 * The demo county's 指标调度: ~20 indicators (经济运行, 项目, 民生, computed ones), a year of
 * monthly figures from every township (last year too, for growth rates), targets from signed
 * 责任书, grids in every state (approved, sent, returned, not yet sent), and the roll-up with
 * lights. Dated relative to today: the months up to last month are filled.
 */
import type { DemoContext, DemoSeeder } from '../demo/activity.ts';
import { deadlineOf } from './grid.service.ts';
import { periodsOf, recomputeAll } from './rollup.ts';

type Def = {
  name: string;
  unit: string;
  agg: '求和' | '平均' | '比率' | '同比增速';
  owner: string;
  leader: string;
  /** Monthly size per township (sums) or level (averages). */
  size?: number;
  /** Target growth over last year (sums) or target level. */
  goal?: number;
  figure?: string;
  of?: [string, string?];
  key?: boolean;
};
const DEFS: Def[] = [
  {
    name: '地区生产总值',
    unit: '万元',
    agg: '求和',
    owner: '统计局',
    leader: '县长',
    size: 9000,
    goal: 0.06,
    key: true,
  },
  {
    name: '固定资产投资',
    unit: '万元',
    agg: '求和',
    owner: '发展和改革局',
    leader: '常务副县长',
    size: 3000,
    goal: 0.12,
    key: true,
  },
  {
    name: '工业投资',
    unit: '万元',
    agg: '求和',
    owner: '工业和信息化局',
    leader: '常务副县长',
    size: 1200,
    goal: 0.25,
  },
  {
    name: '规上工业增加值',
    unit: '万元',
    agg: '求和',
    owner: '工业和信息化局',
    leader: '副县长',
    size: 2000,
    goal: 0.08,
    key: true,
  },
  { name: '社会消费品零售总额', unit: '万元', agg: '求和', owner: '商务局', leader: '副县长', size: 2600, goal: 0.07 },
  {
    name: '一般公共预算收入',
    unit: '万元',
    agg: '求和',
    owner: '财政局',
    leader: '常务副县长',
    size: 800,
    goal: 0.05,
    key: true,
  },
  { name: '税收收入', unit: '万元', agg: '求和', owner: '财政局', leader: '常务副县长', size: 600, goal: 0.05 },
  { name: '招商引资到位资金', unit: '万元', agg: '求和', owner: '商务局', leader: '副县长', size: 1500, goal: 0.2 },
  { name: '新签约项目', unit: '个', agg: '求和', owner: '发展和改革局', leader: '常务副县长', size: 2, goal: 0.1 },
  { name: '新开工项目', unit: '个', agg: '求和', owner: '发展和改革局', leader: '常务副县长', size: 1.5, goal: 0.1 },
  { name: '新投产项目', unit: '个', agg: '求和', owner: '工业和信息化局', leader: '副县长', size: 1, goal: 0.1 },
  {
    name: '城镇新增就业',
    unit: '人',
    agg: '求和',
    owner: '人力资源和社会保障局',
    leader: '副县长',
    size: 60,
    goal: 0.03,
  },
  {
    name: '农村居民人均可支配收入',
    unit: '元',
    agg: '求和',
    owner: '农业农村局',
    leader: '副县长',
    size: 1700,
    goal: 0.07,
  },
  { name: '空气质量优良天数比例', unit: '%', agg: '平均', owner: '生态环境', leader: '副县长', size: 88, goal: 90 },
  {
    name: '固定资产投资增速',
    unit: '%',
    agg: '同比增速',
    owner: '发展和改革局',
    leader: '常务副县长',
    of: ['固定资产投资'],
    goal: 12,
  },
  {
    name: '规上工业增加值增速',
    unit: '%',
    agg: '同比增速',
    owner: '工业和信息化局',
    leader: '副县长',
    of: ['规上工业增加值'],
    goal: 8,
  },
  {
    name: '社会消费品零售总额增速',
    unit: '%',
    agg: '同比增速',
    owner: '商务局',
    leader: '副县长',
    of: ['社会消费品零售总额'],
    goal: 7,
  },
  {
    name: '税收占一般公共预算收入比重',
    unit: '%',
    agg: '比率',
    owner: '财政局',
    leader: '常务副县长',
    of: ['税收收入', '一般公共预算收入'],
    goal: 75,
  },
  {
    name: '督查任务按期办结率',
    unit: '%',
    agg: '平均',
    owner: '',
    leader: '县委副书记',
    figure: 'tasks.onTimeRate',
    goal: 90,
  },
  {
    name: '逾期未销号整改事项',
    unit: '项',
    agg: '平均',
    owner: '',
    leader: '县纪委书记',
    figure: 'rectifications.overdueCount',
    goal: 0,
  },
];

async function seed(d: DemoContext) {
  const { db, today, county, rng } = d;
  const at = d.now.toISOString();
  const year = Number(today.slice(0, 4));
  const lastMonth = (() => {
    const [y, m] = today.slice(0, 7).split('-').map(Number);
    return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  })();
  const depts = await db
    .selectFrom('org_unit')
    .select(['id', 'name'])
    .where('type', '=', '政府单位')
    .where('parent_id', '=', county.countyId)
    .execute();
  const ownerOf = (n: string) => depts.find((x) => n && x.name.includes(n))?.id ?? county.countyId;
  const towns = county.towns;
  // Township strength: most keep pace, two lag badly (their lights go red), one recovers mid-year.
  const strength = towns.map((_, i) => (i === 1 || i === 4 ? 0.62 : 0.9 + rng() * 0.35));
  const ids = new Map<string, number>();
  for (const def of DEFS) {
    const { id } = await db
      .insertInto('indicator')
      .values({
        name: def.name,
        definition: def.figure ? '由落实系统的业务记录自动计算' : `全县${def.name}(调度数,非统计部门发布数)`,
        unit: def.unit,
        frequency: '月',
        aggregation: def.agg,
        source: def.figure ? '系统数据' : '手工填报',
        figure_key: def.figure ?? null,
        numerator_id: def.agg === '比率' ? ids.get(def.of![0])! : null,
        denominator_id: def.agg === '比率' ? ids.get(def.of![1]!)! : null,
        base_id: def.agg === '同比增速' ? ids.get(def.of![0])! : null,
        weight_id: null,
        owner_org_id: ownerOf(def.owner),
        leader: def.leader,
        warn_threshold: null,
        excellent_threshold: null,
        higher_is_better: def.figure === 'rectifications.overdueCount' ? 0 : 1,
        min_value: 0,
        max_value: def.unit === '%' ? 100 : null,
        jump_percent: def.unit === '个' ? null : 300,
        is_key: def.key ? 1 : 0,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.set(def.name, id);
    const manual = !def.figure && (def.agg === '求和' || def.agg === '平均');
    if (manual)
      await db
        .insertInto('indicator_reporter')
        .values(towns.map((t) => ({ indicator_id: id, org_id: t.id })))
        .execute();
    if (!manual && def.goal !== undefined)
      await db
        .insertInto('indicator_target')
        .values({
          indicator_id: id,
          org_id: county.countyId,
          year,
          annual: def.goal,
          months_json: null,
          source: '手工',
          source_ref: null,
          updated_at: at,
        })
        .execute();
    if (!manual) continue;
    const values: {
      indicator_id: number;
      org_id: number;
      period: string;
      value: number;
      note: null;
      updated_by: null;
      updated_at: string;
    }[] = [];
    let countyTarget = 0;
    for (const [ti, t] of towns.entries()) {
      const size = def.size! * (0.6 + ((ti * 37) % 10) / 10);
      const round = (x: number) => (def.unit === '个' ? Math.max(0, Math.round(x)) : Math.round(x * 10) / 10);
      let lastYear = 0;
      for (const p of periodsOf(year - 1)) {
        const v =
          def.agg === '平均' ? round(size * 0 + def.size! + (rng() - 0.5) * 8) : round(size * (0.8 + rng() * 0.4));
        lastYear += v;
        values.push({
          indicator_id: id,
          org_id: t.id,
          period: p,
          value: v,
          note: null,
          updated_by: null,
          updated_at: at,
        });
      }
      const annual = def.agg === '平均' ? def.goal! : Math.round(lastYear * (1 + def.goal!));
      countyTarget += annual;
      await db
        .insertInto('indicator_target')
        .values({
          indicator_id: id,
          org_id: t.id,
          year,
          annual,
          months_json: null,
          source: '责任书',
          source_ref: `${year}年度乡镇目标管理责任书`,
          updated_at: at,
        })
        .execute();
      for (const p of periodsOf(year)) {
        if (p > lastMonth) break;
        const m = Number(p.slice(5, 7));
        // The recovering township catches up from the seventh month.
        const s = ti === 4 && m >= 7 ? 1.6 : strength[ti];
        const v =
          def.agg === '平均' ? round(def.goal! - 6 + rng() * 8 * s) : round((annual / 12) * s * (0.85 + rng() * 0.3));
        values.push({
          indicator_id: id,
          org_id: t.id,
          period: p,
          value: v,
          note: null,
          updated_by: null,
          updated_at: at,
        });
      }
    }
    await db
      .insertInto('indicator_target')
      .values({
        indicator_id: id,
        org_id: county.countyId,
        year,
        annual: def.agg === '平均' ? def.goal! : countyTarget,
        months_json: null,
        source: '手工',
        source_ref: null,
        updated_at: at,
      })
      .execute();
    for (let i = 0; i < values.length; i += 400)
      await db
        .insertInto('indicator_value')
        .values(values.slice(i, i + 400))
        .execute();
  }
  // Grids: approved up to the month before last; last month in every state.
  const reports = [];
  for (const [ti, t] of towns.entries())
    for (const p of [...periodsOf(year - 1), ...periodsOf(year)]) {
      if (p > lastMonth) break;
      const deadline = deadlineOf(p, 10);
      const last = p === lastMonth;
      const status = !last ? '已通过' : ti === 0 ? '已退回' : ti === 2 ? '填报中' : ti % 2 ? '已报送' : '已通过';
      const late = !last && ti === 3 && Number(p.slice(5, 7)) % 4 === 0;
      reports.push({
        org_id: t.id,
        period: p,
        status,
        deadline_date: deadline,
        submitted_at: status === '填报中' ? null : `${deadline.slice(0, 8)}${late ? '14' : '08'}T01:30:00.000Z`,
        on_time: status === '填报中' ? null : late ? 0 : 1,
        decided_at: status === '已通过' || status === '已退回' ? at : null,
        decided_by: null,
        reason: status === '已退回' ? '固定资产投资与项目入库数不一致,请核实后重报' : null,
        updated_at: at,
      });
    }
  for (let i = 0; i < reports.length; i += 400)
    await db
      .insertInto('indicator_report')
      .values(reports.slice(i, i + 400))
      .execute();
  // Signed 责任书: issued by the county in January, signed by the township first.
  const items = [
    ...['固定资产投资', '规上工业增加值', '一般公共预算收入', '招商引资到位资金'].map((n) => ({
      kind: '指标',
      indicatorId: ids.get(n)!,
      target: null,
      text: `完成${n}目标任务`,
    })),
    { kind: '重点任务', indicatorId: null, target: null, text: '重点项目“签约—摘牌—开工—投产”全流程按月推进' },
    { kind: '党建', indicatorId: null, target: null, text: '软弱涣散村党组织整顿转化率100%' },
  ];
  for (const [ti, t] of towns.entries()) {
    const lineItems = [];
    for (const it of items) {
      const tg = it.indicatorId
        ? await db
            .selectFrom('indicator_target')
            .select('annual')
            .where('indicator_id', '=', it.indicatorId)
            .where('org_id', '=', t.id)
            .where('year', '=', year)
            .executeTakeFirst()
        : undefined;
      lineItems.push({ ...it, target: tg?.annual ?? null });
    }
    const signed = ti !== towns.length - 1;
    await db
      .insertInto('responsibility_letter')
      .values({
        org_id: t.id,
        issuer_org_id: county.countyId,
        year,
        title: `${year}年度乡镇目标管理责任书`,
        items_json: JSON.stringify(lineItems),
        status: signed ? '已签订' : '单位已签',
        unit_signed_at: `${year}-01-2${ti % 8}T02:00:00.000Z`,
        unit_signer_id: null,
        unit_signer_name: `${t.name}书记`,
        issuer_signed_at: signed ? `${year}-01-29T07:30:00.000Z` : null,
        issuer_signer_id: null,
        issuer_signer_name: signed ? '县委组织部' : null,
        created_by: null,
        created_at: `${year}-01-15T02:00:00.000Z`,
      })
      .execute();
  }
  await recomputeAll(db, year - 1, `${year - 1}-12-31`);
  await recomputeAll(db, year, today);
}

export const indicatorsDemo: DemoSeeder = { name: 'indicators', seed };
