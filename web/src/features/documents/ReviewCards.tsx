/**
 * The review table on a phone: one card per proposal, folded to what a reviewer scans (the task,
 * lead unit, deadline, targets) and opened by a tap into the same cells as the desktop table
 * (ReviewCells.tsx), one card at a time. Twenty cards a page keep 300 proposals as light as 20;
 * the selection and bulk actions sit in a bar stuck to the bottom of the screen, under the thumb.
 */
import { DeleteOutlined, MergeCellsOutlined, ScissorOutlined } from '@ant-design/icons';
import { Button, Checkbox, Pagination, Tag } from 'antd';
import { type CSSProperties, memo, type ReactNode, useEffect, useRef, useState } from 'react';
import { fmtDate } from '../../lib/format.ts';
import { CoCell, DueCell, LeadCell, LeaderCell, TargetsCell, TextCell } from './ReviewCells.tsx';
import { SELECTED_CSS, SelectBox, type Selection, useSelection } from './ReviewSelection.tsx';
import type { ReviewRow, RowActions } from './ReviewTable.tsx';

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
  const store = useSelection(selected);
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
  let lastStart = -1;
  for (const r of rows) lastStart = Math.max(lastStart, r.start);
  const picked = rows.reduce((n, r) => n + (selected.has(r.key) ? 1 : 0), 0);
  const from = (current - 1) * CARDS_PER_PAGE;
  const turn = (p: number) => {
    setPage(p);
    top.current?.scrollIntoView({ block: 'start' });
  };
  return (
    <div data-testid="review-cards" ref={top} style={{ scrollMarginTop: 8 }}>
      <style>{SELECTED_CSS + CARD_CSS}</style>
      {rows.slice(from, from + CARDS_PER_PAGE).map((r, i) => (
        <ReviewCard
          key={r.key}
          row={r}
          index={from + i}
          names={names}
          store={store}
          active={r.key === active}
          canMerge={r.start < lastStart}
          actions={actions}
        />
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
          <Checkbox
            aria-label="全选"
            checked={picked > 0 && picked === rows.length}
            indeterminate={picked > 0 && picked < rows.length}
            onChange={(e) => onSelectAll(e.target.checked)}
          >
            全选
          </Checkbox>
          <span style={{ color: '#8c8c8c', whiteSpace: 'nowrap' }}>
            {picked ? `已选 ${picked} / ${rows.length} 条` : `共 ${rows.length} 条`}
          </span>
        </div>
        {bar}
      </div>
    </div>
  );
}

const ReviewCard = memo(function ReviewCard({
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
  const lead = r.leadOrgId ? (names.get(r.leadOrgId) ?? `单位 ${r.leadOrgId}`) : '';
  const co = r.coOrgIds.map((id) => names.get(id) ?? `单位 ${id}`).join('、');
  const fromOrigin = r.origin && r.leadOrgId === r.origin.leadOrgId ? r.origin.unitSource : null;
  return (
    <section
      data-testid="review-card"
      data-key={k}
      className="review-card"
      aria-label={`第 ${index + 1} 条任务`}
      style={{ ...card, borderColor: active ? '#ffc069' : '#f0f0f0' }}
    >
      <div className="review-card-head" style={head}>
        <SelectBox store={store} k={k} index={index} a={a} style={{ padding: '10px 4px 10px 12px' }} />
        <b style={{ minWidth: 28 }}>{index + 1}</b>
        {r.confidence != null && (
          <Tag
            color={r.confidence < 0.6 ? 'orange' : 'default'}
            title={r.reasons?.length ? `识别依据:${r.reasons.join(';')}` : '识别依据'}
            style={{ marginInlineEnd: 0, fontSize: 11 }}
          >
            {r.confidence < 0.6 ? '待核' : `${Math.round(r.confidence * 100)}%`}
          </Tag>
        )}
        <span style={{ flex: 1 }} />
        <Button
          type="text"
          icon={<MergeCellsOutlined />}
          disabled={!canMerge}
          onClick={() => a.merge(k)}
          aria-label="合并"
          title="与下一条合并"
        />
        <Button
          type="text"
          icon={<ScissorOutlined />}
          onClick={() => a.split(k)}
          aria-label="拆分"
          title="拆分(从中间的逗号处拆开)"
        />
        <Button
          type="text"
          danger
          icon={<DeleteOutlined />}
          onClick={() => a.remove(k)}
          aria-label="删除"
          title="删除"
        />
      </div>
      {active ? (
        <div className="review-card-edit" style={{ display: 'grid', gap: 8, padding: 12 }}>
          <Field name="工作任务">
            <TextCell value={r.text} onCommit={(text) => a.change(k, { text })} />
          </Field>
          <Field name="牵头单位">
            <LeadCell
              value={r.leadOrgId}
              name={lead}
              units={r.units}
              onChange={(leadOrgId) => a.change(k, { leadOrgId })}
              extra={
                (fromOrigin === 'correction' || fromOrigin === 'proposal') && (
                  <Tag
                    color={fromOrigin === 'correction' ? 'purple' : undefined}
                    style={{ marginTop: 4, fontSize: 11 }}
                  >
                    {fromOrigin === 'correction' ? '来自以往更正' : '按职能建议'}
                  </Tag>
                )
              }
            />
          </Field>
          <Field name="责任领导">
            <div style={{ border: '1px solid #d9d9d9', borderRadius: 4 }}>
              <LeaderCell value={r.leader ?? ''} onCommit={(leader) => a.change(k, { leader })} />
            </div>
          </Field>
          <Field name="配合单位">
            <CoCell value={r.coOrgIds} names={co} onChange={(coOrgIds) => a.change(k, { coOrgIds })} />
          </Field>
          <Field name="完成时限">
            <DueCell value={r.dueDate} deadlineText={r.deadlineText} onChange={(dueDate) => a.change(k, { dueDate })} />
          </Field>
          <Field name="指标">
            <TargetsCell value={r.targets} onChange={(targets) => a.change(k, { targets })} />
          </Field>
          <Button block onClick={() => a.activate(null)}>
            收起
          </Button>
        </div>
      ) : (
        // the folded card is one big button: a tap anywhere opens it for editing
        <button
          type="button"
          aria-label={`编辑第 ${index + 1} 条`}
          onClick={() => a.activate(k)}
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
            {lead || (
              <span style={{ color: '#d46b08' }}>
                {r.units.length ? `未定(原文:${r.units.join('、')})` : '未定牵头单位'}
              </span>
            )}
            {r.leader ? ` · ${r.leader}` : ''}
          </Line>
          {co && <Line name="配合单位">{co}</Line>}
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
