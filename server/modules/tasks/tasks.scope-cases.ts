/**
 * Scope-matrix cases for every tasks route (tasks, workflow, progress, attachments, milestones,
 * ledgers, dashboard, notifications, settings). town-a (单位管理员 of 甲镇) lacks the supervisor
 * permissions, so most supervisor routes refuse it with 403 before scope is even consulted; those
 * routes are therefore also tried as `dcs-a`, a 督查员 scoped to 甲镇, whose refusal has to come
 * from the task scope itself (404), never from the role.
 */
import type { Db } from '../../db/connect.ts';
import type { County } from '../../test/fixtures.ts';
import type { Client } from '../../test/harness.ts';
import { asAll, asReaders, at, both, ensureUser, leaks, readsClean, tryAll } from '../../test/scope.test-support.ts';
import type { Attempt, Case, ScopeModule } from '../../test/scope-types.ts';
import { docxText, upload, xlsxRows } from './tasks.test-support.ts';

const DOC =
  '一、乙镇要完成南村党员活动室改造。二、乙镇要引进新材料项目。三、乙镇要完成道路硬化。四、乙镇要整治人居环境。';

const tasks: ScopeModule = {
  async setup({ db, c, client }) {
    const dcs = await client('dcs');
    const townA = await client('town-a');
    const townB = await client('town-b');
    const admin = await client('admin');
    const supA = await ensureUser(db, client, { username: 'dcs-a', role: 'supervisor', scopeOrgId: c.orgs.townA });
    const must = async (what: string, p: Promise<{ status: number; body: any }>, status = [200, 201]) => {
      const r = await p;
      if (!status.includes(r.status))
        throw new Error(`tasks scope setup: ${what} → ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    };
    // 2020 dates: the running tasks are overdue (red) whatever the clock says, so a 督办单 is allowed.
    const doc = await must(
      'document',
      dcs.post('/api/documents', { title: '乙镇重点工作推进会', date: '2020-01-06', text: DOC }),
    );
    const passages = DOC.split('。').filter(Boolean);
    const row = (i: number, text: string, extra: Record<string, unknown> = {}) => ({
      text,
      start: DOC.indexOf(passages[i]),
      end: DOC.indexOf(passages[i]) + passages[i].length,
      leadOrgId: c.orgs.townB,
      coOrgIds: [c.orgs.b1],
      dueDate: '2020-03-01',
      targets: [],
      ...extra,
    });
    const pub = await must(
      'publish',
      dcs.post(`/api/documents/${doc.id}/publish`, {
        tasks: [
          row(0, '乙镇完成南村党员活动室改造'),
          row(1, '乙镇引进新材料项目', { keyProject: true, coOrgIds: [] }),
          row(2, '乙镇完成道路硬化'),
          row(3, '乙镇整治人居环境'),
        ],
      }),
    );
    const [doing, project, requested, pending] = pub.taskIds as number[];
    for (const id of [doing, project, requested]) await must('accept', townB.post(`/api/tasks/${id}/accept`));
    const rep = await must(
      'report',
      townB.post(`/api/tasks/${doing}/reports`, { text: '乙镇已开工,赵四海负责', percent: 30 }),
    );
    const att = await must(
      'attachment',
      upload(
        townB,
        `/api/tasks/${doing}/attachments`,
        { reportId: String(rep.id) },
        { name: '乙镇照片.jpg', data: Buffer.from('jpg') },
      ),
    );
    await must('report', townB.post(`/api/tasks/${requested}/reports`, { text: '乙镇道路已硬化', percent: 100 }));
    await must('request-close', townB.post(`/api/tasks/${requested}/request-close`, { summary: '乙镇已完成' }));
    const ms = await must(
      'milestone',
      dcs.post(`/api/tasks/${project}/milestones`, { name: '乙镇签约', dueDate: '2020-06-01' }),
    );
    await must('urge', dcs.post(`/api/tasks/${doing}/urge`, { message: '乙镇请加快' }));
    const light = (await db.selectFrom('task').select('light').where('id', '=', doing).executeTakeFirstOrThrow()).light;
    if (light !== 'red') throw new Error(`tasks scope setup: 乙镇 task should be red, is ${light}`);
    const note = (await must('notifications', townB.get('/api/notifications?pageSize=100'))).items[0].id;

    // 甲镇's own task (accepted, urged), so town-a's lists, ledger and dashboard are not empty.
    const own = await must(
      'own task',
      dcs.post('/api/tasks', { text: '甲镇东村完成活动场所排查', leadOrgId: c.orgs.a1, dueDate: '2020-03-01' }),
    );
    await must('accept own', townA.post(`/api/tasks/${own.id}/accept`));
    await must('urge own', dcs.post(`/api/tasks/${own.id}/urge`, { message: '请加快排查' }));

    // The settings bodies town-a will try are valid: the administrator stores the very same ones.
    await must('calendar', admin.request('PUT', '/api/settings/calendar/2099', CALENDAR));
    await must('thresholds', admin.request('PUT', '/api/settings/traffic-light', THRESHOLDS));
    return {
      doc: doc.id,
      doing,
      project,
      requested,
      pending,
      att: att.id,
      report: rep.id,
      ms: ms.id,
      note,
      own: own.id,
      supA,
      townB,
      db,
      member: await client('member-a'),
    };
  },
  cases: (ids, c: County) => {
    const T = (id: number, rest = '') => `/api/tasks/${id}${rest}`;
    const denied = (...a: Attempt[]): Case => ({ kind: 'denied', attempts: () => a });
    return {
      'GET /api/tasks': {
        kind: 'custom',
        run: async (townA) => {
          const out = await asReaders(townA, ids, async (cl, who) => {
            const { r: all, out } = await readsClean(cl, who, '/api/tasks?pageSize=500');
            if (!all.body.items?.some((t: { id: number }) => t.id === ids.own))
              out.push(`${who} list misses its own task (vacuous)`);
            for (const q of [
              `documentId=${ids.doc}`,
              `parentId=${ids.doing}`,
              'q=%E4%B9%99%E9%95%87',
              'keyProject=true',
              'light=red',
            ])
              out.push(...(await readsClean(cl, who, `/api/tasks?${q}`)).out);
            return out;
          });
          out.push(
            ...(await tryAll(townA, 'town-a', [
              at('GET', `/api/tasks?orgId=${c.orgs.townB}`),
              at('GET', `/api/tasks?orgId=${c.orgs.b1}&documentId=${ids.doc}`),
            ])),
          );
          return out;
        },
      },
      'GET /api/tasks/:id': {
        kind: 'custom',
        run: async (townA) => {
          const a = [ids.doing, ids.project, ids.requested, ids.pending].map((id) => at('GET', T(id)));
          const out = await asAll(townA, ids, a);
          // Not vacuous: 乙镇 itself reads the very same task.
          const mine = await (ids.townB as Client).get(T(ids.doing));
          if (mine.status !== 200 || !JSON.stringify(mine.body).includes('乙镇照片.jpg'))
            out.push(`town-b cannot read its own task (${mine.status})`);
          return out;
        },
      },
      // town-a may not create tasks at all (403); the 甲镇 督查员 may, but not for 乙镇's units or
      // under 乙镇's task: a validation answer (400) that names neither.
      'POST /api/tasks': both(
        ids,
        () => [
          at('POST', '/api/tasks', { text: '越权任务', leadOrgId: c.orgs.townB, dueDate: '2030-01-01' }),
          at('POST', '/api/tasks', { text: '越权子任务', leadOrgId: c.orgs.a1, parentId: ids.doing }),
          at('POST', '/api/tasks', { text: '越权配合', leadOrgId: c.orgs.a1, coOrgIds: [c.orgs.b1] }),
        ],
        [400],
      ),
      'PATCH /api/tasks/:id': both(ids, () => [
        at('PATCH', T(ids.doing), { dueDate: '2030-01-01', leader: '越权' }),
        at('PATCH', T(ids.pending), { priority: '紧急' }),
      ]),
      // town-a holds task.report, so these refusals come from the task scope: 404, not 403.
      'POST /api/tasks/:id/accept': denied(at('POST', T(ids.pending, '/accept'), undefined, [404])),
      'POST /api/tasks/:id/request-close': denied(
        at('POST', T(ids.doing, '/request-close'), { summary: '越权申请办结' }, [404]),
      ),
      'POST /api/tasks/:id/close': both(ids, () => [at('POST', T(ids.requested, '/close'), { opinion: '越权办结' })]),
      'POST /api/tasks/:id/return': both(ids, () => [at('POST', T(ids.requested, '/return'), { reason: '越权退回' })]),
      'POST /api/tasks/:id/instructions': both(ids, () => [
        at('POST', T(ids.doing, '/instructions'), { text: '越权批示' }),
      ]),
      'POST /api/tasks/:id/urge': both(ids, () => [
        at('POST', T(ids.doing, '/urge'), { message: '越权催办' }),
        at('POST', T(ids.pending, '/urge'), {}),
      ]),
      'POST /api/tasks/:id/reports': denied(
        at('POST', T(ids.doing, '/reports'), { text: '越权报送', percent: 100 }, [404]),
      ),
      'POST /api/tasks/:id/attachments': {
        kind: 'custom',
        run: async (townA) => {
          const out: string[] = [];
          for (const fields of [{ reportId: String(ids.report) }, {}] as Record<string, string>[]) {
            const r = await upload(townA, T(ids.doing, '/attachments'), fields, {
              name: '越权.txt',
              data: Buffer.from('x'),
            });
            if (r.status !== 404 || leaks(r.body).length) out.push(`upload to 乙镇's task → ${r.status}`);
          }
          // Its own task, but 乙镇's report id: refused without naming the report's content.
          const r = await upload(
            townA,
            T(ids.own, '/attachments'),
            { reportId: String(ids.report) },
            { name: '越权.txt', data: Buffer.from('x') },
          );
          if (r.status !== 400 || leaks(r.body).length) out.push(`upload tied to 乙镇's report → ${r.status}`);
          return out;
        },
      },
      'GET /api/tasks/:id/attachments/:attId': both(ids, () => [
        at('GET', T(ids.doing, `/attachments/${ids.att}`)),
        at('GET', T(ids.own, `/attachments/${ids.att}`), undefined, [404]),
      ]),
      'POST /api/tasks/:id/milestones': both(ids, () => [
        at('POST', T(ids.project, '/milestones'), { name: '越权节点', dueDate: '2030-05-01' }),
      ]),
      'POST /api/tasks/:id/milestones/:milestoneId/done': denied(
        at('POST', T(ids.project, `/milestones/${ids.ms}/done`), undefined, [404]),
        at('POST', T(ids.own, `/milestones/${ids.ms}/done`), undefined, [404]),
      ),
      'GET /api/tasks/ledger.xlsx': {
        kind: 'custom',
        run: (townA) =>
          asReaders(townA, ids, async (cl, who) => {
            const out: string[] = [];
            for (const q of ['', `?documentId=${ids.doc}`]) {
              const r = await cl.get(`/api/tasks/ledger.xlsx${q}`);
              const rows = r.status === 200 ? await xlsxRows(r.raw) : [];
              if (r.status !== 200 || leaks(rows).length) out.push(`${who} ledger${q} → ${r.status} ${leaks(rows)}`);
              if (!q && !JSON.stringify(rows).includes('甲镇东村完成活动场所排查'))
                out.push(`${who} ledger misses its own task (vacuous)`);
            }
            return out;
          }),
      },
      'GET /api/tasks/ledger': {
        kind: 'custom',
        run: (townA) =>
          asReaders(townA, ids, async (cl, who) => {
            const out: string[] = [];
            for (const q of ['', `?documentId=${ids.doc}`, '?q=%E4%B9%99%E9%95%87', '?lead=true', '?light=red']) {
              const { r, out: o } = await readsClean(cl, who, `/api/tasks/ledger${q}`);
              out.push(...o);
              if (!q && !JSON.stringify(r.body).includes('甲镇东村完成活动场所排查'))
                out.push(`${who} ledger misses its own task (vacuous)`);
            }
            return out;
          }),
      },
      'GET /api/tasks/ledger.docx': {
        kind: 'custom',
        run: (townA) =>
          asReaders(townA, ids, async (cl, who) => {
            const out: string[] = [];
            for (const q of ['', `?documentId=${ids.doc}`]) {
              const r = await cl.get(`/api/tasks/ledger.docx${q}`);
              const text = r.status === 200 ? await docxText(r.raw) : '';
              if (r.status !== 200 || leaks(text).length)
                out.push(`${who} ledger.docx${q} → ${r.status} ${leaks(text)}`);
              if (!q && !text.includes('甲镇东村完成活动场所排查')) out.push(`${who} ledger.docx misses its own task`);
            }
            return out;
          }),
      },
      'GET /api/tasks/:id/record.docx': both(ids, () => [
        at('GET', T(ids.doing, '/record.docx')),
        at('GET', T(ids.requested, '/record.docx')),
      ]),
      'GET /api/tasks/:id/progress.xlsx': both(ids, () => [
        at('GET', T(ids.doing, '/progress.xlsx')),
        at('GET', T(ids.requested, '/progress.xlsx')),
      ]),
      'POST /api/tasks/:id/supervision-order': both(ids, () => [
        at('POST', T(ids.doing, '/supervision-order'), { note: '越权督办' }),
      ]),
      'GET /api/dashboard': {
        kind: 'custom',
        run: (townA) =>
          asReaders(townA, ids, async (cl, who) => {
            const { r: own, out } = await readsClean(cl, who, '/api/dashboard');
            if (own.body?.total < 1) out.push(`${who} dashboard is empty (vacuous)`);
            out.push(
              ...(await tryAll(cl, who, [
                at('GET', `/api/dashboard?orgId=${c.orgs.townB}`, undefined, [404]),
                at('GET', `/api/dashboard?orgId=${c.orgs.b1}`, undefined, [404]),
              ])),
            );
            return out;
          }),
      },
      'GET /api/dashboard/projects/:id': both(ids, () => [at('GET', `/api/dashboard/projects/${ids.project}`)]),
      'GET /api/notifications': {
        kind: 'custom',
        run: async (townA) => {
          const out: string[] = [];
          for (const q of ['pageSize=500', 'unread=true&pageSize=500']) {
            const r = await townA.get(`/api/notifications?${q}`);
            if (r.status !== 200 || leaks(r.body).length) out.push(`notifications?${q} → ${r.status} ${leaks(r.body)}`);
            if (!r.body.items?.some((n: any) => n.taskId === ids.own))
              out.push(`notifications?${q} misses 甲镇's own 催办 (vacuous)`);
          }
          return out;
        },
      },
      'POST /api/notifications/:id/read': {
        kind: 'custom',
        run: async (townA) => {
          const read = at('POST', `/api/notifications/${ids.note}/read`);
          const out = [
            ...(await tryAll(townA, 'town-a', [read])),
            ...(await tryAll(ids.supA, 'dcs-a', [{ ...read, status: [404] }])),
            ...(await tryAll(ids.member, 'member-a', [read])),
          ];
          // Marking read writes no audit row, so the matrix's snapshot would not see it: check the row.
          const n = await (ids.db as Db)
            .selectFrom('notification')
            .select('read_at')
            .where('id', '=', ids.note)
            .executeTakeFirstOrThrow();
          if (n.read_at !== null) out.push('乙镇 notification was marked read');
          return out;
        },
      },
      // Deadlines are counted in working days everywhere, so every unit reads the county calendar and
      // thresholds; they name no organization. They are county-wide: only the system administrator
      // (task.settings) changes them, so town-a is refused (403) with bodies the administrator stored.
      'GET /api/settings/calendar/:year': readable('/api/settings/calendar/2099', '2099-10-01'),
      'PUT /api/settings/calendar/:year': denied(
        at('PUT', '/api/settings/calendar/2099', CALENDAR),
        at('PUT', '/api/settings/calendar/2027', CALENDAR_2027),
      ),
      'GET /api/settings/traffic-light': readable('/api/settings/traffic-light', '"acceptWorkdays":3'),
      'PUT /api/settings/traffic-light': denied(
        at('PUT', '/api/settings/traffic-light', THRESHOLDS),
        at('PUT', '/api/settings/traffic-light', { acceptWorkdays: 9 }),
      ),
    };
  },
};

const CALENDAR = { holidays: ['2099-10-01', '2099-10-02'], workdays: ['2099-10-10'] };
const CALENDAR_2027 = { holidays: ['2027-05-03'], workdays: [] };
const THRESHOLDS = {
  acceptWorkdays: 3,
  dueSoonWorkdays: 3,
  lagYellowPercent: 20,
  lagRedPercent: 50,
  weeklyCycleWorkdays: 5,
  monthlyCycleWorkdays: 22,
  reportRedWorkdays: 5,
};

/** County-wide configuration every unit may read: 200, the stored value, no 乙镇 marker. */
const readable = (url: string, expect: string): Case => ({
  kind: 'custom',
  run: async (townA) => {
    const r = await townA.get(url);
    return r.status === 200 && JSON.stringify(r.body).includes(expect) && !leaks(r.body).length
      ? []
      : [`${url} → ${r.status} ${JSON.stringify(r.body).slice(0, 120)}`];
  },
});

export default tasks;
