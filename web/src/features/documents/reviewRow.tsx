/**
 * One proposed task of the review, as both of its forms render it: the desktop table's row
 * (ReviewTable.tsx) and the phone's card (ReviewCards.tsx). The row model holds what a row shows
 * (unit names, where the lead unit came from, what keeps it from being published), its editors
 * wired to the draft (one stable setter per field, so a memoized cell skips the renders another
 * field causes), and the pieces both forms draw the same: confidence, the unit hint, the row tools,
 * the select-all box. The forms only lay them out.
 */
import { DeleteOutlined, MergeCellsOutlined, ScissorOutlined } from '@ant-design/icons';
import { Checkbox, Tag } from 'antd';
import { type CSSProperties, type ReactNode, useMemo } from 'react';
import type { DraftRow } from '../../../../common/contracts/review-draft.ts';
import { CELLS_CSS, CoCell, DueCell, LeadCell, LeaderCell, TargetsCell, TextCell } from './ReviewCells.tsx';
import { SELECTED_CSS, type Selection, useSelection } from './ReviewSelection.tsx';

/** A row of the review table is the draft's row (common/contracts/review-draft.ts). */
export type ReviewRow = DraftRow;

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

/** What a memoized row (or card) receives: its row and place, and what stays the same across rows. */
export interface RowProps {
  row: ReviewRow;
  index: number;
  names: ReadonlyMap<number, string>;
  store: Selection;
  active: boolean;
  canMerge: boolean;
  actions: RowActions;
}

/** What keeps a row from being published, in the words of the refusal (「第 N 条任务…」); null when it can go. */
export function rowProblem(r: ReviewRow): string | null {
  if (!r.text.trim()) return '内容为空';
  if (!r.leadOrgId) return '尚未指定牵头单位';
  return null;
}

const unitName = (names: ReadonlyMap<number, string>, id: number) => names.get(id) ?? `单位 ${id}`;

/** The row's model: derived text and one setter per field (stable for the row's key). */
export function useRowModel(r: ReviewRow, names: ReadonlyMap<number, string>, a: RowActions) {
  const k = r.key;
  const set = useMemo(
    () => ({
      text: (text: string) => a.change(k, { text }),
      leadOrgId: (leadOrgId: number | null) => a.change(k, { leadOrgId }),
      leader: (leader: string) => a.change(k, { leader }),
      coOrgIds: (coOrgIds: number[]) => a.change(k, { coOrgIds }),
      dueDate: (dueDate: string | null) => a.change(k, { dueDate }),
      targets: (targets: string[]) => a.change(k, { targets }),
    }),
    [a, k],
  );
  const lead = r.leadOrgId ? unitName(names, r.leadOrgId) : '';
  const co = r.coOrgIds.map((id) => unitName(names, id)).join('、');
  // the extractor's reason for the lead unit, while the reviewer has not changed it
  const hint = r.origin && r.leadOrgId === r.origin.leadOrgId ? r.origin.unitSource : null;
  /** The row's six editors, for the form to place (the lead unit's with what the form shows under it). */
  const editors = (onTextFocus?: () => void) => ({
    text: <TextCell value={r.text} onCommit={set.text} onFocus={onTextFocus} />,
    lead: (extra?: ReactNode) => (
      <LeadCell value={r.leadOrgId} name={lead} units={r.units} onChange={set.leadOrgId} extra={extra} />
    ),
    leader: <LeaderCell value={r.leader ?? ''} onCommit={set.leader} />,
    co: <CoCell value={r.coOrgIds} names={co} onChange={set.coOrgIds} />,
    due: <DueCell value={r.dueDate} deadlineText={r.deadlineText} onChange={set.dueDate} />,
    targets: <TargetsCell value={r.targets} onChange={set.targets} />,
  });
  return { k, lead, co, hint, problem: rowProblem(r), set, editors };
}

