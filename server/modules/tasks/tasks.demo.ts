/**
 * The demo county's 任务督办: three meeting documents (县委常委会, 党建推进会, 县政府常务会) whose
 * decisions were published as tasks to townships and departments, in every state (待签收, 办理中,
 * 申请办结, 已办结) and every light — 签收超时 and 逾期 reds (one with a 督办单), due-soon and
 * report-late yellows — with progress reports, evidence files, 催办 / 批示 and the reminders the
 * scheduler would have sent. Dated relative to today; inserted directly, keeping what the services
 * keep: one lead row in task_org, an event for every transition, progress = last report, the
 * cached light computed by the same rules (lights.ts), the text quoted from its document.
 */
import crypto from 'node:crypto';
import { defaultFileStore, putFile } from '../../lib/files.ts';
import { appendAudit } from '../../lib/audit.ts';
import { computeLight } from '../../lib/traffic-light.ts';
import { addDays } from '../../lib/workdays.ts';
import { type DemoContext, type DemoSeeder, defaultUploadDir } from '../demo/activity.ts';
import type { TaskEventKind } from '../../../common/enums.ts';
import { loadRules, toLightInput } from './lights.ts';

type Lead = 'townA' | 'townB' | 'town3' | 'dept0' | 'dept1' | 'dept2';
interface Spec {
  text: string;
  lead: Lead;
  co?: Lead[];
  /** Calendar days before today it was published. */
  issuedAgo: number;
  /** Calendar days from today to the deadline (negative: past); null = 长期. */
  dueIn: number | null;
  status: 'pending' | 'doing' | 'requested' | 'done';
  /** Reports: [calendar days ago, percent, text]. */
  reports?: [number, number, string][];
  cycle?: 'weekly' | 'monthly' | 'none';
  priority?: '重要' | '紧急' | '一般';
  superviseOrder?: boolean;
  urge?: string;
  instruction?: string;
}

