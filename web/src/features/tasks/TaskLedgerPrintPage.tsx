import { useQuery } from '@tanstack/react-query';
import { Fragment } from 'react';
import { useSearchParams } from 'react-router';
import type { LedgerQuery } from '../../../../common/contracts/supervision.ts';
import { LIGHTS, type Light, TASK_STATUSES, type TaskStatus } from '../../../../common/enums.ts';
import { PrintSheet } from '../../components/PrintSheet.tsx';
import { useAction } from '../../components/useAction.ts';
import { fmtDate } from '../../lib/format.ts';
import { taskKeys, tasksApi } from './api.ts';

const flag = (v: string | null) => (v === 'true' ? true : v === 'false' ? false : undefined);
const num = (v: string | null) => (v && /^\d+$/.test(v) ? Number(v) : undefined);
const oneOf = <T extends string>(m: Record<T, string>, v: string | null) => (v && v in m ? (v as T) : undefined);

/** 督查台账 as printed: the task list's filters (from the URL), every row, grouped by source document. */
export default function TaskLedgerPrintPage() {
  const [params] = useSearchParams();
  const q: LedgerQuery = {
    light: oneOf<Light>(LIGHTS, params.get('light')),
    status: oneOf<TaskStatus>(TASK_STATUSES, params.get('status')),
    overdue: flag(params.get('overdue')),
    lead: flag(params.get('lead')),
    q: params.get('q') || undefined,
    documentId: num(params.get('documentId')),
    orgId: num(params.get('orgId')),
  };
  const ledger = useQuery({ queryKey: taskKeys.ledger(q), queryFn: () => tasksApi.ledger(q) });
  const word = useAction(() => tasksApi.downloadLedgerDocx(q));
  const l = ledger.data;
  const count = l?.groups.reduce((s, g) => s + g.rows.length, 0) ?? 0;
  const filters = [
    q.light && LIGHTS[q.light],
    q.status && TASK_STATUSES[q.status],
    q.overdue !== undefined && (q.overdue ? '已逾期' : '未逾期'),
    q.lead && '本单位牵头',
    q.q && `含“${q.q}”`,
  ].filter(Boolean);
  return (
    <PrintSheet
      landscape
      loading={ledger.isPending}
      error={ledger.error ?? word.error}
      onWord={() => word.mutate()}
      wordPending={word.isPending}
    >
      <h1>重点工作任务督查台账</h1>
      <div className="sub">
        统计日期:{fmtDate(l?.statDate)} 共 {count} 项{filters.length > 0 && `(${filters.join('、')})`}
        {l?.truncated && '(超过 20000 项,其余未列出)'}
      </div>
      <table>
        <colgroup>
          {[4, 25, 10, 9, 7, 12, 24, 9].map((w, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of column widths, never reordered
            <col key={i} style={{ width: `${w}%` }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {['序号', '工作任务', '牵头单位', '配合单位', '责任领导', '完成时限', '进展情况', '状态'].map((h) => (
              <th key={h}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {l?.groups.map((g) => (
            <Fragment key={g.source}>
              <tr>
                <td className="group" colSpan={8}>
                  来源:{g.source}
                </td>
              </tr>
              {g.rows.map((r) => (
                <tr key={r.id}>
                  <td className="c">{r.seq}</td>
                  <td>{r.text}</td>
                  <td>{r.leadOrg}</td>
                  <td>{r.coOrgs}</td>
                  <td>{r.leader}</td>
                  <td>{r.deadline}</td>
                  <td>{r.progress}</td>
                  <td className="c" style={{ color: r.overdue ? '#c00' : undefined }}>
                    {r.status}
                    <br />
                    {LIGHTS[r.light]}
                  </td>
                </tr>
              ))}
            </Fragment>
          ))}
          {count === 0 && (
            <tr>
              <td colSpan={8} className="c">
                没有符合条件的任务
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </PrintSheet>
  );
}
