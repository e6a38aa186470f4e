import { useSyncExternalStore } from 'react';
import type { DraftRating } from '../../../../../common/contracts/ballots.ts';

export type Rating = { grade?: string; opinion?: string };

/**
 * The ratings of one ballot, outside React state. A 300-row ballot kept in one useState re-rendered
 * every row on each tick; here each row (or cell) subscribes to its own entry, so a tick re-renders
 * that row only, and the page itself never re-renders while the voter fills the form.
 * `version` moves on every change (for the counter, the submit button and the autosave).
 */
export class BallotStore {
  private rows = new Map<number, Rating>();
  private subs = new Set<() => void>();
  version = 0;

  get = (id: number) => this.rows.get(id);
  subscribe = (fn: () => void) => {
    this.subs.add(fn);
    return () => void this.subs.delete(fn);
  };
  private changed() {
    this.version++;
    for (const fn of this.subs) fn();
  }

  set(id: number, patch: Rating) {
    this.rows.set(id, { ...this.rows.get(id), ...patch });
    this.changed();
  }

  /** Gives `grade` to every listed org that has none yet; rows already rated are left as they are. */
  fillUnrated(ids: number[], grade: string) {
    let n = 0;
    for (const id of ids) {
      const r = this.rows.get(id);
      if (r?.grade) continue;
      this.rows.set(id, { ...r, grade });
      n++;
    }
    if (n) this.changed();
    return n;
  }

  /** A draft saved on the server, restored into an empty form. */
  load(draft: DraftRating[]) {
    for (const d of draft) this.rows.set(d.orgId, { grade: d.grade || undefined, opinion: d.opinion });
    this.changed();
  }

  /** What the autosave sends: rows with a grade or an opinion. */
  draft(): DraftRating[] {
    const out: DraftRating[] = [];
    for (const [orgId, r] of this.rows) {
      const opinion = r.opinion?.trim();
      if (r.grade || opinion)
        out.push(opinion ? { orgId, grade: r.grade ?? '', opinion } : { orgId, grade: r.grade ?? '' });
    }
    return out;
  }

  missing(ids: number[]) {
    return ids.filter((id) => !this.rows.get(id)?.grade).length;
  }
}

/** One row's rating; re-renders its component only when that row changes. */
export const useRating = (store: BallotStore, id: number) => useSyncExternalStore(store.subscribe, () => store.get(id));
/** Re-renders on any change (counters, buttons). */
export const useVersion = (store: BallotStore) => useSyncExternalStore(store.subscribe, () => store.version);
