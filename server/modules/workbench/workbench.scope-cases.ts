import type { ScopeModule } from '../../test/scope-types.ts';

/** The workbench counts over the caller's subtree; its labels and links carry no org names. */
const workbench: ScopeModule = {
  async setup() {
    return {};
  },
  cases: () => ({
    'GET /api/workbench': { kind: 'list', url: () => '/api/workbench' },
    'GET /api/workbench/unread': { kind: 'list', url: () => '/api/workbench/unread' },
  }),
};
export default workbench;
