/**
 * The demo county's public progress pages: the 政府工作报告 重点任务 and the 为民办实事 projects of
 * this year, published, each task with a believable course (most on schedule, some done early,
 * a few behind with a stated reason), its dated status history, and two public comments waiting
 * for moderation.
 */
import type { DemoContext, DemoSeeder } from '../demo/activity.ts';
import { addDays } from '../research/conflicts.ts';
import { plannedProgress, publicStatus } from './status.ts';

const KEY_TASKS = [
  '新建改造农村公路120公里,完成危桥改造8座',
  '高标准农田建设3万亩,粮食播种面积稳定在60万亩以上',
  '新增城镇就业3500人,城镇调查失业率控制在5.5%以内',
  '完成县医院新院区主体工程建设',
  '新建改建幼儿园6所,新增学位1800个',
  '实施老旧小区改造42个,惠及居民5200户',
  '开工建设工业园区标准化厂房20万平方米',
  '招引亿元以上项目25个,实际到位资金增长10%',
  '完成城区雨污分流管网改造35公里',
  '推进县城供水一体化工程,农村自来水普及率达98%',
  '建成乡镇综合文化站标准化提升8个',
  '完成河道综合治理12公里',
  '推进“一网通办”,政务服务事项网上可办率达95%',
  '新建农村寄递物流服务站50个',
];
const LIVELIHOOD = [
  '为65岁以上老年人免费体检',
  '新增城区公共停车位1500个',
  '改造提升农贸市场4个',
  '新建社区嵌入式养老服务中心5个',
  '为困难群众发放取暖补贴',
  '实施中小学校食堂“明厨亮灶”全覆盖',
  '新建城市口袋公园10个',
  '开展农村适龄妇女“两癌”免费筛查',
];
const LAG_REASONS = [
  '受汛期影响施工暂停,已调整工期、增加作业面',
  '施工单位招标流标,已重新挂网招标',
  '用地手续正在报批,预计下月取得批复',
  '资金分批到位,已申请专项债券支持',
];