const DOCS: { title: string; meeting: string; daysAgo: number; unit: string; specs: Spec[] }[] = [
  {
    title: '县委常委会会议纪要(2026年第28次)',
    meeting: '县委常委会会议',
    daysAgo: 75,
    unit: '中共示范县委办公室',
    specs: [
      {
        text: '各乡镇要在年底前完成农村人居环境整治“回头看”,建立问题清单并逐项销号。',
        lead: 'townA',
        co: ['dept0'],
        issuedAgo: 72,
        dueIn: -9,
        status: 'doing',
        reports: [
          [50, 30, '已完成全镇 12 个村的排查,建立问题清单 86 条。'],
          [20, 55, '已整改销号 47 条,其余问题正在推进。'],
        ],
        cycle: 'monthly',
        priority: '重要',
        superviseOrder: true,
        urge: '请于本周内报送整改进展。',
      },
      {
        text: '县农业农村局牵头,制定高标准农田建设年度计划,确保新建高标准农田 2 万亩。',
        lead: 'dept0',
        co: ['townA', 'townB'],
        issuedAgo: 72,
        dueIn: 40,
        status: 'doing',
        reports: [
          [40, 35, '年度计划已印发,项目区已完成勘测设计。'],
          [6, 62, '已完成土地平整 1.2 万亩,灌排工程同步推进。'],
        ],
        cycle: 'monthly',
        priority: '重要',
      },
      {
        text: '乙镇要加快推进集镇污水管网建设,确保主管网全线贯通。',
        lead: 'townB',
        issuedAgo: 70,
        dueIn: 2,
        status: 'doing',
        reports: [[9, 80, '主管网已铺设 4.1 公里,剩余 0.9 公里正在施工。']],
        cycle: 'monthly',
      },
      {
        text: '县教育局要完成城区第二小学扩建工程主体验收,保障春季学期投入使用。',
        lead: 'dept1',
        issuedAgo: 70,
        dueIn: -30,
        status: 'done',
        reports: [
          [55, 60, '主体结构封顶,内部装修进场。'],
          [35, 100, '主体工程已通过五方验收,验收报告附后。'],
        ],
      },
      {
        text: '各乡镇要落实森林防火责任,冬春季节每周开展一次巡查并报送巡查记录。',
        lead: 'town3',
        issuedAgo: 68,
        dueIn: null,
        status: 'doing',
        reports: [[36, 40, '已组建巡查队伍 3 支,建立巡查台账。']],
        cycle: 'monthly',
      },
    ],
  },
  {
    title: '在全县基层党建工作推进会上的讲话',
    meeting: '全县基层党建工作推进会',
    daysAgo: 40,
    unit: '中共示范县委组织部',
    specs: [
      {
        text: '甲镇要在两个月内完成软弱涣散村党组织整顿,逐村制定整顿方案。',
        lead: 'townA',
        issuedAgo: 38,
        dueIn: 22,
        status: 'doing',
        reports: [[25, 10, '已确定整顿对象 2 个村,选派第一书记。']],
        cycle: 'weekly',
        priority: '紧急',
        instruction: '整顿要见实效,不能一派了之,请组织部跟踪问效。',
      },
      {
        text: '各乡镇党委要规范“三会一课”记录,年底前完成支部工作手册检查。',
        lead: 'townA',
        issuedAgo: 37,
        dueIn: 25,
        status: 'requested',
        reports: [[4, 100, '已完成全镇 23 个党支部手册检查,问题已反馈整改。']],
        cycle: 'monthly',
      },
      {
        text: '乙镇要做好流动党员排查登记,建立流动党员联系台账。',
        lead: 'townB',
        issuedAgo: 36,
        dueIn: 30,
        status: 'doing',
        reports: [[3, 50, '已排查流动党员 64 名,建立微信联系群。']],
        cycle: 'monthly',
      },
      {
        text: '县卫生健康局党组要落实党组织领导的院长负责制,完成县医院章程修订。',
        lead: 'dept2',
        issuedAgo: 36,
        dueIn: 50,
        status: 'pending',
        priority: '重要',
      },
      {
        text: '乙镇要推进村级集体经济“消薄”,年底前所有村集体经营性收入达到 10 万元以上。',
        lead: 'townB',
        issuedAgo: 35,
        dueIn: -3,
        status: 'done',
        reports: [
          [20, 70, '11 个村已达标,2 个村正在推进光伏项目。'],
          [8, 100, '全部村集体经营性收入已达标,明细表附后。'],
        ],
      },
    ],
  },
  {
    title: '县政府常务会议纪要(第15次)',
    meeting: '县政府常务会议',
    daysAgo: 9,
    unit: '示范县人民政府办公室',
    specs: [
      {
        text: '甲镇要在春节前完成农民工工资支付情况专项排查,确保不发生欠薪问题。',
        lead: 'townA',
        co: ['dept1'],
        issuedAgo: 8,
        dueIn: 45,
        status: 'pending',
        priority: '紧急',
      },
      {
        text: '县农业农村局要做好冬春农田水利设施维修,确保春灌用水。',
        lead: 'dept0',
        issuedAgo: 0,
        dueIn: 60,
        status: 'pending',
      },
      {
        text: '乙镇要完成集贸市场改造提升方案编制,报县政府审定。',
        lead: 'townB',
        issuedAgo: 0,
        dueIn: 30,
        status: 'pending',
      },
      {
        text: '甲镇要落实冬季安全生产大检查,重点排查燃气、电动自行车充电等隐患。',
        lead: 'townA',
        issuedAgo: 7,
        dueIn: 1,
        status: 'doing',
        reports: [[2, 70, '已检查经营场所 132 家,发现隐患 17 处,已整改 12 处。']],
        cycle: 'weekly',
      },
      {
        text: '县教育局要开展校园周边交通安全整治,完成城区学校护学岗设置。',
        lead: 'dept1',
        issuedAgo: 7,
        dueIn: 35,
        status: 'doing',
        reports: [[1, 30, '已设置护学岗 8 处,交警中队配合值守。']],
        cycle: 'weekly',
      },
    ],
  },
];

const EVIDENCE = (task: string, report: string) =>
  `佐证材料(演示数据)\n\n任务:${task}\n进展:${report}\n\n附:现场照片、工作台账扫描件(演示)。\n`;

