import { QueryClient } from '@tanstack/react-query';
import { ApiError, onSessionEnd } from './client.ts';

/**
 * The one query cache of the web app (TanStack Query). Pages read with `useQuery` and change with
 * `useMutation`, calling the typed functions of `features/<domain>/api.ts`; no page keeps its own
 * loading/error state. Query keys start with the domain: `['tasks', 'list', filters]`, so a
 * mutation invalidates `['tasks']`. Auth errors are handled once by the AuthProvider, never retried.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      refetchOnWindowFocus: false,
      retry: (failures, e) => !(e instanceof ApiError && e.status > 0 && e.status < 500) && failures < 1,
    },
    mutations: { retry: false },
  },
});

// Another session, another subtree: drop every cached answer the moment a session ends, before
// the next user's pages ask for anything. (Queries only: a sign-in in progress is a mutation.)
onSessionEnd(() => queryClient.removeQueries());
