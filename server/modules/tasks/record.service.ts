/**
 * One task as a Word file (任务督办单存档): its 出处 sentence, the basics, every progress report and
 * the 办理记录 — what the print view of a task shows, for offices that file in Word. Built from the
 * task's detail (the same scope check: 404 outside the caller's subtree).
 */
import { REPORT_CYCLES, TASK_EVENT_KINDS, TASK_STATUSES } from '../../../common/enums.ts';
import type { Ctx } from '../../context.ts';
import { localDate } from '../../lib/clock.ts';
import { datedFileName } from '../../lib/filename.ts';
import type { OutFile } from '../../lib/http.ts';
import * as D from '../../lib/official-docx.ts';
import type { Actor } from '../../lib/scope.ts';
import { get } from './tasks.service.ts';

/** An instant as the Beijing-time 2026年12月04日 09:30 a reader expects on paper. */
const cnTime = (iso: string) => {
  const d = new Date(iso);
  const hm = new Date(d.getTime() + 8 * 3600_000).toISOString().slice(11, 16);
  return `${D.cnDate(localDate(d))} ${hm}`;
};

export async function taskDocx(ctx: Ctx, actor: Actor, id: number): Promise<OutFile> {
  const t = await get(ctx, actor, id);
  const status = TASK_STATUSES[t.status] + (t.overdue ? '(逾期)' : '');
  const children = [
    D.title('重点工作任务办理情况'),
    D.subtitle(`任务编号:${t.id}    打印日期:${D.cnDate(localDate(ctx.clock.now()))}`),
    D.heading('一、工作任务'),
    D.para(t.text),
    ...(t.document && t.passageText
      ? [
          D.heading('二、出处'),
          D.para(`${t.document.title}(${D.cnDate(t.document.date)}):`),
          D.para(`“${t.passageText}”`),
        ]
      : []),
    D.heading(t.document && t.passageText ? '三、基本情况' : '二、基本情况'),
    D.fields([
      ['牵头单位', t.leadOrg.name],
      ['配合单位', t.coOrgs.map((c) => c.name).join('、')],
      ['责任领导', t.leader ?? ''],
      ['完成时限', t.dueDate ? D.cnDate(t.dueDate) + (t.deadlineText ? `(${t.deadlineText})` : '') : '长期'],
      ['报送周期', REPORT_CYCLES[t.reportCycle]],
      ['当前进度', `${t.progress}%`],
      ['办理状态', status],
      ['下发 / 签收', `${D.cnDate(t.issuedDate)} / ${t.acceptedDate ? D.cnDate(t.acceptedDate) : '未签收'}`],
    ]),
    D.heading('进展情况'),
    t.reports.length
      ? D.table(
          [
            ['序号', 1],
            ['报送时间', 3],
            ['进度', 1.3],
            ['进展情况', 8],
            ['报送单位/人', 3],
          ],
          t.reports.map((r, i) => [
            String(i + 1),
            cnTime(r.createdAt),
            `${r.percent}%`,
            r.text,
            `${r.orgName}\n${r.author}`,
          ]),
        )
      : D.para('尚未报送进展。'),
    D.heading('办理记录'),
    D.table(
      [
        ['时间', 3],
        ['事项', 2],
        ['内容', 8],
        ['办理人', 2],
      ],
      t.events.map((e) => [cnTime(e.at), TASK_EVENT_KINDS[e.kind], e.text ?? '', e.actor ?? '系统']),
    ),
  ];
  return {
    fileName: datedFileName(`任务${id}-办理情况`, 'docx', ctx.clock.now()),
    data: await D.officialDocx(`任务${id}办理情况`, children),
  };
}
