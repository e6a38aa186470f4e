import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { REPORT_CYCLES, TASK_EVENT_KINDS, TASK_STATUSES } from '../../../../common/enums.ts';
import { PrintSheet } from '../../components/PrintSheet.tsx';
import { useAction } from '../../components/useAction.ts';
import { fmtDate, fmtTime } from '../../lib/format.ts';
import { taskKeys, tasksApi } from './api.ts';

/** One task on paper: the task, the sentence it came from (出处), the basics, every report, the log. */
export default function TaskPrintPage() {
  const id = Number(useParams().id);
  const q = useQuery({ queryKey: taskKeys.detail(id), queryFn: () => tasksApi.get(id) });
  const word = useAction(() => tasksApi.downloadRecord(id));
  const t = q.data;
  let n = 0;
  const section = (s: string) => `${'一二三四五六'[n++]}、${s}`;
  return (
    <PrintSheet
      loading={q.isPending}
      error={q.error ?? word.error}
      onWord={() => word.mutate()}
      wordPending={word.isPending}
    >
      {t && (
        <>
          <h1>重点工作任务办理情况</h1>
          <div className="sub">
            任务编号:{t.id} 打印日期:{fmtDate(new Date().toISOString())}
          </div>
          <h2>{section('工作任务')}</h2>
          <p>{t.text}</p>
          {t.document && t.passageText && (
            <>
              <h2>{section('出处')}</h2>
              <p>
                {t.document.title}({fmtDate(t.document.date)}):
              </p>
              <blockquote>“{t.passageText}”</blockquote>
            </>
          )}
          <h2>{section('基本情况')}</h2>
          <table>
            <colgroup>
              <col style={{ width: '18%' }} />
              <col style={{ width: '32%' }} />
              <col style={{ width: '18%' }} />
              <col style={{ width: '32%' }} />
            </colgroup>
            <tbody>
              <tr>
                <th>牵头单位</th>
                <td>{t.leadOrg.name}</td>
                <th>配合单位</th>
                <td>{t.coOrgs.map((c) => c.name).join('、') || '—'}</td>
              </tr>
              <tr>
                <th>责任领导</th>
                <td>{t.leader ?? '—'}</td>
                <th>完成时限</th>
                <td>
                  {t.dueDate ? fmtDate(t.dueDate) : '长期'}
                  {t.deadlineText && `(${t.deadlineText})`}
                </td>
              </tr>
              <tr>
                <th>办理状态</th>
                <td>
                  {TASK_STATUSES[t.status]}
                  {t.overdue && '(逾期)'}
                </td>
                <th>当前进度</th>
                <td>{t.progress}%</td>
              </tr>
              <tr>
                <th>报送周期</th>
                <td>{REPORT_CYCLES[t.reportCycle]}</td>
                <th>下发 / 签收</th>
                <td>
                  {fmtDate(t.issuedDate)} / {t.acceptedDate ? fmtDate(t.acceptedDate) : '未签收'}
                </td>
              </tr>
            </tbody>
          </table>
          <h2>{section('进展情况')}</h2>
          {t.reports.length ? (
            <table>
              <colgroup>
                <col style={{ width: '7%' }} />
                <col style={{ width: '22%' }} />
                <col style={{ width: '9%' }} />
                <col />
                <col style={{ width: '18%' }} />
              </colgroup>
              <thead>
                <tr>
                  <th>序号</th>
                  <th>报送时间</th>
                  <th>进度</th>
                  <th>进展情况</th>
                  <th>报送单位/人</th>
                </tr>
              </thead>
              <tbody>
                {t.reports.map((r, i) => (
                  <tr key={r.id}>
                    <td className="c">{i + 1}</td>
                    <td>{fmtTime(r.createdAt)}</td>
                    <td className="c">{r.percent}%</td>
                    <td>{r.text}</td>
                    <td>
                      {r.orgName}
                      <br />
                      {r.author}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p>尚未报送进展。</p>
          )}
          <h2>{section('办理记录')}</h2>
          <table>
            <colgroup>
              <col style={{ width: '24%' }} />
              <col style={{ width: '14%' }} />
              <col />
              <col style={{ width: '16%' }} />
            </colgroup>
            <thead>
              <tr>
                <th>时间</th>
                <th>事项</th>
                <th>内容</th>
                <th>办理人</th>
              </tr>
            </thead>
            <tbody>
              {t.events.map((e) => (
                <tr key={`${e.at}-${e.kind}-${e.text ?? ''}`}>
                  <td>{fmtTime(e.at)}</td>
                  <td className="c">{TASK_EVENT_KINDS[e.kind]}</td>
                  <td>{e.text}</td>
                  <td>{e.actor ?? '系统'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </PrintSheet>
  );
}
