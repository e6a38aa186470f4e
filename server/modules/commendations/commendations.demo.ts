/**
 * Demo: last year's county 表彰, published a few weeks ago (先进集体 = the best-ranked towns of last
 * year's 年度综合考核, members of several towns as 优秀党员 / 优秀党务工作者, one withdrawn after an
 * upheld objection), with its honours on the orgs and members; and this year's round open for
 * nominations, a few in the review chain so that every state shows on day one.
 */
import { addDays } from '../../lib/workdays.ts';
import type { CommendCategory, NominationStatus } from '../../../common/enums.ts';
import type { DemoContext, DemoSeeder } from '../demo/activity.ts';

const DEEDS: Record<CommendCategory, string[]> = {
  先进集体: [
    '全年固定资产投资增长18%,重点项目全部按期开工;基层党组织标准化建设全部达标。',
    '抓党建促乡村振兴,村集体经济收入全部超过10万元,信访总量下降三成。',
    '窗口服务好评率98%以上,"一件事一次办"事项全部落地。',
  ],
  先进工作者: ['牵头推进园区标准厂房建设,提前两个月交付。'],
  优秀党员: [
    '带头创办茶叶专业合作社,带动120户群众增收。',
    '防汛抢险中连续奋战72小时,转移群众46人。',
    '坚持义务调解邻里纠纷十余年,调解成功率95%。',
    '返乡创业发展电商,帮助村民销售农产品300余万元。',
  ],
  优秀党务工作者: ['规范"三会一课"记录,支部组织生活会整改事项全部销号。', '建立党员积分管理台账,党员参学率100%。'],
};

