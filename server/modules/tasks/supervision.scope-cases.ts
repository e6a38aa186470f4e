import type { ScopeModule } from '../../test/scope-types.ts';
import { upload, xlsxRows } from './test-helpers.ts';

const B_MARKERS = ['乙镇', '赵四海', '钱文静', 'TB01', 'town-b'];
const leaks = (x: unknown) => B_MARKERS.filter((m) => JSON.stringify(x).includes(m));

/** Documents and tasks of 乙镇: town-a sees none of them and can change none of them. */
const supervision: ScopeModule = {
  async setup({ client, c }) {
    const dcs = await client('dcs');
    const townB = await client('town-b');
    const doc = await dcs.post('/api/documents', { title: '乙镇专题会议', date: '2026-01-01', text: '乙镇要完成南村党员活动室改造。乙镇要引进新材料项目。' });
    const pub = await dcs.post(`/api/documents/${doc.body.id}/publish`, {
      tasks: [
        { text: '乙镇完成南村党员活动室改造', start: 0, end: 16, leadOrgId: c.orgs.townB, coOrgIds: [c.orgs.b1], dueDate: '2026-01-02', targets: [] },
        { text: '乙镇引进新材料项目', start: 15, end: 26, leadOrgId: c.orgs.townB, coOrgIds: [], dueDate: '2026-12-31', targets: [] },
      ],
    });
    const [task, project] = pub.body.taskIds as number[];
    await townB.post(`/api/tasks/${task}/accept`);
    const rep = await townB.post(`/api/tasks/${task}/reports`, { text: '乙镇已开工', percent: 30 });
    const att = await upload(townB, `/api/tasks/${task}/attachments`, { reportId: String(rep.body.id) }, { name: '乙镇照片.jpg', data: Buffer.from('jpg') });
    const ms = await dcs.post(`/api/tasks/${project}/milestones`, { name: '签约', dueDate: '2026-03-01' });
    await dcs.post(`/api/tasks/${task}/urge`, { message: '乙镇请加快' });
    const notes = await townB.get('/api/notifications');
    return { doc: doc.body.id, task, project, att: att.body.id, ms: ms.body.id, note: notes.body.items[0].id };
  },
  cases: (ids, c) => {
    const denied = (...attempts: [method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, body?: unknown][]) =>
      ({ kind: 'denied' as const, attempts: () => attempts.map(([method, url, body]) => ({ method, url, body })) });
    const T = `/api/tasks/${ids.task}`;
    return {
      'GET /api/documents': { kind: 'list', url: () => `/api/documents?q=${encodeURIComponent('乙镇')}` },
      'GET /api/documents/:id': denied(['GET', `/api/documents/${ids.doc}`]),
      'POST /api/documents': denied(['POST', '/api/documents', { title: '越权', date: '2026-01-01', text: '越权' }]),
      'POST /api/documents/upload': denied(['POST', '/api/documents/upload', {}]),
      'POST /api/documents/:id/extract': denied(['POST', `/api/documents/${ids.doc}/extract`]),
      'POST /api/documents/:id/publish': denied(['POST', `/api/documents/${ids.doc}/publish`, { tasks: [{ text: '越权', start: 0, end: 2, leadOrgId: c.orgs.a1, coOrgIds: [], dueDate: null, targets: [] }] }]),
      'GET /api/tasks': { kind: 'list', url: () => '/api/tasks?pageSize=500' },
      'GET /api/tasks/:id': denied(['GET', T], ['GET', `/api/tasks?orgId=${c.orgs.townB}`], ['GET', `/api/tasks?parentId=${ids.task}&documentId=${ids.doc}&orgId=${c.orgs.b1}`]),
      'POST /api/tasks': denied(['POST', '/api/tasks', { text: '越权子任务', leadOrgId: c.orgs.a1, parentId: ids.task }]),
      'PATCH /api/tasks/:id': denied(['PATCH', T, { dueDate: '2030-01-01' }]),
      'POST /api/tasks/:id/accept': denied(['POST', `/api/tasks/${ids.project}/accept`]),
      'POST /api/tasks/:id/request-close': denied(['POST', `${T}/request-close`, {}]),
      'POST /api/tasks/:id/close': denied(['POST', `${T}/close`, {}]),
      'POST /api/tasks/:id/return': denied(['POST', `${T}/return`, { reason: '越权' }]),
      'POST /api/tasks/:id/instructions': denied(['POST', `${T}/instructions`, { text: '越权' }]),
      'POST /api/tasks/:id/urge': denied(['POST', `${T}/urge`, {}]),
      'POST /api/tasks/:id/reports': denied(['POST', `${T}/reports`, { text: '越权', percent: 100 }]),
      'POST /api/tasks/:id/attachments': {
        kind: 'custom',
        run: async (townA) => {
          const r = await upload(townA, `${T}/attachments`, {}, { name: 'x.txt', data: Buffer.from('x') });
          return r.status === 404 ? [] : [`upload → ${r.status}`];
        },
      },
      'GET /api/tasks/:id/attachments/:attId': denied(['GET', `${T}/attachments/${ids.att}`]),
      'POST /api/tasks/:id/milestones': denied(['POST', `/api/tasks/${ids.project}/milestones`, { name: '越权', dueDate: '2026-05-01' }]),
      'POST /api/tasks/:id/milestones/:milestoneId/done': denied(['POST', `/api/tasks/${ids.project}/milestones/${ids.ms}/done`]),
      'GET /api/tasks/ledger.xlsx': {
        kind: 'custom',
        run: async (townA) => {
          const r = await townA.get('/api/tasks/ledger.xlsx');
          if (r.status !== 200) return [`ledger → ${r.status}`];
          const l = leaks(await xlsxRows(r.raw));
          const other = await townA.get(`/api/tasks/ledger.xlsx?documentId=${ids.doc}`);
          const l2 = leaks(await xlsxRows(other.raw));
          return [...l, ...l2].map((m) => `ledger leaks ${m}`);
        },
      },
      'GET /api/tasks/:id/progress.xlsx': denied(['GET', `${T}/progress.xlsx`]),
      'POST /api/tasks/:id/supervision-order': denied(['POST', `${T}/supervision-order`, {}]),
      'GET /api/dashboard': {
        kind: 'custom',
        run: async (townA) => {
          const own = await townA.get('/api/dashboard');
          const other = await townA.get(`/api/dashboard?orgId=${c.orgs.townB}`);
          return [...(own.status === 200 ? leaks(own.body).map((m) => `dashboard leaks ${m}`) : [`dashboard → ${own.status}`]), ...(other.status === 404 ? [] : [`dashboard?orgId=乙镇 → ${other.status}`])];
        },
      },
      'GET /api/dashboard/projects/:id': denied(['GET', `/api/dashboard/projects/${ids.project}`]),
      'GET /api/notifications': { kind: 'list', url: () => '/api/notifications?pageSize=500' },
      'POST /api/notifications/:id/read': denied(['POST', `/api/notifications/${ids.note}/read`]),
      'GET /api/settings/calendar/:year': { kind: 'public', why: 'the county-wide working-day calendar: dates only, no org data' },
      'PUT /api/settings/calendar/:year': denied(['PUT', '/api/settings/calendar/2026', { holidays: ['2026-05-01'], workdays: [] }]),
      'GET /api/settings/traffic-light': { kind: 'public', why: 'thresholds (numbers) shared by the whole county' },
      'PUT /api/settings/traffic-light': denied(['PUT', '/api/settings/traffic-light', { acceptWorkdays: 9 }]),
    };
  },
};
export default supervision;
