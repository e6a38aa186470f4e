/**
 * The editable 任务分解表 beside the text: one row per proposed task. A plain table of memoized rows
 * (not antd Table): a tick or an edit re-renders the one row it touches, so at 300 rows every
 * interaction answers within a frame or two. Cells are light until edited (ReviewCells.tsx).
 */
import { DeleteOutlined, MergeCellsOutlined, ScissorOutlined } from '@ant-design/icons';
import { Button, Checkbox, Tag } from 'antd';
import { type CSSProperties, memo } from 'react';
import type { RowOrigin } from './corrections.ts';
import { CoCell, DueCell, LeadCell, LeaderCell, TargetsCell, TextCell } from './ReviewCells.tsx';
import { SELECTED_CSS, SelectBox, type Selection, useSelection } from './ReviewSelection.tsx';

export interface ReviewRow {
  key: string;
  text: string;
  start: number;
  end: number;
  leadOrgId: number | null;
  coOrgIds: number[];
  dueDate: string | null;
  deadlineText: string | null;
  targets: string[];
  unmatched: string[];
  units: string[];
  leader?: string;
  /** as the extractor proposed it (absent for rows added by hand) */
  origin?: RowOrigin;
  /** 0–1, and why the row is a task / where its unit came from */
  confidence?: number | null;
  reasons?: string[];
}

/** What a row can do; the page passes one stable object so that rows stay memoized. */
export interface RowActions {
  select(key: string, on: boolean): void;
  /** null: no row is being edited (a phone card folds) */
  activate(key: string | null): void;
  change(key: string, patch: Partial<ReviewRow>): void;
  merge(key: string): void;
  split(key: string): void;
  remove(key: string): void;
}

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
  const store = useSelection(selected);
  // merging takes the next row in the text: the row that starts last has none
  let lastStart = -1;
  for (const r of rows) lastStart = Math.max(lastStart, r.start);
  const picked = rows.reduce((n, r) => n + (selected.has(r.key) ? 1 : 0), 0);
  return (
    <div
      data-testid="review-table"
      style={{ maxHeight: 'calc(100vh - 280px)', overflow: 'auto', border: '1px solid #f0f0f0' }}
    >
      {/* table elements laid out as grid rows: semantics kept, no table layout across 300 rows */}
      <style>{SELECTED_CSS}</style>
      <table aria-label="任务分解表" style={{ display: 'block', minWidth: MIN_WIDTH, borderSpacing: 0 }}>
        <thead style={{ display: 'block', position: 'sticky', top: 0, zIndex: 2 }}>
          <tr style={head}>
            <th style={th}>
              <Checkbox
                aria-label="全选"
                checked={picked > 0 && picked === rows.length}
                indeterminate={picked > 0 && picked < rows.length}
                onChange={(e) => onSelectAll(e.target.checked)}
              />
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
            <Row
              key={r.key}
              row={r}
              index={i}
              names={names}
              store={store}
              active={r.key === active}
              canMerge={r.start < lastStart}
              actions={actions}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

const Row = memo(function Row({
  row: r,
  index,
  names,
  store,
  active,
  canMerge,
  actions: a,
}: {
  row: ReviewRow;
  index: number;
  names: ReadonlyMap<number, string>;
  store: Selection;
  active: boolean;
  canMerge: boolean;
  actions: RowActions;
}) {
  const k = r.key;
  const fromOrigin = r.origin && r.leadOrgId === r.origin.leadOrgId ? r.origin.unitSource : null;
  return (
    <tr
      data-testid="review-row"
      data-key={k}
      className="review-row"
      onClick={() => a.activate(k)}
      style={{ ...tr, background: active ? '#fff7e6' : undefined }}
    >
      <td style={td}>
        <SelectBox store={store} k={k} index={index} a={a} />
      </td>
      <td style={{ ...td, textAlign: 'center' }}>
        <div>{index + 1}</div>
        {r.confidence != null && (
          <Tag
            color={r.confidence < 0.6 ? 'orange' : 'default'}
            title={r.reasons?.length ? `识别依据:${r.reasons.join(';')}` : '识别依据'}
            style={{ marginInlineEnd: 0, paddingInline: 2, fontSize: 11 }}
          >
            {r.confidence < 0.6 ? '待核' : `${Math.round(r.confidence * 100)}%`}
          </Tag>
        )}
      </td>
      <td style={td}>
        <TextCell value={r.text} onCommit={(text) => a.change(k, { text })} onFocus={() => a.activate(k)} />
      </td>
      <td style={td}>
        <LeadCell
          value={r.leadOrgId}
          name={r.leadOrgId ? (names.get(r.leadOrgId) ?? `单位 ${r.leadOrgId}`) : ''}
          units={r.units}
          onChange={(leadOrgId) => a.change(k, { leadOrgId })}
          extra={
            <>
              {fromOrigin === 'correction' && (
                <Tag color="purple" title="此前审核时为同类事项选定的牵头单位" style={{ marginTop: 2, fontSize: 11 }}>
                  来自以往更正
                </Tag>
              )}
              {fromOrigin === 'proposal' && (
                <Tag title="原文未写明责任单位,按职能建议" style={{ marginTop: 2, fontSize: 11 }}>
                  按职能建议
                </Tag>
              )}
              <LeaderCell value={r.leader ?? ''} onCommit={(leader) => a.change(k, { leader })} />
            </>
          }
        />
      </td>
      <td style={td}>
        <CoCell
          value={r.coOrgIds}
          names={r.coOrgIds.map((id) => names.get(id) ?? `单位 ${id}`).join('、')}
          onChange={(coOrgIds) => a.change(k, { coOrgIds })}
        />
      </td>
      <td style={td}>
        <DueCell value={r.dueDate} deadlineText={r.deadlineText} onChange={(dueDate) => a.change(k, { dueDate })} />
      </td>
      <td style={td}>
        <TargetsCell value={r.targets} onChange={(targets) => a.change(k, { targets })} />
      </td>
      <td style={{ ...td, whiteSpace: 'nowrap' }}>
        <Button
          type="text"
          size="small"
          icon={<MergeCellsOutlined />}
          disabled={!canMerge}
          onClick={() => a.merge(k)}
          aria-label="合并"
          title="与下一条合并"
        />
        <Button
          type="text"
          size="small"
          icon={<ScissorOutlined />}
          onClick={() => a.split(k)}
          aria-label="拆分"
          title="拆分(在原文中选中拆分处,或从中间的逗号处拆开)"
        />
        <Button
          type="text"
          size="small"
          danger
          icon={<DeleteOutlined />}
          onClick={() => a.remove(k)}
          aria-label="删除"
          title="删除"
        />
      </td>
    </tr>
  );
});
