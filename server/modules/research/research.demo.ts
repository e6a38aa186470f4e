/**
 * The demo county's 调研 year: county leaders' visits from January to December, clustered on a few
 * 经典路线 villages while others are never visited, findings shared after past visits, and — in
 * the coming two weeks — a few clashes waiting for the coordinator (two teams to one village in
 * one week, two leaders in one township on one day, 陪同 over the limit with a stated reason).
 */
import type { DemoContext, DemoSeeder } from '../demo/activity.ts';
import { addDays, checkConflicts, townshipOf, type PlaceRef } from './conflicts.ts';
import { DEFAULT_LIMITS } from './limits.ts';

const LEADERS: [string, string][] = [
  ['县委书记 陈明远', '县级'],
  ['县长 刘建华', '县级'],
  ['县委副书记 王立新', '县级'],
  ['常务副县长 张国庆', '县级'],
  ['组织部部长 李红梅', '县级'],
  ['宣传部部长 赵文博', '县级'],
  ['纪委书记 孙卫东', '县级'],
  ['副县长 周晓燕', '县级'],
  ['市农业农村局调研组', '市级'],
];
const TOPICS = [
  '村级集体经济发展',
  '基层党组织标准化建设',
  '乡村振兴产业项目推进',
  '农村人居环境整治',
  '软弱涣散村党组织整顿',
  '防止返贫动态监测',
  '高标准农田建设',
  '基层治理网格化',
  '农村养老服务',
  '安全生产和防汛准备',
  '信访积案化解',
  '党员教育管理',
];
const FINDINGS: [string, string][] = [
  ['问题', '村集体经济收入主要依赖租金,来源单一'],
  ['问题', '三会一课记录不全,组织生活流于形式'],
  ['问题', '村内道路和排水设施年久失修,群众反映强烈'],
  ['问题', '网格员兼职过多,入户走访不到位'],
  ['经验', '村党组织领办合作社,带动农户增收'],
  ['经验', '党员包户联系群众,矛盾纠纷就地化解'],
  ['建议', '整合涉农资金,集中支持后进村补齐短板'],
  ['建议', '减少重复填表,数据一次采集多方共享'],
];

export const researchDemo: DemoSeeder = {
  name: 'research',
  async seed(d: DemoContext) {
    const { db, rng, today } = d;
    const pick = <T>(xs: T[]) => xs[Math.floor(rng() * xs.length)];
    const admin = await db.selectFrom('app_user').select('id').where('username', '=', 'demo-dcs').executeTakeFirst();
    if (!admin) return;
    const county = await db
      .selectFrom('org_unit')
      .select(['id', 'path'])
      .where('id', '=', d.county.countyId)
      .executeTakeFirstOrThrow();
    const villages = await db
      .selectFrom('org_unit')
      .select(['id', 'name', 'path', 'depth', 'parent_id'])
      .where('path', '>=', county.path)
      .where('depth', '=', 2)
      .where('type', '=', '党支部')
      .where('code', 'like', '%-V%')
      .orderBy('path')
      .execute();
    if (!villages.length) return;
    const place = (v: (typeof villages)[number]): PlaceRef => ({
      id: v.id,
      name: v.name,
      path: v.path,
      depth: v.depth,
      parentId: v.parent_id,
      townshipId: townshipOf(v.path),
    });
    // A few showcase villages draw half of all visits (经典路线); a third of villages see none.
    const showcase = villages.filter((_, i) => i % 17 === 3).slice(0, 6);
    const ordinary = villages.filter((_, i) => i % 3 !== 0);
    const year = today.slice(0, 4);
    const now = d.now.toISOString();
    const limits = DEFAULT_LIMITS;
    type Plan = {
      date: string;
      leader: [string, string];
      places: PlaceRef[];
      status: string;
      escorts?: { level: string; count: number }[];
      reason?: string | null;
      title?: string;
    };
    const plans: Plan[] = [];
    for (let i = 0; i < 160; i++) {
      const day = Math.floor(rng() * 365);
      const date = addDays(`${year}-01-01`, day);
      if (date.slice(0, 4) !== year) continue;
      const v = rng() < 0.5 ? pick(showcase) : pick(ordinary);
      const more = rng() < 0.3 ? [place(pick(ordinary))] : [];
      plans.push({
        date,
        leader: pick(LEADERS),
        places: [place(v), ...more.filter((p) => p.id !== v.id)],
        status: date < today ? '已确认' : rng() < 0.5 ? '已确认' : '待统筹',
      });
    }
    // The clashes in the coming days, for the coordinator to resolve.
    const soon = (n: number) => addDays(today, n);
    const hot = place(showcase[0] ?? villages[0]);
    const sameTown = villages.filter((v) => townshipOf(v.path) === hot.townshipId && v.id !== hot.id);
    plans.push({ date: soon(3), leader: LEADERS[0], places: [hot], status: '已确认', title: '乡村振兴示范村建设调研' });
    plans.push({
      date: soon(5),
      leader: LEADERS[4],
      places: [hot],
      status: '待统筹',
      title: '村党组织书记队伍建设调研',
    });
    if (sameTown[0])
      plans.push({
        date: soon(3),
        leader: LEADERS[3],
        places: [place(sameTown[0])],
        status: '待统筹',
        title: '高标准农田建设现场调研',
      });
    plans.push({
      date: soon(8),
      leader: LEADERS[8],
      places: [place(pick(ordinary))],
      status: '待统筹',
      title: '农业产业化调研',
      escorts: [{ level: '县级', count: 3 }],
      reason: '涉及农业、水利、乡村振兴三个部门',
    });
    plans.sort((a, b) => a.date.localeCompare(b.date));

    for (const p of plans) {
      const end = rng() < 0.15 ? addDays(p.date, 1) : p.date;
      const escorts = p.escorts ?? [{ level: '乡镇级', count: 1 }];
      const warnings = await checkConflicts(
        db,
        {
          visitId: null,
          leader: p.leader[0],
          visitorLevel: p.leader[1],
          startDate: p.date,
          endDate: end,
          places: p.places,
          escorts: escorts as never,
        },
        limits,
      );
      const past = p.date < today;
      const r = await db
        .insertInto('research_visit')
        .values({
          title: p.title ?? `${pick(TOPICS)}调研`,
          leader: p.leader[0],
          visitor_level: p.leader[1],
          members_json: JSON.stringify([]),
          owner_org_id: county.id,
          owner_path: county.path,
          plan_kind: rng() < 0.6 ? '年度计划' : '临时备案',
          start_date: p.date,
          end_date: end,
          escorts_json: JSON.stringify(escorts),
          escort_reason: p.reason ?? null,
          task_id: null,
          status: p.status,
          warnings_json: JSON.stringify(warnings),
          confirm_reason: p.status === '已确认' && warnings.length ? '已与接待单位沟通,错峰安排' : null,
          merged_into_id: null,
          created_by: admin.id,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('research_place')
        .values(
          p.places.map((pl) => ({
            visit_id: r.id,
            org_id: pl.id,
            org_path: pl.path,
            township_id: pl.townshipId,
            start_date: p.date,
            end_date: end,
            active: 1,
          })),
        )
        .execute();
      if (past && rng() < 0.45) {
        const [kind, text] = pick(FINDINGS);
        await db
          .insertInto('research_finding')
          .values({
            visit_id: r.id,
            org_id: p.places[0].id,
            org_path: p.places[0].path,
            kind,
            text,
            task_id: null,
            rectification_id: null,
            created_by: admin.id,
            created_at: now,
          })
          .execute();
      }
    }
  },
};
