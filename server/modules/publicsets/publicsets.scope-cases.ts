import type { Attempt, Case, ScopeModule } from '../../test/scope-types.ts';
import { publish } from '../tasks/tasks.test-support.ts';

/**
 * A county set holding a task led by 乙镇 (published), and a follow by town-b. town-a (no
 * publishing permission) reaches none of the set's staff routes, and cannot follow, unfollow or
 * list anything of 乙镇's tasks.
 */
const publicsets: ScopeModule = {
  async setup({ client, c }) {
    const dcs = await client('dcs');
    const townB = await client('town-b');
    const p = await publish(dcs, '2026-01-05', [
      { leadOrgId: c.orgs.townB, dueDate: '2030-12-31', text: '乙镇污水管网改造' },
    ]);
    const task = p.taskIds[0];
    const set = (await dcs.post('/api/public-sets', { title: '乙镇民生实事', kind: '民生实事', taskIds: [task] })).body
      .id as number;
    await dcs.post(`/api/public-sets/${set}/publish`, {});
    const fb = (
      await townB.post(`/api/public/sets/${set}/items/${task}/feedback`, { kind: '意见', text: '乙镇群众意见' })
    ).body.id as number;
    const f = await townB.request('PUT', `/api/task-follows/${task}`);
    if (f.status !== 200 || !set || !fb) throw new Error(`publicsets scope setup failed (${f.status})`);
    return { set, task, fb };
  },

  cases: ({ set, task, fb }) => {
    const denied = (...attempts: Attempt[]): Case => ({ kind: 'denied', attempts: () => attempts });
    const S = `/api/public-sets/${set}`;
    return {
      'GET /api/public/sets': { kind: 'public', why: 'published sets are public by design (no login), counts only' },
      'POST /api/public/sets/:id/items/:taskId/feedback': {
        kind: 'public',
        why: 'anyone may comment on a published item; moderated and rate-limited',
      },
      'GET /api/public-sets': denied({ method: 'GET', url: '/api/public-sets' }),
      'POST /api/public-sets': denied({
        method: 'POST',
        url: '/api/public-sets',
        body: { title: '越权', kind: '其他', taskIds: [task] },
      }),
      'GET /api/public-sets/:id': denied({ method: 'GET', url: S }),
      'PATCH /api/public-sets/:id': denied({ method: 'PATCH', url: S, body: { title: '越权' } }),
      'POST /api/public-sets/:id/items': denied({ method: 'POST', url: `${S}/items`, body: { taskIds: [task] } }),
      'DELETE /api/public-sets/:id/items/:taskId': denied({ method: 'DELETE', url: `${S}/items/${task}` }),
      'PATCH /api/public-sets/:id/items/:taskId': denied({
        method: 'PATCH',
        url: `${S}/items/${task}`,
        body: { lagReason: '越权' },
      }),
      'POST /api/public-sets/:id/publish': denied({ method: 'POST', url: `${S}/publish`, body: {} }),
      'POST /api/public-sets/:id/unpublish': denied({ method: 'POST', url: `${S}/unpublish` }),
      'GET /api/public-sets/:id/feedback': denied({ method: 'GET', url: `${S}/feedback` }),
      'POST /api/public-sets/:id/feedback/:feedbackId/moderate': denied({
        method: 'POST',
        url: `${S}/feedback/${fb}/moderate`,
        body: { decision: '已公开' },
      }),
      'GET /api/task-follows': { kind: 'list', url: () => '/api/task-follows' },
      'PUT /api/task-follows/:taskId': denied({ method: 'PUT', url: `/api/task-follows/${task}` }),
      'DELETE /api/task-follows/:taskId': denied({ method: 'DELETE', url: `/api/task-follows/${task}` }),
    };
  },
};
export default publicsets;