async function seed(d: DemoContext) {
  const { db, today, county, rng } = d;
  const year = Number(today.slice(0, 4)) - 1;
  const at = (days: number) => `${addDays(today, days)}T02:00:00.000Z`;
  const owner = await db
    .selectFrom('org_unit')
    .select(['id', 'name', 'path'])
    .where('id', '=', county.countyId)
    .executeTakeFirstOrThrow();
  const towns = await db
    .selectFrom('org_unit')
    .select(['id', 'name', 'path'])
    .where(
      'id',
      'in',
      county.towns.map((t) => t.id),
    )
    .orderBy('id')
    .execute();
  const ranked = await db
    .selectFrom('assessment_unit as u')
    .innerJoin('assessment as a', 'a.id', 'u.assessment_id')
    .select(['u.org_id', 'u.rank'])
    .where('a.year', '=', year)
    .where('u.rank', 'is not', null)
    .orderBy('u.rank')
    .execute();
  const best = ranked.length ? ranked.slice(0, 3).map((r) => towns.find((t) => t.id === r.org_id)!) : towns.slice(0, 3);
  const memberOf = async (townPath: string, skip: number) =>
    db
      .selectFrom('member as m')
      .innerJoin('org_unit as o', 'o.id', 'm.org_id')
      .select(['m.id', 'm.name', 'm.org_path', 'o.name as branch'])
      .where('m.org_path', '>=', townPath)
      .where('m.org_path', '<', `${townPath.slice(0, -1)}0`)
      .where('m.status', '=', '正常')
      .orderBy('m.id')
      .offset(skip)
      .limit(1)
      .executeTakeFirst();

  const round = async (name: string, y: number, status: string, extra: Record<string, string | null>) =>
    (
      await db
        .insertInto('commend_round')
        .values({
          owner_org_id: owner.id,
          year: y,
          level: '县委',
          name,
          quotas_json: JSON.stringify([
            { category: '先进集体', count: 3, percent: null },
            { category: '优秀党员', count: null, percent: 1 },
            { category: '优秀党务工作者', count: 3, percent: null },
          ]),
          quota_mode: '严格',
          deadline_date: extra.deadline ?? null,
          objection_days: 5,
          status,
          publicity_start_date: extra.start ?? null,
          publicity_end_date: extra.end ?? null,
          doc_no: extra.docNo ?? null,
          published_at: extra.published ?? null,
          created_by: null,
          created_at: at(-60),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  type Pick = { category: CommendCategory; town: { id: number; name: string; path: string }; status: NominationStatus };
  const nominate = async (roundId: number, p: Pick, k: number) => {
    const collective = p.category === '先进集体';
    const m = collective ? null : await memberOf(p.town.path, k);
    if (!collective && !m) return null;
    const deeds = DEEDS[p.category][k % DEEDS[p.category].length];
    const done = !['草稿'].includes(p.status);
    const row = await db
      .insertInto('commend_nomination')
      .values({
        round_id: roundId,
        category: p.category,
        org_id: p.town.id,
        org_path: p.town.path,
        subject_org_id: collective ? p.town.id : null,
        member_id: m?.id ?? null,
        subject_name: collective ? p.town.name : m!.name,
        subject_unit: collective ? p.town.name : m!.branch,
        deeds: collective ? `${p.town.name}${deeds}` : `${m!.name}同志${deeds}`,
        opinion: '经党委会议研究,同意推荐。',
        file_name: null,
        stored_name: null,
        status: p.status,
        return_reason: p.status === '已撤销' ? '公示异议成立:事迹中的数据与统计口径不符' : null,
        submitted_at: done ? at(-50) : null,
        reviewed_by: null,
        reviewed_at: ['已审核', '已审定', '已撤销'].includes(p.status) ? at(-45) : null,
        approved_by: null,
        approved_at: ['已审定', '已撤销'].includes(p.status) ? at(-40) : null,
        created_by: null,
        created_at: at(-55),
        updated_at: at(-40),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id, member: m, p };
  };

  // Last year's, published 20 days ago.
  const docNo = `示委发〔${year + 1}〕${2 + Math.floor(rng() * 5)}号`;
  const last = await round(`${year}年度全县先进集体和优秀党员表彰`, year, '已发布', {
    start: addDays(today, -30),
    end: addDays(today, -24),
    published: at(-20),
    docNo,
  });
  const picks: Pick[] = [
    ...best.map((town) => ({ category: '先进集体' as const, town, status: '已审定' as const })),
    ...towns.slice(0, 5).map((town) => ({ category: '优秀党员' as const, town, status: '已审定' as const })),
    ...towns.slice(5, 8).map((town) => ({ category: '优秀党务工作者' as const, town, status: '已审定' as const })),
  ];
  if (towns[5]) picks.push({ category: '优秀党员', town: towns[5], status: '已撤销' });
  const made = [];
  for (const [k, p] of picks.entries()) made.push(await nominate(last, p, k));
  const withdrawn = made.find((x) => x?.p.status === '已撤销');
  if (withdrawn)
    await db
      .insertInto('publicity_objection')
      .values({
        kind: 'commend',
        posting_id: last,
        subject_id: withdrawn.id,
        subject_name: withdrawn.member?.name ?? withdrawn.p.town.name,
        org_id: withdrawn.p.town.id,
        text: '反映其事迹中带动增收户数与村里统计不一致',
        created_by: null,
        created_at: at(-27),
        answer: '经核实,反映情况属实,撤销该推荐',
        upheld: 1,
        answered_by: null,
        answered_at: at(-25),
      })
      .execute();
  const honours = made.flatMap((x) =>
    x && x.p.status === '已审定'
      ? [
          {
            round_id: last,
            nomination_id: x.id,
            org_id: x.member ? null : x.p.town.id,
            member_id: x.member?.id ?? null,
            org_path: x.member?.org_path ?? x.p.town.path,
            year,
            level: '县委',
            category: x.p.category,
            title: `${year}年度${x.p.category}`,
            granted_by: owner.name,
            doc_no: docNo,
            granted_date: addDays(today, -20),
            created_at: at(-20),
          },
        ]
      : [],
  );
  if (honours.length) await db.insertInto('honour').values(honours).execute();

  // This year's, open for nominations: one in each state of the chain.
  const open = await round(`${year + 1}年度全县先进集体和优秀党员表彰`, year + 1, '推荐中', {
    deadline: addDays(today, 20),
  });
  const states: NominationStatus[] = ['已审核', '已报送', '已退回', '草稿'];
  for (const [k, town] of towns.slice(0, 4).entries())
    await nominate(open, { category: '优秀党员', town, status: states[k] }, k + 1);
}

export const commendationsDemo: DemoSeeder = { name: 'commendations', seed };
