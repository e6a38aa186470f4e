import type { Sheet } from '../../../../common/contracts/standards.ts';
import { fmtDate } from '../../lib/format.ts';

/**
 * The paper 考评表 of one branch (A4 portrait): every item with self and superior scores side by
 * side, the evidence by name, the totals, and lines for the signatures the county files with it.
 * Hidden on screen; the page's 打印 button prints only this.
 */
export const PRINT_CSS = `
.std-print { display: none; }
@media print {
  .no-print, .ant-layout-sider, .ant-layout-header, .ant-breadcrumb, header, .ant-message { display: none !important; }
  .ant-layout, .ant-layout-content { margin: 0 !important; padding: 0 !important; background: #fff !important; }
  .std-print { display: block; font-size: 10.5pt; color: #000; }
  .std-print h2 { text-align: center; font-size: 16pt; margin: 0 0 4mm; }
  .std-print .meta { display: flex; justify-content: space-between; margin-bottom: 2mm; }
  .std-print table { width: 100%; border-collapse: collapse; }
  .std-print th, .std-print td { border: 1px solid #000; padding: 1.2mm 1.5mm; vertical-align: top; }
  .std-print th { background: #f0f0f0 !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .std-print tr { break-inside: avoid; }
  .std-print thead { display: table-header-group; }
  .std-print .num { text-align: center; white-space: nowrap; }
  .std-print .sign { display: flex; justify-content: space-between; margin-top: 10mm; }
  @page { size: A4 portrait; margin: 12mm 10mm; }
}`;

export function PrintSheet({ s }: { s: Sheet }) {
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  const dims = [...new Set(s.items.map((it) => it.dimension))];
  return (
    <div className="std-print" data-testid="print-sheet">
      <h2>{`${s.year}年度党支部建设标准化考评表`}</h2>
      <div className="meta">
        <span>党支部:{s.entry.orgName}</span>
        <span>{s.entry.townshipName ? `上级党组织:${s.entry.townshipName}` : ''}</span>
        <span>评定轮次:{s.roundName}</span>
      </div>
      <table>
        <thead>
          <tr>
            <th style={{ width: '12%' }}>维度</th>
            <th style={{ width: '30%' }}>项目与考评标准</th>
            <th className="num">分值</th>
            <th className="num">自评</th>
            <th style={{ width: '20%' }}>佐证材料</th>
            <th className="num">初核</th>
            <th style={{ width: '16%' }}>初核意见</th>
          </tr>
        </thead>
        <tbody>
          {dims.flatMap((d) =>
            s.items
              .filter((it) => it.dimension === d)
              .map((it, i, arr) => (
                <tr key={it.code}>
                  {i === 0 && <td rowSpan={arr.length}>{d}</td>}
                  <td>
                    <b>
                      {it.code} {it.title}
                    </b>
                    <div>{it.criterion}</div>
                  </td>
                  <td className="num">{it.bonus ? `+${it.maxPoints}` : it.maxPoints}</td>
                  <td className="num">{it.selfPoints ?? ''}</td>
                  <td>
                    {[
                      ...it.files.map((f) => `${f.type}:${f.fileName}`),
                      ...it.evidence.map((e) => `${e.type}:${e.note}`),
                    ].join(';')}
                  </td>
                  <td className="num">{it.superiorPoints ?? ''}</td>
                  <td>{it.superiorComment ?? ''}</td>
                </tr>
              )),
          )}
          <tr>
            <td colSpan={2}>
              <b>合计</b>(满分 {s.totalPoints} 分,加分 {s.bonusPoints} 分)
            </td>
            <td />
            <td className="num">{s.entry.selfScore ?? ''}</td>
            <td />
            <td className="num">{s.entry.superiorScore ?? ''}</td>
            <td>
              {s.entry.total !== null && `总分 ${s.entry.total}`}
              {s.entry.grade && ` · ${s.entry.grade}`}
            </td>
          </tr>
        </tbody>
      </table>
      <div className="sign">
        <span>支部书记(签字):</span>
        <span>上级党组织初核人(签字):</span>
        <span>打印日期:{fmtDate(today)}</span>
      </div>
    </div>
  );
}
