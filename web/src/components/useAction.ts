import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';

/**
 * A change made through the API, the one way pages write: it refreshes the queries it touches
 * (`invalidate`, e.g. `[['tasks']]`), says what happened (`success`) or shows the server's Chinese
 * message — as a toast, except for an action run from a FormModal, which shows it in the dialog
 * (`inline`). The page keeps no loading or error state of its own: `isPending` says it is running.
 */
export function useAction<V = void, R = unknown>(
  fn: (vars: V) => Promise<R>,
  o: {
    success?: string | ((r: R, vars: V) => string);
    invalidate?: QueryKey[];
    onSuccess?: (r: R, vars: V) => void;
    /** The error is shown where the action was started (FormModal), not as a toast. */
    inline?: boolean;
  } = {},
) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  return useMutation<R, Error, V>({
    mutationFn: fn,
    onSuccess: async (r, vars) => {
      await Promise.all((o.invalidate ?? []).map((queryKey) => qc.invalidateQueries({ queryKey })));
      if (o.success) void message.success(typeof o.success === 'string' ? o.success : o.success(r, vars));
      o.onSuccess?.(r, vars);
    },
    onError: (e) => {
      if (!o.inline) void message.error(e.message);
    },
  });
}
