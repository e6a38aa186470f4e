/**
 * The cells of the review table. At 300 rows a mounted TreeSelect, DatePicker or tags Select per
 * row is what made each tick and keystroke slow, so every cell shows plain text and becomes its
 * editor only while it is being edited (one editor mounted at a time); text cells keep what is
 * typed locally and hand it to the page after a pause or on leaving the field, so a keystroke
 * re-renders one cell, not the table.
 */
import { DatePicker, Select } from 'antd';
import dayjs from 'dayjs';
import { type CSSProperties, type ReactNode, memo, useEffect, useRef, useState } from 'react';
import { OrgPicker } from '../../components/OrgPicker.tsx';
import { DATE_INPUT_FORMATS, fmtDate } from '../../lib/format.ts';

/** How long typing may pause before the page gets the text (and the draft is saved a little later). */
const COMMIT_MS = 400;

/** Text typed locally, committed after a pause and on blur; follows the value when it changes outside (merge, split). */
function useLocalText(value: string, commit: (v: string) => void) {
  const [local, setLocal] = useState(value);
  const editing = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const latest = useRef(commit);
  latest.current = commit;
  useEffect(() => {
    if (!editing.current) setLocal(value);
  }, [value]);
  useEffect(() => () => clearTimeout(timer.current), []);
  const flush = (v: string) => {
    clearTimeout(timer.current);
    if (v !== value) latest.current(v);
  };
  return {
    value: local,
    onChange: (v: string) => {
      editing.current = true;
      setLocal(v);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => latest.current(v), COMMIT_MS);
    },
    onBlur: () => {
      editing.current = false;
      flush(local);
    },
  };
}

// The task text and the leader are plain form controls styled as antd's: 300 rows mounted 300 antd
// TextAreas that each measured themselves (autoSize: three renders and a forced layout per row) and
// 300 antd Inputs, which was most of the first render. The text area grows with its content in CSS
// (field-sizing; a browser without it shows two lines and scrolls).
export const CELLS_CSS =
  '.review-text{display:block;width:100%;box-sizing:border-box;min-height:54px;max-height:142px;field-sizing:content;' +
  'resize:vertical;padding:4px 11px;font:inherit;font-size:14px;line-height:1.5714;color:rgba(0,0,0,.88);' +
  'background:#fff;border:1px solid #d9d9d9;border-radius:6px;outline:0;transition:border-color .2s,box-shadow .2s}' +
  '.review-text:hover{border-color:#4096ff}' +
  '.review-text:focus{border-color:#1677ff;box-shadow:0 0 0 2px rgba(5,145,255,.1)}' +
  '.review-leader{display:block;width:100%;box-sizing:border-box;border:0;border-radius:4px;background:transparent;' +
  'padding:0 4px;font:inherit;font-size:12px;line-height:22px;color:rgba(0,0,0,.88);outline:0}' +
  '.review-leader:focus{background:#f5f5f5}' +
  '.review-text::placeholder,.review-leader::placeholder{color:rgba(0,0,0,.25)}';

export const TextCell = memo(function TextCell({
  value,
  onCommit,
  onFocus,
}: {
  value: string;
  onCommit(v: string): void;
  onFocus?(): void;
}) {
  const t = useLocalText(value, onCommit);
  return (
    <textarea
      aria-label="工作任务"
      className="review-text"
      rows={2}
      value={t.value}
      onChange={(e) => t.onChange(e.target.value)}
      onBlur={t.onBlur}
      onFocus={onFocus}
    />
  );
});

export const LeaderCell = memo(function LeaderCell({ value, onCommit }: { value: string; onCommit(v: string): void }) {
  const t = useLocalText(value, onCommit);
  return (
    <input
      aria-label="责任领导"
      className="review-leader"
      placeholder="责任领导"
      maxLength={50}
      value={t.value}
      onChange={(e) => t.onChange(e.target.value)}
      onBlur={t.onBlur}
    />
  );
});

const face: CSSProperties = {
  display: 'block',
  width: '100%',
  minHeight: 24,
  padding: '1px 6px',
  border: '1px solid #d9d9d9',
  borderRadius: 4,
  background: '#fff',
  textAlign: 'left',
  cursor: 'pointer',
  overflow: 'hidden',
  textOverflow: 'ellipsis',
  whiteSpace: 'nowrap',
  font: 'inherit',
  fontSize: 13,
  lineHeight: '20px',
};

