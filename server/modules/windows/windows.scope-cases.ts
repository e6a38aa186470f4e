import mammoth from 'mammoth';
import type { Client } from '../../test/harness.ts';
import { as, insertUser } from '../../test/fixtures.ts';
import type { Attempt, Case, ScopeModule } from '../../test/scope-types.ts';

const B_MARKERS = ['乙镇', '赵四海', '钱文静', 'TB01', 'town-b'];
const leaks = (x: unknown) => B_MARKERS.filter((m) => (typeof x === 'string' ? x : JSON.stringify(x)).includes(m));

/**
 * 乙镇's windows, ratings, cases (one with a phone awaiting 回访, one under appeal), a 待核 rating,
 * a 约谈 record and a 暗访 report with a photo and a 整改通知书. town-a sees and changes none of
 * them; a 作风监督员 appointed over 甲镇 (insp-a) sees none of 乙镇's reports either.
 */
const windows: ScopeModule = {
  async setup({ app, c, client, db }) {
    const townB = await client('town-b');
    const dcs = await client('dcs');
    const ok = (r: { status: number; body: any }, what: string) => {
      if (r.status >= 300) throw new Error(`windows scope setup: ${what} → ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    };
    const win = ok(
      await townB.post('/api/windows', {
        orgId: c.orgs.townB,
        name: '乙镇社保窗口',
        kind: '窗口',
        items: ['乙镇社保'],
      }),
      'window',
    ).id as number;
    const code = ok(await townB.get(`/api/windows/${win}`), 'window get').code as string;
    const rate = async (body: Record<string, unknown>, ip: string) => {
      const r = await app.inject({
        method: 'POST',
        url: '/api/public/ratings',
        payload: { windowCode: code, ...body },
        remoteAddress: ip,
      });
      return ok({ status: r.statusCode, body: r.json() }, 'rating');
    };
    const r1 = await rate({ level: '非常不满意', comment: '乙镇窗口态度差', phone: '13600001234' }, '10.9.0.1');
    const r2 = await rate({ level: '不满意', comment: '乙镇窗口排队久' }, '10.9.0.2');
    const r3 = await rate({ level: '不满意', comment: '乙镇待核评价' }, '10.9.0.3');
    const caseOf = async (ratingId: number) =>
      (await db.selectFrom('rating_case').select('id').where('rating_id', '=', ratingId).executeTakeFirstOrThrow()).id;
    const open = await caseOf(r1.id);
    ok(await townB.post(`/api/rating-cases/${open}/verify`, { note: '乙镇核实属实' }), 'verify');
    const appealed = await caseOf(r2.id);
    ok(await townB.post(`/api/rating-cases/${appealed}/appeal`, { reason: '乙镇申诉' }), 'appeal');
    await db
      .deleteFrom('rating_case_step')
      .where('case_id', 'in', db.selectFrom('rating_case').select('id').where('rating_id', '=', r3.id))
      .execute();
    await db.deleteFrom('rating_case').where('rating_id', '=', r3.id).execute();
    await db.updateTable('rating').set({ suspect: 1, suspect_reason: '乙镇测试' }).where('id', '=', r3.id).execute();
    const now = new Date().toISOString();
    const interview = (
      await db
        .insertInto('window_interview')
        .values({
          window_id: win,
          org_id: c.orgs.townB,
          month: '2026-01',
          reason: '乙镇连续两月垫底',
          status: '待约谈',
          held_date: null,
          interviewer: null,
          record: null,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const photo = { fileName: '乙镇.jpg', contentBase64: Buffer.from('乙镇照片').toString('base64') };
    const visitedAt = new Date(Date.now() - 3600_000).toISOString();
    const insp = ok(
      await dcs.post('/api/inspections', {
        orgId: c.orgs.townB,
        windowId: win,
        visitedAt,
        findings: '乙镇窗口无人值守',
        photos: [photo],
      }),
      'inspection',
    ).id as number;
    const photoId = ok(await dcs.get(`/api/inspections/${insp}`), 'inspection get').photos[0].id as number;
    ok(
      await dcs.post(`/api/inspections/${insp}/notice`, { requirements: '乙镇限期整改', deadlineDate: '2099-12-31' }),
      'notice',
    );
    const fresh = ok(
      await dcs.post('/api/inspections', { orgId: c.orgs.townB, visitedAt, findings: '乙镇办事指南未公示' }),
      'inspection 2',
    ).id as number;
    await insertUser(db, { username: 'insp-a', role: 'inspector', scopeOrgId: c.orgs.townA });
    const inspA = await as(app, 'insp-a');
    return {
      win,
      code,
      open,
      appealed,
      suspect: r3.id,
      followUp: r1.followUpCode,
      interview,
      insp,
      photoId,
      fresh,
      inspA,
      townB,
    };
  },

  cases: (ids, c) => {
    const inspA = ids.inspA as Client;
    const townB = ids.townB as Client;
    const denied = (...attempts: Attempt[]): Case => ({ kind: 'denied', attempts: () => attempts });
    const post = (url: string, body: unknown = {}): Attempt => ({ method: 'POST', url, body });
    const get = (url: string): Attempt => ({ method: 'GET', url });
    const K = (s: string) => `/api/rating-cases/${ids.open}/${s}`;
    /** town-a is refused (no permission) and so is insp-a (out of scope), with nothing of 乙镇 shown. */
    const inspector = (...attempts: Attempt[]): Case => ({
      kind: 'custom',
      run: async (townA) => {
        const out: string[] = [];
        for (const a of attempts)
          for (const [who, cl] of [
            ['town-a', townA],
            ['insp-a', inspA],
          ] as const) {
            const r = await cl.request(a.method, a.url, a.body);
            if (![403, 404].includes(r.status) || leaks(r.body).length)
              out.push(`${who} ${a.method} ${a.url} → ${r.status} ${JSON.stringify(r.body).slice(0, 120)}`);
          }
        return out;
      },
    });
    const json = (paths: string[], refused: string[] = []): Extract<Case, { kind: 'custom' }> => ({
      kind: 'custom',
      run: async (townA) => {
        const out: string[] = [];
        for (const p of paths) {
          const r = await townA.get(p);
          if (r.status !== 200 || leaks(r.body).length)
            out.push(`${p} → ${r.status} ${JSON.stringify(r.body).slice(0, 160)}`);
        }
        for (const p of refused) {
          const r = await townA.get(p);
          if (r.status !== 404) out.push(`${p} → ${r.status} (expected 404)`);
        }
        return out;
      },
    });

    return {
      'GET /api/windows': {
        kind: 'custom',
        run: async (townA) => {
          const out = await json(
            ['/api/windows?pageSize=500&includeInactive=true', `/api/windows?q=${ids.code}`],
            [`/api/windows?orgId=${c.orgs.townB}`],
          ).run(townA);
          const own = await townB.get('/api/windows');
          if (own.body.total !== 1) out.push(`town-b cannot list its own window (${own.status})`);
          return out;
        },
      },
      'POST /api/windows': denied(post('/api/windows', { orgId: c.orgs.townB, name: '越权窗口', kind: '窗口' })),
      'GET /api/windows/:id': denied(get(`/api/windows/${ids.win}`)),
      'PATCH /api/windows/:id': denied({
        method: 'PATCH',
        url: `/api/windows/${ids.win}`,
        body: { name: '越权改名', items: [] },
      }),
      'GET /api/windows/:id/poster': denied(get(`/api/windows/${ids.win}/poster`)),
      'POST /api/windows/:id/tickets': denied(post(`/api/windows/${ids.win}/tickets`, { count: 5 })),
      'GET /api/windows/:id/ratings': denied(get(`/api/windows/${ids.win}/ratings`)),
      'GET /api/windows-settings': { kind: 'list', url: () => '/api/windows-settings' },
      'PATCH /api/windows-settings': denied({
        method: 'PATCH',
        url: '/api/windows-settings',
        body: { caseWorkdays: 30 },
      }),
      'GET /api/rating-content': { kind: 'list', url: () => '/api/rating-content' },
      'POST /api/rating-content': denied(post('/api/rating-content', { questions: ['越权指标'] })),
      'GET /api/public/windows/:code': {
        kind: 'public',
        why: 'the rating page: a window name, its unit and items, nothing personal',
      },
      'POST /api/public/ratings': {
        kind: 'public',
        why: 'citizens rate without an account; throttled per source, window and day',
      },
      'GET /api/public/followups/:code': {
        kind: 'public',
        why: 'only the holder of the 8-character 复评码 sees the status of their own 差评',
      },
      'POST /api/public/rerate': { kind: 'public', why: 'the 复评码 is the authorization, usable once' },
      'GET /api/rating-cases': json(
        [
          '/api/rating-cases?pageSize=500',
          `/api/rating-cases?windowId=${ids.win}`,
          '/api/rating-cases?light=green',
          '/api/rating-cases?status=申诉中',
        ],
        [`/api/rating-cases?orgId=${c.orgs.townB}`],
      ),
      'GET /api/rating-cases/:id': denied(
        get(`/api/rating-cases/${ids.open}`),
        get(`/api/rating-cases/${ids.appealed}`),
      ),
      'GET /api/rating-cases/:id/phone': denied(get(K('phone'))),
      'POST /api/rating-cases/:id/verify': denied(post(`/api/rating-cases/${ids.open}/verify`, { note: '越权核实' })),
      'POST /api/rating-cases/:id/callback': denied(post(K('callback'), { reached: true, words: '越权回访' })),
      'POST /api/rating-cases/:id/resolve': denied(post(K('resolve'), { resolution: '解释说明', note: '越权' })),
      'POST /api/rating-cases/:id/close': denied(post(K('close'), { note: '越权办结' })),
      'POST /api/rating-cases/:id/appeal': denied(post(K('appeal'), { reason: '越权申诉' })),
      'POST /api/rating-cases/:id/appeal-decision': denied(
        post(`/api/rating-cases/${ids.appealed}/appeal-decision`, { upheld: true, opinion: '越权' }),
      ),
      'POST /api/ratings/:id/release': denied(post(`/api/ratings/${ids.suspect}/release`)),
      'GET /api/windows/stats': json(
        ['/api/windows/stats?month=2026-01', '/api/windows/stats?month=2026-01&groupBy=township'],
        [`/api/windows/stats?month=2026-01&orgId=${c.orgs.townB}`],
      ),
      'GET /api/windows/trend': {
        kind: 'custom',
        run: async (townA) => {
          const r = await townA.get(`/api/windows/trend?months=2&windowId=${ids.win}`);
          const counted = (r.body.points ?? []).reduce((s: number, p: any) => s + p.ratings + p.badCount, 0);
          return r.status === 200 && counted === 0
            ? []
            : [`trend of 乙镇's window → ${r.status} ${JSON.stringify(r.body).slice(0, 160)}`];
        },
      },
      'GET /api/windows/report.docx': {
        kind: 'custom',
        run: async (townA) => {
          const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
          const r = await townA.get(`/api/windows/report.docx?month=${month}`);
          if (r.status !== 200) return [`report → ${r.status}`];
          const l = leaks((await mammoth.extractRawText({ buffer: r.raw })).value);
          return l.length ? [`report leaks ${l}`] : [];
        },
      },
      'GET /api/window-interviews': { kind: 'list', url: () => '/api/window-interviews?pageSize=500' },
      'POST /api/window-interviews/run': denied(post('/api/window-interviews/run', { month: '2026-01' })),
      'POST /api/window-interviews/:id/record': denied(
        post(`/api/window-interviews/${ids.interview}/record`, {
          heldDate: '2026-01-05',
          interviewer: '越权',
          record: '越权',
        }),
      ),
      'POST /api/windows/jobs/run': denied(post('/api/windows/jobs/run')),
      'GET /api/inspections': {
        kind: 'custom',
        run: async (townA) => {
          const out: string[] = [];
          if ((await townA.get('/api/inspections')).status !== 403) out.push('town-a may list 暗访 reports');
          const r = await inspA.get('/api/inspections?pageSize=500');
          if (r.status !== 200 || r.body.total !== 0)
            out.push(`insp-a sees others' reports: ${JSON.stringify(r.body).slice(0, 160)}`);
          return out;
        },
      },
      'POST /api/inspections': inspector(
        post('/api/inspections', {
          orgId: c.orgs.townB,
          visitedAt: new Date(Date.now() - 60_000).toISOString(),
          findings: '越权暗访',
        }),
      ),
      'GET /api/inspections/activity': {
        kind: 'custom',
        run: async (townA) => {
          const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
          const out: string[] = [];
          if ((await townA.get(`/api/inspections/activity?month=${month}`)).status !== 403)
            out.push('town-a reads activity');
          const r = await inspA.get(`/api/inspections/activity?month=${month}`);
          if (r.status !== 200 || r.body.items.length)
            out.push(`insp-a sees others' activity: ${JSON.stringify(r.body).slice(0, 160)}`);
          return out;
        },
      },
      'GET /api/inspections/:id': inspector(get(`/api/inspections/${ids.insp}`)),
      'GET /api/inspections/:id/photos/:photoId': inspector(get(`/api/inspections/${ids.insp}/photos/${ids.photoId}`)),
      'POST /api/inspections/:id/case': inspector(post(`/api/inspections/${ids.fresh}/case`)),
      'POST /api/inspections/:id/rectification': inspector(
        post(`/api/inspections/${ids.fresh}/rectification`, { measures: '越权' }),
      ),
      'POST /api/inspections/:id/notice': inspector(
        post(`/api/inspections/${ids.fresh}/notice`, { requirements: '越权', deadlineDate: '2099-01-01' }),
      ),
      'GET /api/inspections/:id/notice.docx': inspector(get(`/api/inspections/${ids.insp}/notice.docx`)),
    };
  },
};
export default windows;