/** The list-level part both forms share: the selection store, which rows can merge, how many are picked. */
export function useReviewList(rows: ReviewRow[], selected: ReadonlySet<string>) {
  const store = useSelection(selected);
  // merging takes the next row in the text: the row that starts last has none
  let lastStart = -1;
  for (const r of rows) lastStart = Math.max(lastStart, r.start);
  const picked = rows.reduce((n, r) => n + (selected.has(r.key) ? 1 : 0), 0);
  /** The props of row `r` at place `index` of the list. */
  const propsOf = (
    r: ReviewRow,
    index: number,
    names: ReadonlyMap<number, string>,
    active: string | null,
    actions: RowActions,
  ): RowProps => ({
    row: r,
    index,
    names,
    store,
    active: r.key === active,
    canMerge: r.start < lastStart,
    actions,
  });
  return { store, lastStart, picked, propsOf };
}

export function SelectAll({
  picked,
  total,
  onSelectAll,
  children,
}: {
  picked: number;
  total: number;
  onSelectAll(on: boolean): void;
  children?: ReactNode;
}) {
  return (
    <Checkbox
      aria-label="全选"
      checked={picked > 0 && picked === total}
      indeterminate={picked > 0 && picked < total}
      onChange={(e) => onSelectAll(e.target.checked)}
    >
      {children}
    </Checkbox>
  );
}

/** How sure the extractor was that this is a task: 待核 below 60%, and why (title). */
export function ConfidenceTag({ r, style }: { r: ReviewRow; style?: CSSProperties }) {
  if (r.confidence == null) return null;
  const low = r.confidence < 0.6;
  return (
    <Tag
      color={low ? 'orange' : 'default'}
      title={r.reasons?.length ? `识别依据:${r.reasons.join(';')}` : '识别依据'}
      style={{ marginInlineEnd: 0, fontSize: 11, ...style }}
    >
      {low ? '待核' : `${Math.round(r.confidence * 100)}%`}
    </Tag>
  );
}

/** Where the proposed lead unit came from, when not from the text itself. */
export function UnitHint({ hint }: { hint: string | null }) {
  if (hint === 'correction')
    return (
      <Tag color="purple" title="此前审核时为同类事项选定的牵头单位" style={{ marginTop: 2, fontSize: 11 }}>
        来自以往更正
      </Tag>
    );
  if (hint === 'proposal')
    return (
      <Tag title="原文未写明责任单位,按职能建议" style={{ marginTop: 2, fontSize: 11 }}>
        按职能建议
      </Tag>
    );
  return null;
}

// Three plain buttons a row (900 at 300 rows): antd's Button costs a wave effect and several
// contexts each, which the first render of a long table paid for.
const TOOLS_CSS =
  '.review-tool{display:inline-flex;align-items:center;justify-content:center;border:0;border-radius:6px;' +
  'background:transparent;cursor:pointer;color:rgba(0,0,0,.88);font-size:14px;padding:0}' +
  '.review-tool:hover:not(:disabled){background:rgba(0,0,0,.06)}' +
  '.review-tool:focus-visible{outline:2px solid #91caff;outline-offset:1px}' +
  '.review-tool:disabled{color:rgba(0,0,0,.25);cursor:not-allowed}' +
  '.review-tool.danger{color:#ff4d4f}.review-tool.danger:hover{background:#fff2f0}';

/** 合并 with the next row in the text, 拆分, 删除. */
export function RowTools({
  k,
  canMerge,
  a,
  size,
  splitTitle,
}: {
  k: string;
  canMerge: boolean;
  a: RowActions;
  /** the buttons' side in px: 24 beside a mouse, 32 under a thumb */
  size: number;
  splitTitle: string;
}) {
  const box = { width: size, height: size };
  return (
    <>
      <button
        type="button"
        className="review-tool"
        style={box}
        disabled={!canMerge}
        onClick={() => a.merge(k)}
        aria-label="合并"
        title="与下一条合并"
      >
        <MergeCellsOutlined />
      </button>
      <button
        type="button"
        className="review-tool"
        style={box}
        onClick={() => a.split(k)}
        aria-label="拆分"
        title={splitTitle}
      >
        <ScissorOutlined />
      </button>
      <button
        type="button"
        className="review-tool danger"
        style={box}
        onClick={() => a.remove(k)}
        aria-label="删除"
        title="删除"
      >
        <DeleteOutlined />
      </button>
    </>
  );
}

/** The styles of a row's pieces (selection colour, tools, plain cells), once per table or card list. */
export const ROW_CSS = SELECTED_CSS + TOOLS_CSS + CELLS_CSS;