export const tasksDemo: DemoSeeder = {
  name: 'tasks',
  async seed(d: DemoContext) {
    const { db, today } = d;
    const rules = await loadRules(db);
    const nowIso = d.now.toISOString();
    const users = new Map(
      (await db.selectFrom('app_user').select(['id', 'username']).execute()).map((u) => [u.username, u.id]),
    );
    const dcs = users.get('demo-dcs') ?? users.get('demo-admin')!;
    const depts = await db
      .selectFrom('org_unit')
      .select('id')
      .where('type', '=', '政府单位')
      .where('parent_id', '=', d.county.countyId)
      .orderBy('sort_order')
      .orderBy('id')
      .limit(3)
      .execute();
    const towns = d.county.towns;
    const orgOf: Record<Lead, number | undefined> = {
      townA: towns[0]?.id,
      townB: towns[1]?.id,
      town3: towns[2]?.id ?? towns[0]?.id,
      dept0: depts[0]?.id,
      dept1: depts[1]?.id ?? depts[0]?.id,
      dept2: depts[2]?.id ?? depts[0]?.id,
    };
    // A lead unit's account (its township secretary) acts for it; other units have none in the demo.
    const actorOf = (org: number) =>
      org === towns[0]?.id ? users.get('demo-town-a') : org === towns[1]?.id ? users.get('demo-town-b') : null;
    // Event instants: the given local day at a plausible office hour.
    let minute = 0;
    const at = (daysAgo: number) => {
      minute = (minute + 37) % 420;
      return new Date(Date.parse(`${addDays(today, -daysAgo)}T08:30:00+08:00`) + minute * 60_000).toISOString();
    };
    const ids: number[] = [];
    await db.transaction().execute(async (trx) => {
      for (const doc of DOCS) {
        const text = `${doc.title}\n\n${doc.specs.map((s, i) => `${'一二三四五六七八九十'[i]}、${s.text}`).join('\n')}\n`;
        const docAt = at(doc.daysAgo);
        const { id: docId } = await trx
          .insertInto('document')
          .values({
            title: doc.title,
            meeting: doc.meeting,
            doc_date: addDays(today, -doc.daysAgo),
            issuing_unit: doc.unit,
            owner_org_id: d.county.countyId,
            source: 'paste',
            file_name: null,
            text,
            created_by: dcs,
            created_at: docAt,
            updated_at: docAt,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        if (d.dialect === 'sqlite')
          await trx.insertInto('document_fts').values({ rowid: docId, title: doc.title, body: text }).execute();
        for (const s of doc.specs) {
          const lead = orgOf[s.lead];
          if (!lead) continue;
          const issued = addDays(today, -s.issuedAgo);
          const reports = s.status === 'pending' ? [] : (s.reports ?? []);
          const accepted = s.status === 'pending' ? null : addDays(today, -Math.max(0, s.issuedAgo - 1));
          const last = reports.at(-1);
          const row = {
            status: s.status,
            issued_date: issued,
            accepted_date: accepted,
            due_date: s.dueIn === null ? null : addDays(today, s.dueIn),
            progress: s.status === 'done' ? 100 : (last?.[1] ?? 0),
            last_report_date: last ? addDays(today, -last[0]) : null,
            report_cycle: s.cycle ?? 'none',
          };
          const light = computeLight(toLightInput(row), today, rules.cal, rules.th);
          const start = text.indexOf(s.text);
          const created = at(s.issuedAgo);
          const { id } = await trx
            .insertInto('task')
            .values({
              ...row,
              document_id: docId,
              passage_start: start,
              passage_end: start + s.text.length,
              parent_id: null,
              text: s.text,
              lead_org_id: lead,
              leader: null,
              deadline_text: s.dueIn === null ? '长期坚持' : null,
              targets_json: '[]',
              priority: s.priority ?? '一般',
              key_project: s.priority === '重要' ? 1 : 0,
              closed_at: s.status === 'done' ? at(Math.max(0, (last?.[0] ?? 1) - 1)) : null,
              light: light.light,
              light_reasons: JSON.stringify(light.reasons),
              overdue: light.overdue ? 1 : 0,
              created_by: dcs,
              created_at: created,
              updated_at: nowIso,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          ids.push(id);
          const co = [...new Set((s.co ?? []).map((c) => orgOf[c]).filter((c): c is number => !!c && c !== lead))];
          await trx
            .insertInto('task_org')
            .values([
              { task_id: id, org_id: lead, role: 'lead' as const },
              ...co.map((org_id) => ({ task_id: id, org_id, role: 'co' as const })),
            ])
            .execute();
          const who = actorOf(lead) ?? dcs;
          const ev = (kind: TaskEventKind, daysAgo: number, txt: string | null, actor: number) =>
            trx.insertInto('task_event').values({ task_id: id, kind, text: txt, actor_id: actor, at: at(daysAgo) });
          await ev('dispatch', s.issuedAgo, null, dcs).execute();
          if (accepted) await ev('accept', Math.max(0, s.issuedAgo - 1), null, who).execute();
          for (const [i, [ago, pct, txt]] of reports.entries()) {
            const { id: rid } = await trx
              .insertInto('task_report')
              .values({ task_id: id, org_id: lead, percent: pct, text: txt, created_by: who, created_at: at(ago) })
              .returning('id')
              .executeTakeFirstOrThrow();
            await ev('report', ago, `${pct}% ${txt}`, who).execute();
            // The latest report of each task carries an evidence file, stored where uploads go.
            if (i === reports.length - 1) {
              const data = Buffer.from(EVIDENCE(s.text, txt), 'utf8');
              const stored = `${id}/demo-${rid}.txt`;
              // Where the server would keep it: inside PostgreSQL, the upload directory on SQLite.
              await putFile(
                { db: trx, store: defaultFileStore(d.dialect), uploadDir: d.uploadDir ?? defaultUploadDir() },
                'tasks',
                stored,
                data,
              );
              await trx
                .insertInto('task_attachment')
                .values({
                  task_id: id,
                  report_id: rid,
                  file_name: `佐证材料-${addDays(today, -ago).replaceAll('-', '')}.txt`,
                  stored_name: stored,
                  mime: 'text/plain',
                  size: data.length,
                  sha256: crypto.createHash('sha256').update(data).digest('hex'),
                  uploaded_by: who,
                  uploaded_at: at(ago),
                })
                .execute();
            }
          }
          if (s.status === 'requested' || s.status === 'done')
            await ev('request_close', last?.[0] ?? 1, '任务已完成,申请办结。', who).execute();
          if (s.status === 'done')
            await ev('close', Math.max(0, (last?.[0] ?? 1) - 1), '材料齐全,同意办结。', dcs).execute();
          const note = (kind: 'urge' | 'instruction' | 'supervise_order' | 'overdue', message: string, key: string) =>
            trx
              .insertInto('notification')
              .values({
                org_id: lead,
                task_id: id,
                kind,
                message,
                dedupe_key: key,
                created_at: at(1),
                read_at: null,
                link: `/tasks/${id}`,
                user_id: null,
              })
              .execute();
          const short = s.text.length > 24 ? `${s.text.slice(0, 24)}…` : s.text;
          if (s.urge) {
            const { id: e } = await ev('urge', 2, s.urge, dcs).returning('id').executeTakeFirstOrThrow();
            await note('urge', `【催办】请抓紧办理任务 #${id}「${short}」:${s.urge}`, `urge:${e}`);
          }
          if (s.instruction) {
            const { id: e } = await ev('instruction', 5, s.instruction, dcs).returning('id').executeTakeFirstOrThrow();
            await note('instruction', `【批示】任务 #${id}「${short}」:${s.instruction}`, `instruction:${e}`);
          }
          // A 督办单 only for a red task, as the service insists.
          if (s.superviseOrder && light.light === 'red') {
            const { id: e } = await ev('supervise_order', 1, '逾期未办结,列入督办。', dcs)
              .returning('id')
              .executeTakeFirstOrThrow();
            await note(
              'supervise_order',
              `【督办单】任务 #${id}「${short}」已列入督办,请按要求限期办结并报送情况`,
              `supervise_order:${e}`,
            );
          }
          if (light.overdue)
            await note(
              'overdue',
              `【逾期提醒】任务 #${id}「${short}」${light.reasons[0]}`,
              `overdue:${id}:${addDays(today, -1)}`,
            );
        }
      }
      await appendAudit(
        trx,
        { id: null, name: 'demo', ip: null },
        { action: 'demo.seed.tasks', entity: 'task', entityId: null, after: { documents: DOCS.length, tasks: ids } },
        d.now,
        d.dialect,
      );
    });
  },
};
