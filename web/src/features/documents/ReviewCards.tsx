/**
 * The review table on a phone: one card per proposal, folded to what a reviewer scans (the task,
 * lead unit, deadline, targets) and opened by a tap into the same editors as the desktop table's row
 * (one row model, reviewRow.tsx), one card at a time. Twenty cards a page keep 300 proposals as light as 20;
 * the selection and bulk actions sit in a bar stuck to the bottom of the screen, under the thumb.
 */
import { Button, Pagination } from 'antd';
import { type CSSProperties, memo, type ReactNode, useEffect, useRef, useState } from 'react';
import { fmtDate } from '../../lib/format.ts';
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

export const CARDS_PER_PAGE = 20;

// The cells' faces are sized for a mouse (24 px); in an open card they are thumb-sized. Whatever is
// focused or scrolled to in a card stops above the bottom bar instead of under it.
const CARD_CSS =
  '.review-card *{scroll-margin-bottom:150px}' +
  '.review-card-edit button[aria-label]{min-height:36px!important;line-height:32px!important;font-size:14px!important}' +
  '.review-card-edit .ant-select,.review-card-edit .ant-picker{min-height:36px}' +
  '.review-card-edit input[aria-label="责任领导"]{min-height:34px;font-size:14px!important}';

const card: CSSProperties = {
  border: '1px solid #f0f0f0',
  borderRadius: 8,
  marginBottom: 8,
  background: '#fff',
};
const head: CSSProperties = {
  display: 'flex',
  alignItems: 'center',
  gap: 4,
  padding: '0 4px 0 0',
  borderBottom: '1px solid #f5f5f5',
};
const label: CSSProperties = { color: '#8c8c8c', flex: '0 0 56px' };
const clamp: CSSProperties = {
  display: '-webkit-box',
  WebkitLineClamp: 3,
  WebkitBoxOrient: 'vertical',
  overflow: 'hidden',
  fontSize: 15,
  lineHeight: 1.6,
  marginBottom: 4,
};

interface Props {
  rows: ReviewRow[];
  names: ReadonlyMap<number, string>;
  active: string | null;
  selected: ReadonlySet<string>;
  onSelectAll(on: boolean): void;
  actions: RowActions;
  /** the bulk actions (未定牵头单位, 批量指定, 发布), shown in the bottom bar */
  bar: ReactNode;
}

export function ReviewCards({ rows, names, active, selected, onSelectAll, actions, bar }: Props) {
  const { picked, propsOf } = useReviewList(rows, selected);
  const [page, setPage] = useState(1);
  const top = useRef<HTMLDivElement>(null);
  const pages = Math.max(1, Math.ceil(rows.length / CARDS_PER_PAGE));
  const current = Math.min(page, pages);
  // a row activated from elsewhere (a mark tapped in the text) is shown: its page opens, and the
  // card is scrolled to once rendered if it is off screen (a tapped card is on screen already)
  const reveal = useRef<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: follows the active row only, not every edit of the rows
  useEffect(() => {
    const i = active ? rows.findIndex((r) => r.key === active) : -1;
    if (i < 0) return;
    reveal.current = active;
    setPage(Math.floor(i / CARDS_PER_PAGE) + 1);
  }, [active]);
  useEffect(() => {
    const el = reveal.current && top.current?.querySelector(`[data-key="${reveal.current}"]`);
    if (!el) return; // not on this page yet: the next render
    reveal.current = null;
    const at = el.getBoundingClientRect().top;
    if (at < 0 || at > window.innerHeight - 160) el.scrollIntoView({ block: 'start' });
  });
  const from = (current - 1) * CARDS_PER_PAGE;
  const turn = (p: number) => {
    setPage(p);
    top.current?.scrollIntoView({ block: 'start' });
  };
  return (
    <div data-testid="review-cards" ref={top} style={{ scrollMarginTop: 8 }}>
      <style>{ROW_CSS + CARD_CSS}</style>
      {rows.slice(from, from + CARDS_PER_PAGE).map((r, i) => (
        <ReviewCard key={r.key} {...propsOf(r, from + i, names, active, actions)} />
      ))}
      {pages > 1 && (
        <Pagination
          simple
          align="center"
          current={current}
          total={rows.length}
          pageSize={CARDS_PER_PAGE}
          showSizeChanger={false}
          onChange={turn}
          style={{ margin: '12px 0' }}
        />
      )}
      <div
        data-testid="review-bar"
        style={{
          position: 'sticky',
          bottom: 0,
          zIndex: 3,
          margin: '0 -12px -12px',
          padding: '8px 12px',
          background: '#fff',
          borderTop: '1px solid #f0f0f0',
          boxShadow: '0 -2px 8px rgba(0,0,0,0.06)',
        }}
      >
        <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 6 }}>
          <SelectAll picked={picked} total={rows.length} onSelectAll={onSelectAll}>
            全选
          </SelectAll>
          <span style={{ color: '#8c8c8c', whiteSpace: 'nowrap' }}>
            {picked ? `已选 ${picked} / ${rows.length} 条` : `共 ${rows.length} 条`}
          </span>
        </div>
        {bar}
      </div>
    </div>
  );
}

