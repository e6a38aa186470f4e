/**
 * Scope-matrix cases of 组织生活: 乙镇南村 has a meeting with check-in open, a resolution, an
 * attachment, a planned meeting, a 党小组 with members, a 书记 on record, an appraisal and an absence
 * case. town-a can read and change none of it; a 党员 of 甲镇 cannot check in to it; lists and
 * exports of town-a never carry 乙镇's names.
 */
import ExcelJS from 'exceljs';
import { insertOrg } from '../../test/fixtures.ts';
import type { Client } from '../../test/harness.ts';
import type { Attempt, Case, ScopeModule } from '../../test/scope-types.ts';
import { leaks, tryAll } from '../../test/scope.test-support.ts';
import { upload } from '../tasks/tasks.test-support.ts';

const xlsxText = async (raw: Buffer) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(raw as any);
  const cells: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value ?? '')))));
  return cells.join('|');
};

const orglife: ScopeModule = {
  async setup({ c, client, db }) {
    const townB = await client('town-b');
    const branchA = await client('branch-a1');
    const ok = (r: { status: number; body: any }, what: string) => {
      if (r.status >= 300) throw new Error(`orglife scope setup: ${what} → ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    };
    const now = Date.now();
    const heldAt = new Date(now - 10 * 60_000).toISOString();
    const year = new Date(now + 8 * 3600_000).getUTCFullYear();
    const meeting = ok(
      await townB.post('/api/meetings', {
        orgId: c.orgs.b1,
        types: ['主题党日', '党课'],
        heldAt,
        topic: '乙镇南村主题党日',
      }),
      'meeting',
    ).id as number;
    const { code } = ok(await townB.post(`/api/meetings/${meeting}/checkin/open`), 'open');
    const resolution = ok(
      await townB.post(`/api/meetings/${meeting}/resolutions`, { text: '乙镇南村修路' }),
      'resolution',
    ).id;
    const attachment = ok(
      await upload(
        townB,
        `/api/meetings/${meeting}/attachments`,
        { kind: '照片' },
        { name: '乙镇.jpg', data: Buffer.from('乙镇照片') },
      ),
      'attachment',
    ).id;
    const planned = ok(
      await townB.post('/api/meetings', {
        orgId: c.orgs.b1,
        types: ['支部党员大会'],
        heldAt: new Date(now + 3 * 86_400_000).toISOString(),
        topic: '乙镇南村党员大会',
        planned: true,
      }),
      'planned',
    ).id;
    const committee = ok(
      await townB.post(`/api/org-life/branches/${c.orgs.b1}/committee`, {
        memberId: c.members.mB1,
        role: '书记',
        startDate: '2025-01-01',
      }),
      'committee',
    ).id;
    const group = await insertOrg(db, {
      code: 'TB01-G1',
      name: '乙镇南村第一党小组',
      type: '党小组',
      parentId: c.orgs.b1,
    });
    ok(await townB.request('PUT', `/api/org-life/groups/${group}/members`, { memberIds: [c.members.mB1] }), 'group');
    const appraisal = ok(await townB.post('/api/org-life/appraisals', { orgId: c.orgs.b1, year }), 'appraisal').id;
    const t = new Date().toISOString();
    const kase = (
      await db
        .insertInto('orglife_case')
        .values({
          member_id: c.members.mB2,
          org_id: c.orgs.b1,
          since_month: `${year - 1}-01`,
          months_at_open: 6,
          status: '处理中',
          opened_date: `${year}-01-01`,
          talk_date: `${year}-01-02`,
          talk_by: '乙镇书记',
          talk_content: '乙镇谈话',
          notified_date: `${year}-01-03`,
          notify_method: '书面',
          notify_note: null,
          decision_meeting_id: null,
          decision: null,
          decision_note: null,
          decided_date: null,
          created_at: t,
          updated_at: t,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    // 甲镇's own meeting and 党小组: targets of attempts that reach into 乙镇 from 甲镇's side.
    const own = ok(
      await branchA.post('/api/meetings', { orgId: c.orgs.a1, types: ['主题党日'], heldAt, topic: '东村主题党日' }),
      'own meeting',
    ).id;
    const ownRes = ok(
      await branchA.post(`/api/meetings/${own}/resolutions`, { text: '东村决议' }),
      'own resolution',
    ).id;
    const ownGroup = await insertOrg(db, {
      code: 'TA02-G1',
      name: '西村第一党小组',
      type: '党小组',
      parentId: c.orgs.a2,
    });
    return {
      meeting,
      code,
      resolution,
      attachment,
      planned,
      committee,
      group,
      appraisal,
      kase,
      own,
      ownRes,
      ownGroup,
      year,
      member: await client('member-a'),
      townB,
    };
  },

  cases: (ids, c) => {
    const M = `/api/meetings/${ids.meeting}`;
    const denied = (...attempts: Attempt[]): Case => ({ kind: 'denied', attempts: () => attempts });
    const post = (url: string, body: unknown = {}, status?: number[]): Attempt => ({
      method: 'POST',
      url,
      body,
      status,
    });
    const get = (url: string): Attempt => ({ method: 'GET', url });
    /** 200 without 乙镇 for town-a; 404 when 乙镇 is named; town-b itself sees its data (not vacuous). */
    const scoped = (path: string, q = '', own = true): Case => ({
      kind: 'custom',
      run: async (townA: Client) => {
        const out: string[] = [];
        const sep = q ? '&' : '?';
        const r = await townA.get(`${path}${q}`);
        if (r.status !== 200 || leaks(r.body).length) out.push(`${path}${q} → ${r.status} ${leaks(r.body)}`);
        const b = await townA.get(`${path}${q}${sep}orgId=${c.orgs.b1}`);
        if (b.status !== 404) out.push(`${path} orgId=乙镇南村 → ${b.status}`);
        if (own) {
          const mine = await (ids.townB as Client).get(`${path}${q}`);
          if (mine.status !== 200 || !leaks(mine.body).length) out.push(`town-b cannot see its own ${path}`);
        }
        return out;
      },
    });
    const xlsx = (path: string): Case => ({
      kind: 'custom',
      run: async (townA: Client) => {
        const out: string[] = [];
        const r = await townA.get(`${path}?year=${ids.year}`);
        if (r.status !== 200) out.push(`${path} → ${r.status}`);
        else if (leaks(await xlsxText(r.raw)).length) out.push(`${path} leaks 乙镇`);
        const b = await townA.get(`${path}?year=${ids.year}&orgId=${c.orgs.b1}`);
        if (b.status !== 404) out.push(`${path} orgId=乙镇南村 → ${b.status}`);
        return out;
      },
    });
    const multipart = (url: string, fields: Record<string, string>, name: string): Case => ({
      kind: 'custom',
      run: async (townA: Client) => {
        const r = await upload(townA, url, fields, { name, data: Buffer.from('PK越权') });
        return r.status === 404 && !leaks(r.body).length ? [] : [`${url} → ${r.status}`];
      },
    });
    return {
      'POST /api/meetings': denied(
        post('/api/meetings', {
          orgId: c.orgs.b1,
          types: ['主题党日'],
          heldAt: new Date().toISOString(),
          topic: '越权',
        }),
      ),
      'GET /api/meetings': scoped('/api/meetings', '?pageSize=500'),
      'GET /api/meetings/:id': denied(get(M), get(`/api/meetings/${ids.planned}`)),
      'PATCH /api/meetings/:id': denied({ method: 'PATCH', url: M, body: { topic: '越权改' } }),
      'POST /api/meetings/:id/void': denied(post(`${M}/void`, { reason: '越权' })),
      'POST /api/meetings/:id/confirm': denied(post(`/api/meetings/${ids.planned}/confirm`)),
      'POST /api/meetings/:id/attendance': denied(
        post(`${M}/attendance`, { memberId: c.members.mB1, status: '补签', reason: '越权' }),
      ),
      'POST /api/meetings/:id/guests': denied(
        post(`${M}/guests`, { memberId: c.members.mA1 }),
        post(`/api/meetings/${ids.own}/guests`, { memberId: c.members.mB1 }, [400]),
      ),
      'POST /api/meetings/:id/resolutions': denied(post(`${M}/resolutions`, { text: '越权决议' })),
      'POST /api/meetings/:id/resolutions/:sub/task': denied(
        post(`${M}/resolutions/${ids.resolution}/task`, {}),
        post(`/api/meetings/${ids.own}/resolutions/${ids.ownRes}/task`, { leadOrgId: c.orgs.b1 }, [400]),
      ),
      'POST /api/meetings/:id/minutes': multipart(`${M}/minutes`, {}, '越权.docx'),
      'POST /api/meetings/:id/attachments': multipart(`${M}/attachments`, { kind: '照片' }, '越权.jpg'),
      'GET /api/meetings/:id/attachments/:sub': denied(get(`${M}/attachments/${ids.attachment}`)),
      'GET /api/meetings/:id/minutes.docx': denied(get(`${M}/minutes.docx`)),
      'POST /api/meetings/:id/checkin/open': denied(post(`/api/meetings/${ids.planned}/checkin/open`)),
      'POST /api/meetings/:id/checkin/close': denied(post(`${M}/checkin/close`)),
      'GET /api/meetings/:id/checkin': denied(get(`${M}/checkin`)),
      'POST /api/meetings/:id/signin-codes': denied(post(`${M}/signin-codes`)),
      'POST /api/checkin': {
        kind: 'custom',
        run: async (townA: Client) => [
          // town-a has no member record; 甲镇's 党员 is not on 乙镇's roster.
          ...(await tryAll(townA, 'town-a', [post('/api/checkin', { code: ids.code })])),
          ...(await tryAll(ids.member, 'member-a', [post('/api/checkin', { code: ids.code })])),
        ],
      },
      'POST /api/checkin/code': {
        kind: 'public',
        why: 'needs the live meeting code AND a personal one-time code printed for that meeting; wrong codes are throttled per source',
      },
      'GET /api/checkin/info': {
        kind: 'public',
        why: 'the title and branch of a meeting whose check-in code one holds (shown on the phone before logging in)',
      },
      'GET /api/org-life/compliance': scoped('/api/org-life/compliance', `?year=${ids.year}`),
      'GET /api/org-life/dashboard': scoped('/api/org-life/dashboard'),
      'GET /api/org-life/compliance.xlsx': xlsx('/api/org-life/compliance.xlsx'),
      'GET /api/org-life/ledger.xlsx': xlsx('/api/org-life/ledger.xlsx'),
      'POST /api/org-life/recompute': denied(post('/api/org-life/recompute')),
      'GET /api/org-life/rule-sets': { kind: 'list', url: () => '/api/org-life/rule-sets' },
      'POST /api/org-life/rule-sets': denied(
        post(
          '/api/org-life/rule-sets',
          { name: '越权', effectiveFrom: '2099-01-01', dueSoonDays: 7, rules: [] },
          [400, 403],
        ),
      ),
      'GET /api/org-life/absences': scoped('/api/org-life/absences', '?pageSize=500'),
      'GET /api/org-life/cases': scoped('/api/org-life/cases', '?pageSize=500'),
      'GET /api/org-life/cases/:id': denied(get(`/api/org-life/cases/${ids.kase}`)),
      'POST /api/org-life/cases/:id/talk': denied(
        post(`/api/org-life/cases/${ids.kase}/talk`, { talkDate: '2026-01-05', talkBy: '越权', content: '越权' }),
      ),
      'POST /api/org-life/cases/:id/notify': denied(
        post(`/api/org-life/cases/${ids.kase}/notify`, { notifiedDate: '2026-01-05', method: '书面' }),
      ),
      'POST /api/org-life/cases/:id/decision': denied(
        post(`/api/org-life/cases/${ids.kase}/decision`, { meetingId: ids.meeting, decision: '限期改正' }),
      ),
      'GET /api/org-life/my': { kind: 'self', why: "the caller's own member record only" },
      'GET /api/org-life/members/:id/attendance': denied(get(`/api/org-life/members/${c.members.mB1}/attendance`)),
      'GET /api/org-life/branches/:id': denied(get(`/api/org-life/branches/${c.orgs.b1}`)),
      'POST /api/org-life/branches/:id/committee': denied(
        post(`/api/org-life/branches/${c.orgs.b1}/committee`, {
          memberId: c.members.mB2,
          role: '副书记',
          startDate: '2025-01-01',
        }),
        post(
          `/api/org-life/branches/${c.orgs.a1}/committee`,
          { memberId: c.members.mB2, role: '书记', startDate: '2025-01-01' },
          [400],
        ),
      ),
      'PATCH /api/org-life/committee/:id': denied({
        method: 'PATCH',
        url: `/api/org-life/committee/${ids.committee}`,
        body: { endDate: '2025-12-31' },
      }),
      'PUT /api/org-life/groups/:id/members': denied(
        { method: 'PUT', url: `/api/org-life/groups/${ids.group}/members`, body: { memberIds: [] } },
        {
          method: 'PUT',
          url: `/api/org-life/groups/${ids.ownGroup}/members`,
          body: { memberIds: [c.members.mB1] },
          status: [400],
        },
      ),
      'GET /api/org-life/appraisals': scoped('/api/org-life/appraisals'),
      'POST /api/org-life/appraisals': denied(
        post('/api/org-life/appraisals', { orgId: c.orgs.b1, year: ids.year - 1 }),
      ),
      'GET /api/org-life/appraisals/:id': denied(get(`/api/org-life/appraisals/${ids.appraisal}`)),
      'PUT /api/org-life/appraisals/:id/self': {
        kind: 'custom',
        run: async () =>
          tryAll(ids.member, 'member-a', [
            { method: 'PUT', url: `/api/org-life/appraisals/${ids.appraisal}/self`, body: { selfText: '越权自评' } },
          ]),
      },
      'PUT /api/org-life/appraisals/:id/entries/:memberId': denied({
        method: 'PUT',
        url: `/api/org-life/appraisals/${ids.appraisal}/entries/${c.members.mB1}`,
        body: { selfText: '越权' },
      }),
      'PUT /api/org-life/appraisals/:id/grades': denied({
        method: 'PUT',
        url: `/api/org-life/appraisals/${ids.appraisal}/grades`,
        body: { grades: [{ memberId: c.members.mB1, grade: '合格' }] },
      }),
      'POST /api/org-life/appraisals/:id/finalize': denied(post(`/api/org-life/appraisals/${ids.appraisal}/finalize`)),
      'GET /api/org-life/appraisal-checks': { kind: 'list', url: () => '/api/org-life/appraisal-checks' },
      'PUT /api/org-life/appraisal-checks': denied({
        method: 'PUT',
        url: '/api/org-life/appraisal-checks',
        body: { enabled: {} },
      }),
    };
  },
};
export default orglife;
