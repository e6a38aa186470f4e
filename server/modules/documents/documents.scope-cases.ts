/**
 * Scope-matrix cases for every documents route. A document is visible to its owner's subtree and to
 * units that received a task from it; a unit that can open a shared county document must still see
 * only its own tasks in it (list count included). town-a cannot write documents at all (403), so the
 * write routes are also tried as `dcs-a`, a 督查员 scoped to 甲镇 (404 for 乙镇's document, 403 for
 * publishing from a county document it can only read).
 */
import type { Client } from '../../test/harness.ts';
import { asAll, asReaders, at, both, ensureUser, readsClean } from '../../test/scope.test-support.ts';
import type { ScopeModule } from '../../test/scope-types.ts';
import { upload } from '../tasks/tasks.test-support.ts';

const B_TEXT = '一、乙镇南村要完成党员活动室改造,由赵四海负责。二、乙镇要做好党员信息采集。';
const SHARED = '一、东片要完成村级活动场所排查。二、南片要完成道路硬化。';

const documents: ScopeModule = {
  async setup({ db, c, client }) {
    const dcs = await client('dcs');
    const supB = await ensureUser(db, client, { username: 'dcs-b', role: 'supervisor', scopeOrgId: c.orgs.townB });
    const supA = await ensureUser(db, client, { username: 'dcs-a', role: 'supervisor', scopeOrgId: c.orgs.townA });
    const must = async (what: string, p: Promise<{ status: number; body: any }>) => {
      const r = await p;
      if (r.status !== 200 && r.status !== 201)
        throw new Error(`documents scope setup: ${what} → ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    };
    // 乙镇's own document (its 督查员 files it), with a task for 乙镇南村.
    const docB = await must(
      '乙镇 document',
      supB.post('/api/documents', {
        title: '乙镇党委专题会议纪要',
        date: '2026-01-05',
        text: B_TEXT,
        meeting: '乙镇党委会',
      }),
    );
    await must(
      '乙镇 publish',
      supB.post(`/api/documents/${docB.id}/publish`, {
        tasks: [
          {
            text: '乙镇南村完成党员活动室改造',
            start: 0,
            end: 20,
            leadOrgId: c.orgs.b1,
            coOrgIds: [],
            dueDate: '2026-12-31',
            targets: [],
          },
        ],
      }),
    );
    // A county document assigning one task to 甲镇 and one to 乙镇: town-a may open it, but sees only its task.
    const shared = await must(
      'county document',
      dcs.post('/api/documents', { title: '县委常委会议纪要', date: '2026-01-05', text: SHARED }),
    );
    const pub = await must(
      'county publish',
      dcs.post(`/api/documents/${shared.id}/publish`, {
        tasks: [
          {
            text: '甲镇东村完成村级活动场所排查',
            start: 0,
            end: 16,
            leadOrgId: c.orgs.a1,
            coOrgIds: [],
            dueDate: '2026-12-31',
            targets: [],
          },
          {
            text: '乙镇南村完成道路硬化',
            start: 16,
            end: 28,
            leadOrgId: c.orgs.b1,
            coOrgIds: [],
            dueDate: '2026-12-31',
            targets: [],
          },
        ],
      }),
    );
    if (pub.taskIds?.length !== 2) throw new Error('documents scope setup: county publish');
    return { docB: docB.id, shared: shared.id, supA, townB: await client('town-b'), member: await client('member-a') };
  },
  cases: (ids, c) => {
    const row = (leadOrgId: number) => ({
      text: '越权发布',
      start: 0,
      end: 4,
      leadOrgId,
      coOrgIds: [],
      dueDate: '2026-12-31',
      targets: [],
    });
    return {
      'GET /api/documents': {
        kind: 'custom',
        run: (townA) =>
          asReaders(townA, ids, async (cl, who) => {
            const out: string[] = [];
            for (const q of [
              '',
              '?q=%E4%B9%99%E9%95%87',
              `?q=${encodeURIComponent('党员活动室')}`,
              `?q=${encodeURIComponent('南片')}`,
              `?q=${encodeURIComponent('道路硬化')}`,
            ])
              out.push(...(await readsClean(cl, who, `/api/documents${q}`)).out);
            const all = (await cl.get('/api/documents?pageSize=100')).body;
            const s = all.items?.find((d: { id: number }) => d.id === ids.shared);
            if (!s) out.push(`${who} cannot list the county document it received a task from (vacuous)`);
            // The count is of the tasks the caller can see: 乙镇's task must not be counted.
            else if (s.taskCount !== 1)
              out.push(`${who} sees taskCount ${s.taskCount} on the shared document (乙镇's task counted)`);
            return out;
          }),
      },
      'GET /api/documents/:id': {
        kind: 'custom',
        run: async (townA) => {
          const out = await asAll(townA, ids, [at('GET', `/api/documents/${ids.docB}`)]);
          out.push(
            ...(await asReaders(townA, ids, async (cl, who) => {
              const { r, out } = await readsClean(cl, who, `/api/documents/${ids.shared}`);
              if (r.body.tasks?.length !== 1 || r.body.canPublish !== false)
                out.push(`${who} shared document → ${JSON.stringify(r.body).slice(0, 160)}`);
              return out;
            })),
          );
          // Not vacuous: 乙镇 reads its own document.
          const mine = await (ids.townB as Client).get(`/api/documents/${ids.docB}`);
          if (mine.status !== 200 || !JSON.stringify(mine.body).includes('乙镇'))
            out.push(`town-b cannot read its own document (${mine.status})`);
          return out;
        },
      },
      // Only town-a: a 甲镇 督查员 filing its own document is legitimate and names no 乙镇 unit.
      'POST /api/documents': {
        kind: 'denied',
        attempts: () => [at('POST', '/api/documents', { title: '越权文件', date: '2026-01-05', text: '越权正文' })],
      },
      'POST /api/documents/upload': {
        kind: 'custom',
        run: async (townA) => {
          const r = await upload(
            townA,
            '/api/documents/upload',
            { title: '越权上传', date: '2026-01-05' },
            { name: '越权.txt', data: Buffer.from('越权正文') },
          );
          return r.status === 403 ? [] : [`upload → ${r.status}`];
        },
      },
      'POST /api/documents/:id/extract': both(ids, () => [at('POST', `/api/documents/${ids.docB}/extract`)]),
      'POST /api/documents/:id/publish': both(ids, () => [
        at('POST', `/api/documents/${ids.docB}/publish`, { tasks: [row(c.orgs.a1)] }),
        // readable (甲镇 received a task from it) but not 甲镇's to publish from: 403 DOCUMENT_NOT_OWNED
        at('POST', `/api/documents/${ids.shared}/publish`, { tasks: [row(c.orgs.a1)] }, [403]),
      ]),
    };
  },
};
export default documents;
