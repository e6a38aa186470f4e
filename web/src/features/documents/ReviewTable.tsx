/**
 * The editable 任务分解表 beside the text: one row per proposed task. A plain table of memoized rows
 * (not antd Table): a tick or an edit re-renders the one row it touches, so at 300 rows every
 * interaction answers within a frame or two. Cells are light until edited (ReviewCells.tsx); what a
 * row shows and how it edits is the row model shared with the phone cards (reviewRow.tsx).
 */
import { type CSSProperties, memo } from 'react';
import { SelectBox } from './ReviewSelection.tsx';
import {
  ConfidenceTag,
  type ReviewRow,
  type RowActions,
  type RowProps,
  ROW_CSS,
  RowTools,
  SelectAll,
  UnitHint,
  useReviewList,
  useRowModel,
} from './reviewRow.tsx';

interface Props {
  rows: ReviewRow[];
  /** org id → name, for showing units without mounting a picker */
  names: ReadonlyMap<number, string>;
  active: string | null;
  selected: ReadonlySet<string>;
  onSelectAll(on: boolean): void;
  actions: RowActions;
}

/** Column widths at 1440 px: the task text takes what is left, the rest stay on screen. */
const COLS = ['选择', '序号', '工作任务', '牵头单位 / 责任领导', '配合单位', '完成时限', '指标', '操作'] as const;
const GRID = '32px 40px minmax(200px, 1fr) 150px 112px 120px 84px 84px';
const MIN_WIDTH = 32 + 40 + 200 + 150 + 112 + 120 + 84 + 84;

const head: CSSProperties = {
  display: 'grid',
  gridTemplateColumns: GRID,
  background: '#fafafa',
  borderBottom: '1px solid #f0f0f0',
  fontWeight: 600,
};
const th: CSSProperties = {
  textAlign: 'left',
  padding: '8px 6px',
  whiteSpace: 'nowrap',
  overflow: 'hidden',
  textOverflow: 'ellipsis',
};
// Rows are laid out and painted on their own, and not at all while off screen (content-visibility):
// a tick or an edit then costs one row's layout instead of 300.
const tr: CSSProperties = {
  display: 'grid',
  gridTemplateColumns: GRID,
  borderBottom: '1px solid #f0f0f0',
  contain: 'layout style',
  contentVisibility: 'auto',
  containIntrinsicSize: 'auto 84px',
};
const td: CSSProperties = { padding: 6, minWidth: 0 };

export function ReviewTable({ rows, names, active, selected, onSelectAll, actions }: Props) {
  const { picked, propsOf } = useReviewList(rows, selected);
  return (
    <div
      data-testid="review-table"
      style={{ maxHeight: 'calc(100vh - 280px)', overflow: 'auto', border: '1px solid #f0f0f0' }}
    >
      {/* table elements laid out as grid rows: semantics kept, no table layout across 300 rows */}
      <style>{ROW_CSS}</style>
      <table aria-label="任务分解表" style={{ display: 'block', minWidth: MIN_WIDTH, borderSpacing: 0 }}>
        <thead style={{ display: 'block', position: 'sticky', top: 0, zIndex: 2 }}>
          <tr style={head}>
            <th style={th}>
              <SelectAll picked={picked} total={rows.length} onSelectAll={onSelectAll} />
            </th>
            {COLS.slice(1).map((c) => (
              <th key={c} style={th} title={c}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody style={{ display: 'block' }}>
          {rows.map((r, i) => (
            <Row key={r.key} {...propsOf(r, i, names, active, actions)} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

const Row = memo(function Row({ row: r, index, names, store, active, canMerge, actions: a }: RowProps) {
  const m = useRowModel(r, names, a);
  const ed = m.editors(() => a.activate(m.k));
  return (
    <tr
      data-testid="review-row"
      data-key={m.k}
      className="review-row"
      onClick={() => a.activate(m.k)}
      style={{ ...tr, background: active ? '#fff7e6' : undefined }}
    >
      <td style={td}>
        <SelectBox store={store} k={m.k} index={index} a={a} />
      </td>
      <td style={{ ...td, textAlign: 'center' }}>
        <div>{index + 1}</div>
        <ConfidenceTag r={r} style={{ paddingInline: 2 }} />
      </td>
      <td style={td}>{ed.text}</td>
      <td style={td}>
        {/* the leader under the lead unit: one column for who answers for the task */}
        {ed.lead(
          <>
            <UnitHint hint={m.hint} />
            {ed.leader}
          </>,
        )}
      </td>
      <td style={td}>{ed.co}</td>
      <td style={td}>{ed.due}</td>
      <td style={td}>{ed.targets}</td>
      <td style={{ ...td, whiteSpace: 'nowrap' }}>
        <RowTools
          k={m.k}
          canMerge={canMerge}
          a={a}
          size={24}
          splitTitle="拆分(在原文中选中拆分处,或从中间的逗号处拆开)"
        />
      </td>
    </tr>
  );
});
