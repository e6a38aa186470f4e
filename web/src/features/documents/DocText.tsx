import { forwardRef, memo, useImperativeHandle, useMemo, useRef } from 'react';

export interface Mark {
  key: string;
  start: number;
  end: number;
  kind: 'proposal' | 'published' | 'focus';
  label?: string;
}

const COLORS = { proposal: '#fff1b8', published: '#d9f7be', focus: '#ffd8bf' } as const;

export interface DocTextHandle {
  /** The document offsets of the current text selection inside the text, or null. */
  selection(): { start: number; end: number } | null;
  scrollTo(key: string): void;
}

/**
 * The document text with highlighted passages. Every text run is a span carrying its document
 * offset (`data-start`), so a browser selection maps back to exact offsets of the stored text.
 */
export const DocText = memo(
  forwardRef<
    DocTextHandle,
    {
      text: string;
      marks: Mark[];
      active?: string | null;
      onMarkClick?: (key: string) => void;
      /** the box scrolls inside this height (beside the table: the window's height) */
      maxHeight?: string;
    }
  >(function DocText({ text, marks, active, onMarkClick, maxHeight = 'calc(100vh - 220px)' }, ref) {
    const box = useRef<HTMLDivElement>(null);
    const segments = useMemo(() => {
      const cuts = new Set<number>([0, text.length]);
      for (const m of marks) {
        cuts.add(Math.max(0, m.start));
        cuts.add(Math.min(text.length, m.end));
      }
      const pts = [...cuts].sort((a, b) => a - b);
      // one sweep over the cuts with the marks sorted by start (300 marks × 600 cuts scanned in full
      // was a visible pause on every change of the table)
      const byStart = [...marks].sort((a, b) => a.start - b.start);
      const open: Mark[] = [];
      let next = 0;
      const out: { start: number; end: number; cover: Mark[] }[] = [];
      for (let i = 0; i < pts.length - 1; i++) {
        const [s, e] = [pts[i], pts[i + 1]];
        while (next < byStart.length && byStart[next].start <= s) open.push(byStart[next++]);
        if (s < e) out.push({ start: s, end: e, cover: open.filter((m) => m.end >= e) });
      }
      return out;
    }, [text, marks]);

    useImperativeHandle(
      ref,
      () => ({
        selection() {
          const sel = window.getSelection();
          if (!sel || sel.isCollapsed || !box.current) return null;
          const pos = (node: Node | null, off: number) => {
            const el = (node?.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element | null))?.closest(
              '[data-start]',
            ) as HTMLElement | null;
            if (!el || !box.current!.contains(el)) return null;
            return Number(el.dataset.start) + (node?.nodeType === Node.TEXT_NODE ? off : 0);
          };
          const a = pos(sel.anchorNode, sel.anchorOffset),
            b = pos(sel.focusNode, sel.focusOffset);
          if (a === null || b === null || a === b) return null;
          return { start: Math.min(a, b), end: Math.max(a, b) };
        },
        scrollTo(key) {
          box.current?.querySelector(`[data-mark~="${key}"]`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
        },
      }),
      [],
    );

    return (
      <div
        ref={box}
        data-testid="doc-text"
        style={{
          whiteSpace: 'pre-wrap',
          lineHeight: 1.9,
          fontSize: 15,
          maxHeight,
          overflow: 'auto',
          padding: '4px 8px',
        }}
      >
        {segments.map((s) => {
          const top = s.cover.find((m) => m.key === active) ?? s.cover.find((m) => m.kind === 'focus') ?? s.cover[0];
          const first = s.cover.filter((m) => m.start === s.start && m.label);
          return (
            <span key={s.start}>
              {first.map((m) => (
                <sup key={m.key} style={{ color: '#d4380d', userSelect: 'none', marginRight: 2 }}>
                  {m.label}
                </sup>
              ))}
              <span
                data-start={s.start}
                data-mark={s.cover.map((m) => m.key).join(' ') || undefined}
                onClick={top && onMarkClick ? () => onMarkClick(top.key) : undefined}
                style={
                  top
                    ? {
                        background: top.key === active ? '#ffc069' : COLORS[top.kind],
                        cursor: onMarkClick ? 'pointer' : undefined,
                        borderRadius: 2,
                      }
                    : undefined
                }
              >
                {text.slice(s.start, s.end)}
              </span>
            </span>
          );
        })}
      </div>
    );
  }),
);
