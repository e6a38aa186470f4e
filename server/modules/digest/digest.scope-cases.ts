import type { Case, ScopeModule } from '../../test/scope-types.ts';

/** Preferences are one's own; the preview reads the caller's subtree; running and settings need task.settings. */
const digest: ScopeModule = {
  async setup() {
    return {};
  },
  cases: () => {
    const denied = (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown): Case => ({
      kind: 'denied',
      attempts: () => [{ method, url, body }],
    });
    return {
      'GET /api/notification-prefs': { kind: 'self', why: 'the caller’s own preferences' },
      'PUT /api/notification-prefs': { kind: 'self', why: 'the caller’s own preferences' },
      'GET /api/digest/preview': { kind: 'list', url: () => '/api/digest/preview' },
      'POST /api/digest/run': denied('POST', '/api/digest/run'),
      'GET /api/digest/settings': denied('GET', '/api/digest/settings'),
      'PUT /api/digest/settings': denied('PUT', '/api/digest/settings', { webhookMode: 'immediate', hour: 0 }),
    };
  },
};
export default digest;
