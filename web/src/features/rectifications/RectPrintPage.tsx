import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { PrintSheet } from '../../components/PrintSheet.tsx';
import { useAction } from '../../components/useAction.ts';
import { fmtDate } from '../../lib/format.ts';
import { rectApi, rectKeys } from './api.ts';
import { rectFilters } from './filters.ts';

/** 问题整改台账 on paper (A4 landscape), with the list's filters; the largest page the API gives (500 rows). */
export default function RectPrintPage() {
  const [params] = useSearchParams();
  const f = rectFilters(params);
  const query = { ...f, page: 1, pageSize: 500 };
  const list = useQuery({ queryKey: rectKeys.list(query), queryFn: () => rectApi.list(query) });
  const word = useAction(() => rectApi.downloadLedgerDocx(f));
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const filters = [
    f.status,
    f.source,
    f.side && (f.side === '整改方' ? '本单位整改' : '本单位交办'),
    f.overdue !== undefined && (f.overdue ? '已逾期' : '未逾期'),
    f.year && `${f.year}年交办`,
    f.orgId && items[0]?.org.name,
    f.q && `含“${f.q}”`,
  ].filter(Boolean);
  return (
    <PrintSheet
      landscape
      loading={list.isPending}
      error={list.error ?? word.error}
      onWord={() => word.mutate()}
      wordPending={word.isPending}
    >
      <h1>问题整改台账</h1>
      <div className="sub">
        统计日期:{fmtDate(new Date().toISOString())} 共 {total} 项{filters.length > 0 && `(${filters.join('、')})`}
        {total > items.length && `,本页列出前 ${items.length} 项,完整台账请下载 Word`}
      </div>
      <table>
        <colgroup>
          {[4, 10, 22, 6, 20, 6, 9, 8, 9].map((w, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of column widths, never reordered
            <col key={i} style={{ width: `${w}%` }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {['序号', '整改单位', '存在问题', '来源', '整改措施', '责任人', '完成时限', '状态', '交办方'].map((h) => (
              <th key={h}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((r, i) => (
            <tr key={r.id}>
              <td className="c">{i + 1}</td>
              <td>{r.org.name}</td>
              <td>{r.problem}</td>
              <td className="c">{r.source}</td>
              <td>{r.measures}</td>
              <td>{r.owner}</td>
              <td>{fmtDate(r.deadlineDate)}</td>
              <td className="c" style={{ color: r.overdue ? '#c00' : undefined }}>
                {r.status}
                {r.overdue && <div>(逾期)</div>}
                {r.reboundCount > 0 && <div>反弹{r.reboundCount}次</div>}
              </td>
              <td>{r.issuer.name}</td>
            </tr>
          ))}
          {total === 0 && (
            <tr>
              <td colSpan={9} className="c">
                没有符合条件的整改事项
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </PrintSheet>
  );
}
