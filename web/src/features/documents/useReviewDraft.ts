/**
 * Keeps the review table on the server as the reviewer works (PUT /api/documents/:id/review-draft, a
 * couple of seconds after the last change) and offers the saved copy back when the page opens, so a
 * closed tab, a crash or a new login loses at most those seconds. The server drops the copy when
 * tasks are published; rows left unpublished are saved again as the new copy.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { ReviewDraft, SaveDraftBody } from '../../../../common/contracts/review-draft.ts';
import { documentsApi } from './api.ts';

const SAVE_MS = 1500;
type Content = Omit<SaveDraftBody, 'baseVersion'>;

export function useReviewDraft(id: number, enabled: boolean, content: Content, restore: (d: ReviewDraft) => void) {
  const q = useQuery({
    queryKey: ['documents', 'review-draft', id],
    queryFn: () => documentsApi.draft(id),
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
  });
  const version = useRef<number | null>(null);
  const [restored, setRestored] = useState<ReviewDraft | null>(null);
  const [state, setState] = useState<'idle' | 'saving' | 'saved' | 'error'>('idle');
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [overwrote, setOverwrote] = useState(false);
  // the content last on the server (or restored from it): nothing to save until it differs
  const baseline = useRef<Content | null>(null);
  const ready = q.isSuccess;

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on the first answer only (content and restore are read then)
  useEffect(() => {
    if (!q.data || baseline.current) return;
    const d = q.data.draft;
    version.current = d?.version ?? null;
    if (d?.rows.length) {
      baseline.current = { rows: d.rows, taught: d.taught, warnings: d.warnings };
      restore(d);
      setRestored(d);
      setSavedAt(d.savedAt);
    } else baseline.current = content;
  }, [q.data]);

  useEffect(() => {
    const base = baseline.current;
    if (!ready || !base) return;
    if (base.rows === content.rows && base.taught === content.taught && base.warnings === content.warnings) return;
    const timer = setTimeout(() => {
      baseline.current = content;
      setState('saving');
      // nothing left to review (all published or deleted): the copy goes rather than an empty one
      const req = content.rows.length
        ? documentsApi.saveDraft(id, { baseVersion: version.current, ...content }).then((r) => {
            version.current = r.version;
            setSavedAt(r.savedAt);
            if (r.overwritten) setOverwrote(true);
          })
        : version.current
          ? documentsApi.discardDraft(id).then(() => {
              version.current = null;
              setSavedAt(null);
            })
          : Promise.resolve();
      req.then(
        () => setState('saved'),
        () => setState('error'),
      );
    }, SAVE_MS);
    return () => clearTimeout(timer);
  }, [ready, id, content]);

  /** 放弃草稿: the server copy goes; the caller clears the table. */
  const discard = async () => {
    await documentsApi.discardDraft(id);
    version.current = null;
    baseline.current = { rows: [], taught: [], warnings: [] };
    setRestored(null);
    setSavedAt(null);
  };
  /** After a publish the server has no copy; whatever remains is saved as a new one. */
  const published = () => {
    version.current = null;
  };
  return {
    loading: enabled && q.isLoading,
    restored,
    dismiss: () => setRestored(null),
    discard,
    published,
    state,
    savedAt,
    overwrote,
  };
}