/** What a cell shows until clicked: a button that reads like the field (its label for screen readers and tests). */
function Face({
  label,
  text,
  placeholder,
  warn,
  onOpen,
}: {
  label: string;
  text: string;
  placeholder: string;
  warn?: boolean;
  onOpen(): void;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      title={text || placeholder}
      onClick={onOpen}
      onFocus={onOpen}
      style={{ ...face, borderColor: warn ? '#faad14' : '#d9d9d9', color: text ? undefined : '#999' }}
    >
      {text || placeholder}
    </button>
  );
}

/** A cell that mounts its editor only while open. */
function useOpen() {
  const [open, setOpen] = useState(false);
  return { open, show: () => setOpen(true), hide: () => setOpen(false) };
}

export const LeadCell = memo(function LeadCell({
  value,
  name,
  units,
  onChange,
  extra,
}: {
  value: number | null;
  name: string;
  units: string[];
  onChange(v: number | null): void;
  extra?: ReactNode;
}) {
  const o = useOpen();
  const placeholder = units.length ? `未匹配:${units.join('、')}` : '选择牵头单位';
  return (
    <div data-testid="lead-cell">
      {o.open ? (
        <OrgPicker
          aria-label="牵头单位"
          size="small"
          autoFocus
          defaultOpen
          style={{ width: '100%' }}
          value={value}
          placeholder={placeholder}
          onChange={(v) => {
            onChange(v ?? null);
            o.hide();
          }}
          onBlur={o.hide}
        />
      ) : (
        <Face label="牵头单位" text={name} placeholder={placeholder} warn={!value} onOpen={o.show} />
      )}
      {extra}
    </div>
  );
});

export const CoCell = memo(function CoCell({
  value,
  names,
  onChange,
}: {
  value: number[];
  names: string;
  onChange(v: number[]): void;
}) {
  const o = useOpen();
  return o.open ? (
    <OrgPicker
      aria-label="配合单位"
      mode="multiple"
      size="small"
      autoFocus
      defaultOpen
      maxTagCount={2}
      style={{ width: '100%' }}
      value={value}
      placeholder="可多选"
      onChange={onChange}
      onBlur={o.hide}
    />
  ) : (
    <Face label="配合单位" text={names} placeholder="可多选" onOpen={o.show} />
  );
});

export const DueCell = memo(function DueCell({
  value,
  deadlineText,
  onChange,
}: {
  value: string | null;
  deadlineText: string | null;
  onChange(v: string | null): void;
}) {
  const o = useOpen();
  return (
    <div>
      {deadlineText && (
        <div title={`原文中的时限:${deadlineText}`} style={{ ...ellipsis, color: '#ad6800', fontSize: 12 }}>
          {deadlineText}
        </div>
      )}
      {o.open ? (
        <DatePicker
          aria-label="完成时限"
          format={DATE_INPUT_FORMATS}
          size="small"
          autoFocus
          defaultOpen
          style={{ width: '100%' }}
          value={value ? dayjs(value) : null}
          placeholder="长期"
          onChange={(d) => {
            onChange(d ? d.format('YYYY-MM-DD') : null);
            o.hide();
          }}
          onOpenChange={(open) => !open && o.hide()}
        />
      ) : (
        <Face label="完成时限" text={value ? fmtDate(value) : ''} placeholder="长期" onOpen={o.show} />
      )}
    </div>
  );
});

export const TargetsCell = memo(function TargetsCell({
  value,
  onChange,
}: {
  value: string[];
  onChange(v: string[]): void;
}) {
  const o = useOpen();
  return o.open ? (
    <Select
      aria-label="指标"
      mode="tags"
      size="small"
      autoFocus
      style={{ width: '100%' }}
      value={value}
      open={false}
      onChange={onChange}
      onBlur={o.hide}
      placeholder="回车添加"
    />
  ) : (
    <Face label="指标" text={value.join(';')} placeholder="回车添加" onOpen={o.show} />
  );
});

export const ellipsis: CSSProperties = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' };