export const publicSetsDemo: DemoSeeder = {
  name: 'publicsets',
  async seed(d: DemoContext) {
    const { db, rng, today, dialect } = d;
    const dcs = await db.selectFrom('app_user').select('id').where('username', '=', 'demo-dcs').executeTakeFirst();
    if (!dcs) return;
    const county = d.county.countyId;
    const units = await db
      .selectFrom('org_unit')
      .select(['id', 'name'])
      .where('parent_id', '=', county)
      .where('status', '=', '正常')
      // Departments and townships answer for the report's tasks (not the Party's own offices).
      .where((eb) => eb.or([eb('name', 'like', '%局'), eb('type', 'in', ['党委', '党工委'])]))
      .orderBy('sort_order')
      .orderBy('id')
      .execute();
    if (!units.length) return;
    const year = today.slice(0, 4);
    const issued = `${year}-01-10` < addDays(today, -60) ? `${year}-01-10` : addDays(today, -60);
    const now = d.now.toISOString();
    const at = (date: string) => `${addDays(date, 0)}T02:00:00.000Z`;

    const doc = await db
      .insertInto('document')
      .values({
        title: `${year}年县政府工作报告`,
        meeting: `县第十八届人民代表大会第五次会议`,
        doc_date: issued,
        issuing_unit: '示范县人民政府',
        owner_org_id: county,
        source: 'paste',
        file_name: null,
        text: [...KEY_TASKS, ...LIVELIHOOD].join('。\n'),
        created_by: dcs.id,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (dialect === 'sqlite')
      await db
        .insertInto('document_fts')
        .values({ rowid: doc.id, title: `${year}年县政府工作报告`, body: [...KEY_TASKS, ...LIVELIHOOD].join('。') })
        .execute();

    const makeSet = async (title: string, kind: string, texts: string[], publicity: boolean) => {
      const ids: number[] = [];
      const behind = new Set<number>();
      for (const [n, text] of texts.entries()) {
        const lead = units[(n * 7 + 3) % units.length];
        const due = [`${year}-06-30`, `${year}-09-30`, `${year}-12-31`, `${year}-12-31`][n % 4];
        const fate = rng();
        const planned = plannedProgress({ issued_date: issued, due_date: due }, today) ?? 50;
        const lagging = fate < 0.18;
        const doneEarly = !lagging && (due < today || fate > 0.85);
        const closedDate = doneEarly ? addDays([due, today].sort()[0], -Math.floor(5 + rng() * 20)) : null;
        const progress = doneEarly
          ? 100
          : lagging
            ? Math.max(0, planned - 25 - Math.floor(rng() * 20))
            : Math.min(95, planned + Math.floor(rng() * 15));
        const status = doneEarly ? 'done' : 'doing';
        const t = await db
          .insertInto('task')
          .values({
            document_id: doc.id,
            passage_start: null,
            passage_end: null,
            parent_id: null,
            text,
            lead_org_id: lead.id,
            leader: null,
            due_date: due,
            deadline_text: null,
            targets_json: '[]',
            priority: '重要',
            key_project: 0,
            report_cycle: 'monthly',
            status,
            progress,
            issued_date: issued,
            accepted_date: addDays(issued, 3),
            last_report_date: addDays(today, -Math.floor(rng() * 25)),
            closed_at: closedDate ? at(closedDate) : null,
            light: lagging ? 'red' : 'green',
            light_reasons: '[]',
            created_by: dcs.id,
            created_at: at(issued),
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await db.insertInto('task_org').values({ task_id: t.id, org_id: lead.id, role: 'lead' }).execute();
        await db
          .insertInto('task_event')
          .values({ task_id: t.id, kind: 'dispatch', text: null, actor_id: dcs.id, at: at(issued) })
          .execute();
        // The dated course of its public status.
        const steps: { date: string; status: string; wf: string; progress: number }[] = [
          { date: issued, status: '按序时', wf: 'pending', progress: 0 },
          { date: addDays(issued, 3), status: '按序时', wf: 'doing', progress: 0 },
        ];
        if (lagging)
          steps.push({ date: addDays(today, -Math.floor(10 + rng() * 40)), status: '滞后', wf: 'doing', progress });
        if (closedDate)
          steps.push({
            date: closedDate,
            status: publicStatus(
              { status: 'done', progress: 100, issued_date: issued, due_date: due, closed_at: at(closedDate) },
              today,
            ),
            wf: 'done',
            progress: 100,
          });
        let prev = 0;
        for (const s of steps.filter((x) => x.date <= today)) {
          const h = await db
            .insertInto('task_status_history')
            .values({
              task_id: t.id,
              prev_id: prev,
              status: s.status,
              workflow_status: s.wf,
              progress: s.progress,
              status_date: s.date,
              at: at(s.date),
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          prev = h.id;
        }
        if (lagging) behind.add(t.id);
        ids.push(t.id);
      }
      const set = await db
        .insertInto('public_set')
        .values({
          title,
          kind,
          intro:
            kind === '民生实事'
              ? '经县人大代表票决产生,全年按月更新办理进展。'
              : '县政府工作报告确定的重点任务,由县政府督查室按月跟踪。',
          document_id: doc.id,
          owner_org_id: county,
          publicity: publicity ? 1 : 0,
          objection_until_date: publicity ? addDays(today, 4) : null,
          published: 1,
          published_at: at(addDays(issued, 5)),
          created_by: dcs.id,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('public_set_item')
        .values(
          ids.map((task_id, i) => ({
            set_id: set.id,
            task_id,
            sort_order: i + 1,
            lag_reason: LAG_REASONS[i % LAG_REASONS.length],
          })),
        )
        .execute();
      return { set: set.id, ids };
    };
    await makeSet(`${year}年县政府工作报告重点任务`, '重点任务', KEY_TASKS, false);
    const live = await makeSet(`${year}年为民办实事项目`, '民生实事', LIVELIHOOD, true);
    for (const [i, text] of [
      '建议体检地点增加乡镇卫生院,方便老人就近检查',
      '城东片区停车位仍然紧张,希望优先安排',
    ].entries())
      await db
        .insertInto('public_feedback')
        .values({
          set_id: live.set,
          task_id: live.ids[i],
          kind: '意见',
          text,
          contact: null,
          status: '待审核',
          reply: null,
          created_at: now,
          moderated_by: null,
          moderated_at: null,
        })
        .execute();
  },
};