const ReviewCard = memo(function ReviewCard({ row: r, index, names, store, active, canMerge, actions: a }: RowProps) {
  const m = useRowModel(r, names, a);
  return (
    <section
      data-testid="review-card"
      data-key={m.k}
      className="review-card"
      aria-label={`第 ${index + 1} 条任务`}
      style={{ ...card, borderColor: active ? '#ffc069' : '#f0f0f0' }}
    >
      <div className="review-card-head" style={head}>
        <SelectBox store={store} k={m.k} index={index} a={a} style={{ padding: '10px 4px 10px 12px' }} />
        <b style={{ minWidth: 28 }}>{index + 1}</b>
        <ConfidenceTag r={r} />
        <span style={{ flex: 1 }} />
        <RowTools k={m.k} canMerge={canMerge} a={a} size={32} splitTitle="拆分(从中间的逗号处拆开)" />
      </div>
      {active ? (
        <CardEditors m={m} onFold={() => a.activate(null)} />
      ) : (
        // the folded card is one big button: a tap anywhere opens it for editing
        <button
          type="button"
          aria-label={`编辑第 ${index + 1} 条`}
          onClick={() => a.activate(m.k)}
          style={{
            display: 'block',
            width: '100%',
            padding: '8px 12px 10px',
            border: 0,
            background: 'transparent',
            textAlign: 'left',
            font: 'inherit',
            color: 'inherit',
            cursor: 'pointer',
          }}
        >
          <span style={clamp}>{r.text}</span>
          <Line name="牵头单位">
            {m.lead || (
              <span style={{ color: '#d46b08' }}>
                {r.units.length ? `未定(原文:${r.units.join('、')})` : '未定牵头单位'}
              </span>
            )}
            {r.leader ? ` · ${r.leader}` : ''}
          </Line>
          {m.co && <Line name="配合单位">{m.co}</Line>}
          <Line name="完成时限">
            {r.dueDate ? fmtDate(r.dueDate) : '长期'}
            {r.deadlineText && <span style={{ color: '#ad6800' }}>(原文:{r.deadlineText})</span>}
          </Line>
          {r.targets.length > 0 && <Line name="指标">{r.targets.join(';')}</Line>}
        </button>
      )}
    </section>
  );
});

/** An open card: the row's editors one under the other, each with its name. */
function CardEditors({ m, onFold }: { m: ReturnType<typeof useRowModel>; onFold(): void }) {
  const ed = m.editors();
  return (
    <div className="review-card-edit" style={{ display: 'grid', gap: 8, padding: 12 }}>
      <Field name="工作任务">{ed.text}</Field>
      <Field name="牵头单位">{ed.lead(<UnitHint hint={m.hint} />)}</Field>
      <Field name="责任领导">
        <div style={{ border: '1px solid #d9d9d9', borderRadius: 4 }}>{ed.leader}</div>
      </Field>
      <Field name="配合单位">{ed.co}</Field>
      <Field name="完成时限">{ed.due}</Field>
      <Field name="指标">{ed.targets}</Field>
      <Button block onClick={onFold}>
        收起
      </Button>
    </div>
  );
}

function Line({ name, children }: { name: string; children: ReactNode }) {
  return (
    <span style={{ display: 'flex', gap: 8, fontSize: 13, lineHeight: 1.7 }}>
      <span style={label}>{name}</span>
      <span style={{ minWidth: 0, flex: 1, overflowWrap: 'anywhere' }}>{children}</span>
    </span>
  );
}

function Field({ name, children }: { name: string; children: ReactNode }) {
  return (
    <div>
      <div style={{ color: '#8c8c8c', fontSize: 12, marginBottom: 2 }}>{name}</div>
      {children}
    </div>
  );
}
