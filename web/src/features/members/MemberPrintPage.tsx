import { useParams } from 'react-router';
import { TRANSFER_STATUSES } from '../../../../common/enums.ts';
import { PrintSheet } from '../../components/PrintSheet.tsx';
import { useAction } from '../../components/useAction.ts';
import { fmtDate } from '../../lib/format.ts';
import { membersApi, useMember } from './api.ts';

/** Whole years from a local date to today (党龄). */
const years = (from: string) => {
  const now = new Date();
  const [y, m, d] = from.split('-').map(Number);
  return now.getFullYear() - y - (now.getMonth() + 1 < m || (now.getMonth() + 1 === m && now.getDate() < d) ? 1 : 0);
};

/** 党员档案 on paper (A4 portrait): the record and its transfer history. */
export default function MemberPrintPage() {
  const id = Number(useParams().id);
  const q = useMember(id);
  const m = q.data;
  const word = useAction(() => membersApi.downloadRecord(id, m?.name ?? String(id)));
  const row = (a: [string, string | null | undefined], b: [string, string | null | undefined]) => (
    <tr>
      <th>{a[0]}</th>
      <td>{a[1] || '—'}</td>
      <th>{b[0]}</th>
      <td>{b[1] || '—'}</td>
    </tr>
  );
  return (
    <PrintSheet
      loading={q.isPending}
      error={q.error ?? word.error}
      onWord={() => word.mutate()}
      wordPending={word.isPending}
    >
      {m && (
        <>
          <h1>党 员 档 案</h1>
          <div className="sub">
            所在组织:{m.orgName} 打印日期:{fmtDate(new Date().toISOString())}
          </div>
          <h2>一、基本信息</h2>
          <table>
            <colgroup>
              <col style={{ width: '17%' }} />
              <col style={{ width: '33%' }} />
              <col style={{ width: '17%' }} />
              <col style={{ width: '33%' }} />
            </colgroup>
            <tbody>
              {row(['姓名', m.name], ['性别', m.gender])}
              {row(['民族', m.ethnicity], ['出生日期', fmtDate(m.birthDate)])}
              <tr>
                <th>公民身份号码</th>
                <td colSpan={3}>{m.idNumber}</td>
              </tr>
              {row(['联系电话', m.phone], ['学历', m.education])}
              <tr>
                <th>所在党组织</th>
                <td colSpan={3}>
                  {m.orgName}({m.orgCode})
                </td>
              </tr>
              {row(['入党日期', fmtDate(m.joinDate)], ['转正日期', fmtDate(m.fullDate)])}
              {row(['党龄', m.joinDate ? `${Math.max(0, years(m.joinDate))} 年` : ''], ['正式/预备', m.memberType])}
              {row(['党员类别', m.category], ['党籍状态', m.status])}
            </tbody>
          </table>
          <h2>二、组织关系转接记录</h2>
          {m.transfers.length ? (
            <table>
              <thead>
                <tr>
                  <th style={{ width: '8%' }}>序号</th>
                  <th>转出组织</th>
                  <th>接收组织</th>
                  <th style={{ width: '14%' }}>状态</th>
                  <th style={{ width: '22%' }}>发起日期</th>
                </tr>
              </thead>
              <tbody>
                {m.transfers.map((t, i) => (
                  <tr key={t.id}>
                    <td className="c">{i + 1}</td>
                    <td>{t.fromName}</td>
                    <td>{t.toName}</td>
                    <td className="c">{TRANSFER_STATUSES[t.status]}</td>
                    <td>{fmtDate(t.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p>无。</p>
          )}
        </>
      )}
    </PrintSheet>
  );
}
