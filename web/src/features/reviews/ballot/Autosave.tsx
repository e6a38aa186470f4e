import { Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../../../api/client.ts';
import { ballotApi } from '../api.ts';
import type { BallotStore } from './store.ts';

type State = { kind: 'idle' | 'saving' | 'saved' } | { kind: 'error'; message: string };

/**
 * Saves the unfinished ballot on the server (under the code only, see server/modules/reviews/draft.ts)
 * a moment after the last change and when the page is hidden (tab closed, phone locked), so an hour
 * of rating survives a closed tab or an empty battery. Shows its own state; the form never re-renders for it.
 */
export function Autosave({ store, token }: { store: BallotStore; token: string }) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  useEffect(() => {
    let saved = store.version;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const save = () => {
      clearTimeout(timer);
      const v = store.version;
      if (v === saved || stopped) return;
      setState({ kind: 'saving' });
      ballotApi.saveDraft({ token, ratings: store.draft() }).then(
        () => {
          saved = Math.max(saved, v);
          setState({ kind: 'saved' });
        },
        (e: unknown) => {
          // A used code or a closed campaign: saving again cannot help.
          if (e instanceof ApiError && e.status === 409) stopped = true;
          setState({ kind: 'error', message: e instanceof Error ? e.message : '草稿保存失败' });
        },
      );
    };
    const unsubscribe = store.subscribe(() => {
      clearTimeout(timer);
      timer = setTimeout(save, 800);
    });
    const onHide = () => document.visibilityState === 'hidden' && save();
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', save);
    return () => {
      unsubscribe();
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', save);
    };
  }, [store, token]);
  const text =
    state.kind === 'saving'
      ? '正在保存草稿……'
      : state.kind === 'saved'
        ? '草稿已自动保存(只与选票码关联,加密保存;提交后自动删除)'
        : state.kind === 'error'
          ? `草稿未能保存:${state.message}`
          : '填写过程中自动保存草稿,关闭页面后凭同一选票码可继续填写';
  return (
    <Typography.Text
      type={state.kind === 'error' ? 'danger' : 'secondary'}
      data-testid="autosave"
      style={{ fontSize: 13 }}
    >
      {text}
    </Typography.Text>
  );
}
