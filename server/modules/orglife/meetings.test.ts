/**
 * Meetings and check-in over HTTP on a real database: a 主题党日 combined with a 党课, 应到 from the
 * roster, QR check-in (logged in and with a printed one-time code), 请假/补签, closing, minutes,
 * resolutions, the printed 会议记录, and every bad input of the issue (message + nothing changed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.ts';
import { as, insertUser, seedCounty, type County } from '../../test/fixtures.ts';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { bj, docxBytes, docxText, growBranch, memberAccount, uploadFile } from './test-helpers.ts';

let t: TestApp;
let c: County;
let clock: ManualClock;
let branch: Client, townA: Client, townB: Client, memberA: Client, outsider: Client;
let extra: number[];
const db = () => t.database.db;
const count = async (table: 'meeting' | 'meeting_attendee' | 'meeting_attachment' | 'audit_log') =>
  Number(
    (
      await db()
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  clock = new ManualClock(bj('2026-03-10T10:00:00'));
  t = await createTestApp({ clock });
  c = await seedCounty(t.database.db);
  // 甲镇东村: 张三明, 李晓红 + 8 more (the last one 预备) = 9 正式 + 1 预备.
  extra = await growBranch(db(), c.orgs.a1, 8, 300, 1);
  await memberAccount(db(), 'm-wjg', c.members.mA3, c.orgs.a2);
  await memberAccount(db(), 'm-lxh', c.members.mA2, c.orgs.a1);
  branch = await as(t.app, 'branch-a1');
  townA = await as(t.app, 'town-a');
  townB = await as(t.app, 'town-b');
  memberA = await as(t.app, 'member-a');
  outsider = await as(t.app, 'm-wjg');
});
afterAll(() => t.close());

let meetingId: number;
let code: string;

describe('a 主题党日 combined with a 党课, with check-in', () => {
  it('creates the meeting; 应到 is the branch roster on that date', async () => {
    const r = await branch.post('/api/meetings', {
      orgId: c.orgs.a1,
      types: ['主题党日', '党课'],
      heldAt: bj('2026-03-10T09:30:00'),
      topic: '学习贯彻全会精神',
      place: '村党群服务中心',
      host: '张三明',
      recorder: '李晓红',
      lecturer: '张三明',
      lectureTitle: '抓落实',
    });
    expect(r.status).toBe(201);
    expect(Object.keys(r.body)).toEqual(['id']);
    meetingId = r.body.id;
    const m = await db().selectFrom('meeting').selectAll().where('id', '=', meetingId).executeTakeFirstOrThrow();
    expect(m).toMatchObject({
      status: '已召开',
      held_date: '2026-03-10',
      expected: 10,
      expected_voting: 9,
      present: 0,
    });
    expect(m.created_at).toBe(clock.now().toISOString());
    const types = await db().selectFrom('meeting_type').select('type').where('meeting_id', '=', meetingId).execute();
    expect(types.map((x) => x.type).sort()).toEqual(['主题党日', '党课'].sort());
    const rows = await db().selectFrom('meeting_attendee').selectAll().where('meeting_id', '=', meetingId).execute();
    expect(rows).toHaveLength(10);
    expect(rows.every((x) => x.status === '缺席' && x.role === '应到')).toBe(true);
    expect(rows.find((x) => x.member_id === extra[7])!.voting).toBe(0);
    expect(rows.some((x) => x.member_id === c.members.mA3)).toBe(false);
  });

  it('opens check-in: a code and the QR address', async () => {
    const r = await branch.post(`/api/meetings/${meetingId}/checkin/open`);
    expect(r.status).toBe(200);
    code = r.body.code;
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    expect(r.body.url).toMatch(new RegExp(`/checkin\\?c=${code}$`));
    const again = await branch.post(`/api/meetings/${meetingId}/checkin/open`);
    expect(again.body.code).toBe(code);
    const screen = await branch.get(`/api/meetings/${meetingId}/checkin`);
    expect(screen.body).toMatchObject({ state: '签到中', code, expected: 10, present: 0 });
    expect(screen.body.qr).toMatch(/^data:image\/svg\+xml;base64,/);
  });

  it('a member checks in once with server time; a second time is 409 and changes nothing', async () => {
    clock.advance(60_000);
    const r = await memberA.post('/api/checkin', { code: code.toLowerCase() });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ meetingId, name: '张三明', checkedAt: clock.now().toISOString() });
    const row = await db()
      .selectFrom('meeting_attendee')
      .selectAll()
      .where('meeting_id', '=', meetingId)
      .where('member_id', '=', c.members.mA1)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: '出席', via: '扫码', at: clock.now().toISOString() });
    const audits = await count('audit_log');
    clock.advance(60_000);
    const twice = await memberA.post('/api/checkin', { code });
    expect(twice.status).toBe(409);
    expect(twice.body.message).toContain('已签到');
    expect(await count('audit_log')).toBe(audits);
    const same = await db()
      .selectFrom('meeting_attendee')
      .select('at')
      .where('meeting_id', '=', meetingId)
      .where('member_id', '=', c.members.mA1)
      .executeTakeFirstOrThrow();
    expect(same.at).toBe(row.at);
    expect(
      (await db().selectFrom('meeting').select('present').where('id', '=', meetingId).executeTakeFirstOrThrow())
        .present,
    ).toBe(1);
  });

  it('a member of another branch is refused (列席 only if invited); an unknown code is 404', async () => {
    const r = await outsider.post('/api/checkin', { code });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('NOT_ON_ROSTER');
    expect((await outsider.post('/api/checkin', { code: 'ZZZZZZZZ' })).status).toBe(404);
    // Invited as 列席 by town-a (王建国 is in its scope), he may check in.
    expect((await townA.post(`/api/meetings/${meetingId}/guests`, { memberId: c.members.mA3 })).status).toBe(201);
    expect((await outsider.post('/api/checkin', { code })).status).toBe(200);
    const m = await db().selectFrom('meeting').selectAll().where('id', '=', meetingId).executeTakeFirstOrThrow();
    expect(m).toMatchObject({ present: 1, guest_count: 1, expected: 10 });
  });

  it('the secretary records 请假 and 补签 with reasons (audited)', async () => {
    const leave = await branch.post(`/api/meetings/${meetingId}/attendance`, {
      memberId: extra[0],
      status: '请假',
      reason: '外出务工',
    });
    expect(leave.status).toBe(200);
    const late = await branch.post(`/api/meetings/${meetingId}/attendance`, {
      memberId: extra[1],
      status: '补签',
      reason: '手机没电,现场签纸质签到表',
    });
    expect(late.status).toBe(200);
    const rows = await db()
      .selectFrom('meeting_attendee')
      .select(['member_id', 'status', 'reason'])
      .where('meeting_id', '=', meetingId)
      .where('member_id', 'in', [extra[0], extra[1]])
      .orderBy('member_id')
      .execute();
    expect(rows).toEqual([
      { member_id: extra[0], status: '请假', reason: '外出务工' },
      { member_id: extra[1], status: '补签', reason: '手机没电,现场签纸质签到表' },
    ]);
    const audit = await db()
      .selectFrom('audit_log')
      .select('after_json')
      .where('action', '=', 'meeting.attendance')
      .execute();
    expect(audit.map((a) => JSON.parse(a.after_json!).status).sort()).toEqual(['补签', '请假']);
    // Without a reason: refused by the contract, nothing changes.
    const bad = await branch.post(`/api/meetings/${meetingId}/attendance`, {
      memberId: extra[2],
      status: '请假',
      reason: '',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('原因');
  });

  it('a printed one-time code checks in a member without an account', async () => {
    const sheet = await branch.post(`/api/meetings/${meetingId}/signin-codes`);
    expect(sheet.status).toBe(200);
    const mine = sheet.body.items.find((i: any) => i.memberId === extra[2]);
    expect(mine.code).toMatch(/^[A-Z2-9]{6}$/);
    const stored = await db()
      .selectFrom('meeting_attendee')
      .select('code_hash')
      .where('meeting_id', '=', meetingId)
      .where('member_id', '=', extra[2])
      .executeTakeFirstOrThrow();
    expect(stored.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.code_hash).not.toContain(mine.code);
    const anon = new (memberA.constructor as any)(t.app) as Client;
    const wrong = await anon.post('/api/checkin/code', { code, personalCode: 'AAAAAA' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toContain('个人签到码不正确');
    const ok = await anon.post('/api/checkin/code', { code, personalCode: mine.code });
    expect(ok.status).toBe(200);
    expect(ok.body.name).toBe('郑国强');
    const row = await db()
      .selectFrom('meeting_attendee')
      .select(['status', 'via'])
      .where('meeting_id', '=', meetingId)
      .where('member_id', '=', extra[2])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: '出席', via: '签到码' });
    expect((await anon.post('/api/checkin/code', { code, personalCode: mine.code })).status).toBe(409);
    const info = await anon.get(`/api/checkin/info?c=${code}`);
    expect(info.body).toMatchObject({ topic: '学习贯彻全会精神', state: '签到中' });
  });

  it('quorum: below half the meeting is recorded but not held; once reached, the requirement is done', async () => {
    const before = await branch.get(`/api/org-life/compliance?orgId=${c.orgs.a1}&year=2026&period=2026-03`);
    const day = before.body.items.find((i: any) => i.type === '主题党日');
    // 3 of 10 (张三明, 补签, code) → below half.
    expect(day).toMatchObject({
      orgId: c.orgs.a1,
      type: '主题党日',
      period: '2026-03',
      required: 1,
      held: 0,
      belowQuorum: 1,
    });
    for (const [i, id] of [extra[3], extra[4]].entries()) {
      await memberAccount(db(), `m-x${i}`, id, c.orgs.a1);
      const cl = await as(t.app, `m-x${i}`);
      expect((await cl.post('/api/checkin', { code })).status).toBe(200);
    }
    const after = await branch.get(`/api/org-life/compliance?orgId=${c.orgs.a1}&year=2026&period=2026-03`);
    expect(after.body.items.find((i: any) => i.type === '主题党日')).toMatchObject({
      held: 1,
      belowQuorum: 0,
      status: 'done',
    });
    const q1 = await branch.get(`/api/org-life/compliance?orgId=${c.orgs.a1}&year=2026&type=党课`);
    expect(q1.body.items).toEqual([expect.objectContaining({ period: '2026-Q1', required: 1, held: 1 })]);
  });

  it('check-in after close is refused and changes nothing', async () => {
    expect((await branch.post(`/api/meetings/${meetingId}/checkin/close`)).status).toBe(200);
    const cl = await as(t.app, 'm-lxh');
    const r = await cl.post('/api/checkin', { code });
    expect(r.status).toBe(409);
    expect(r.body.message).toContain('签到已经结束');
    const row = await db()
      .selectFrom('meeting_attendee')
      .select('status')
      .where('meeting_id', '=', meetingId)
      .where('member_id', '=', c.members.mA2)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('缺席');
  });

  it('minutes: a real .docx becomes the content; a file that is not one is refused, nothing changed', async () => {
    const fake = await uploadFile(branch, `/api/meetings/${meetingId}/minutes`, {
      name: '会议记录.docx',
      data: Buffer.from('这不是 Word 文档'),
    });
    expect(fake.status).toBe(400);
    expect(fake.body.code).toBe('MINUTES_NOT_DOCX');
    expect(fake.body.message).toContain('不是有效的 Word 文档');
    const zip = await uploadFile(branch, `/api/meetings/${meetingId}/minutes`, {
      name: 'x.docx',
      data: Buffer.from('PK\u0003\u0004garbage'),
    });
    expect(zip.status).toBe(400);
    expect(await count('meeting_attachment')).toBe(0);
    expect(
      (await db().selectFrom('meeting').select('minutes_text').where('id', '=', meetingId).executeTakeFirstOrThrow())
        .minutes_text,
    ).toBeNull();
    const ok = await uploadFile(branch, `/api/meetings/${meetingId}/minutes`, {
      name: '会议记录.docx',
      data: await docxBytes(['张三明讲授党课《抓落实》。', '大家结合本村实际开展讨论。']),
    });
    expect(ok.status).toBe(201);
    const m = await db()
      .selectFrom('meeting')
      .select('minutes_text')
      .where('id', '=', meetingId)
      .executeTakeFirstOrThrow();
    expect(m.minutes_text).toContain('讲授党课');
    expect(await count('meeting_attachment')).toBe(1);
  });

  it('a resolution becomes a task in 督查督办', async () => {
    const r = await branch.post(`/api/meetings/${meetingId}/resolutions`, { text: '三月底前完成村党群服务中心修缮' });
    expect(r.status).toBe(201);
    const tk = await branch.post(`/api/meetings/${meetingId}/resolutions/${r.body.id}/task`, { dueDate: '2026-03-31' });
    expect(tk.status).toBe(201);
    const task = await db().selectFrom('task').selectAll().where('id', '=', tk.body.taskId).executeTakeFirstOrThrow();
    expect(task).toMatchObject({
      text: '三月底前完成村党群服务中心修缮',
      lead_org_id: c.orgs.a1,
      due_date: '2026-03-31',
    });
    expect((await branch.post(`/api/meetings/${meetingId}/resolutions/${r.body.id}/task`, {})).status).toBe(409);
  });

  it('the 会议记录 .docx carries 应到/实到 and the absent names with reasons', async () => {
    const r = await branch.get(`/api/meetings/${meetingId}/minutes.docx`);
    expect(r.status).toBe(200);
    const text = await docxText(r.raw);
    expect(text).toContain('会 议 记 录');
    expect(text).toContain('10 人(有表决权 9 人)');
    expect(text).toContain('5 人');
    expect(text).toContain('李晓红(缺席)');
    expect(text).toContain('周立新(请假:外出务工)');
    expect(text).toContain('王建国');
    expect(text).toContain('三月底前完成村党群服务中心修缮');
    expect(text).toContain('讲授党课');
  });
});

describe('bad input: a clear Chinese message and nothing changed', () => {
  it('a meeting dated in the future cannot be recorded as held (a planned one can)', async () => {
    const n = await count('meeting');
    const r = await branch.post('/api/meetings', {
      orgId: c.orgs.a1,
      types: ['支部党员大会'],
      heldAt: bj('2026-03-12T09:00:00'),
      topic: '讨论发展党员',
    });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('MEETING_IN_FUTURE');
    expect(r.body.message).toContain('晚于当前时间');
    expect(await count('meeting')).toBe(n);
    const planned = await branch.post('/api/meetings', {
      orgId: c.orgs.a1,
      types: ['支部党员大会'],
      heldAt: bj('2026-03-12T09:00:00'),
      topic: '讨论发展党员',
      planned: true,
    });
    expect(planned.status).toBe(201);
    const m = await db()
      .selectFrom('meeting')
      .select('status')
      .where('id', '=', planned.body.id)
      .executeTakeFirstOrThrow();
    expect(m.status).toBe('计划');
    // Opening check-in two days early is refused.
    expect((await branch.post(`/api/meetings/${planned.body.id}/checkin/open`)).status).toBe(409);
  });

  it('a 支委会 in a branch without a committee', async () => {
    const n = await count('meeting');
    const small = await townA.post('/api/meetings', {
      orgId: c.orgs.a2,
      types: ['支部委员会'],
      heldAt: bj('2026-03-09T09:00:00'),
      topic: '研究工作',
    });
    expect(small.status).toBe(400);
    expect(small.body.code).toBe('NO_COMMITTEE');
    expect(small.body.message).toContain('不足 7 人');
    // 甲镇东村 has 9 正式党员 but no 支委 recorded yet.
    const none = await branch.post('/api/meetings', {
      orgId: c.orgs.a1,
      types: ['支部委员会'],
      heldAt: bj('2026-03-09T09:00:00'),
      topic: '研究工作',
    });
    expect(none.status).toBe(400);
    expect(none.body.message).toContain('登记支委');
    expect(await count('meeting')).toBe(n);
    // A small branch cannot get a committee either.
    const add = await townA.post(`/api/org-life/branches/${c.orgs.a2}/committee`, {
      memberId: c.members.mA3,
      role: '组织委员',
      startDate: '2026-01-01',
    });
    expect(add.status).toBe(400);
    expect(add.body.code).toBe('NO_COMMITTEE');
    // Once three 支委 are recorded, the 支委会's 应到 is the committee.
    for (const [memberId, role] of [
      [c.members.mA1, '书记'],
      [extra[0], '组织委员'],
      [extra[1], '宣传委员'],
    ] as const)
      expect(
        (
          await branch.post(`/api/org-life/branches/${c.orgs.a1}/committee`, {
            memberId,
            role,
            startDate: '2026-01-01',
          })
        ).status,
      ).toBe(201);
    const ok = await branch.post('/api/meetings', {
      orgId: c.orgs.a1,
      types: ['支部委员会'],
      heldAt: bj('2026-03-09T09:00:00'),
      topic: '研究工作',
    });
    expect(ok.status).toBe(201);
    const m = await db()
      .selectFrom('meeting')
      .select(['expected'])
      .where('id', '=', ok.body.id)
      .executeTakeFirstOrThrow();
    expect(m.expected).toBe(3);
  });

  it('a held date more than 30 days back needs a reason, kept beside the creation time', async () => {
    const n = await count('meeting');
    const body = {
      orgId: c.orgs.a1,
      types: ['支部党员大会'],
      heldAt: bj('2026-01-20T09:00:00'),
      topic: '选举支部委员会',
    };
    const r = await branch.post('/api/meetings', body);
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('BACKDATE_REASON_REQUIRED');
    expect(r.body.message).toContain('超过 30 天');
    expect(await count('meeting')).toBe(n);
    const ok = await branch.post('/api/meetings', { ...body, backdateReason: '纸质记录本补录' });
    expect(ok.status).toBe(201);
    const got = await branch.get(`/api/meetings/${ok.body.id}`);
    expect(got.body).toMatchObject({
      heldDate: '2026-01-20',
      backdated: true,
      backdateReason: '纸质记录本补录',
      createdAt: clock.now().toISOString(),
    });
    const audit = await db()
      .selectFrom('audit_log')
      .select('after_json')
      .where('action', '=', 'meeting.create')
      .where('entity_id', '=', String(ok.body.id))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json!).backdateReason).toBe('纸质记录本补录');
  });

  it('editing a meeting of another branch is 404', async () => {
    const b1 = await townB.post('/api/meetings', {
      orgId: c.orgs.b1,
      types: ['主题党日'],
      heldAt: bj('2026-03-05T09:00:00'),
      topic: '乙镇主题党日',
    });
    expect(b1.status).toBe(201);
    const a2 = await townA.post('/api/meetings', {
      orgId: c.orgs.a2,
      types: ['主题党日'],
      heldAt: bj('2026-03-05T09:00:00'),
      topic: '西村主题党日',
    });
    expect(a2.status).toBe(201);
    const before = await db()
      .selectFrom('meeting')
      .selectAll()
      .where('id', 'in', [b1.body.id, a2.body.id])
      .orderBy('id')
      .execute();
    expect((await townA.patch(`/api/meetings/${b1.body.id}`, { topic: '改' })).status).toBe(404);
    expect((await branch.patch(`/api/meetings/${a2.body.id}`, { topic: '改' })).status).toBe(404);
    expect((await branch.get(`/api/meetings/${a2.body.id}`)).status).toBe(404);
    expect(
      (
        await branch.post('/api/meetings', {
          orgId: c.orgs.a2,
          types: ['主题党日'],
          heldAt: bj('2026-03-05T09:00:00'),
          topic: 'x',
        })
      ).status,
    ).toBe(404);
    expect(
      await db().selectFrom('meeting').selectAll().where('id', 'in', [b1.body.id, a2.body.id]).orderBy('id').execute(),
    ).toEqual(before);
  });

  it('types that cannot be combined, an empty topic, an org that holds no meetings', async () => {
    const n = await count('meeting');
    const heldAt = bj('2026-03-09T09:00:00');
    const tries = [
      [{ orgId: c.orgs.a1, types: ['支部委员会', '党课'], heldAt, topic: 'x' }, '不能与其他类型合并'],
      [{ orgId: c.orgs.a1, types: ['党小组会'], heldAt, topic: 'x' }, '党小组下记录'],
      [{ orgId: c.orgs.a1, types: ['主题党日'], heldAt, topic: '   ' }, '议题不能为空'],
      [{ orgId: c.orgs.townA, types: ['主题党日'], heldAt, topic: 'x' }, '只有党支部'],
      [{ orgId: c.orgs.a1, types: ['谈心谈话'], heldAt, topic: 'x' }, '谈话双方'],
      [{ orgId: c.orgs.a1, types: [], heldAt, topic: 'x' }, '会议类型'],
      [{ orgId: c.orgs.a1, types: ['主题党日'], heldAt: '2026-03-09', topic: 'x' }, '召开时间'],
    ] as const;
    for (const [body, msg] of tries) {
      const r = await townA.post('/api/meetings', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.message).toContain(msg);
    }
    expect(await count('meeting')).toBe(n);
  });

  it('a 谈心谈话 is a pair of people, both present', async () => {
    const r = await branch.post('/api/meetings', {
      orgId: c.orgs.a1,
      types: ['谈心谈话'],
      heldAt: bj('2026-03-08T15:00:00'),
      topic: '了解外出务工期间思想状况',
      talkMode: '电话',
      talkMemberIds: [c.members.mA1, extra[5]],
    });
    expect(r.status).toBe(201);
    const rows = await db()
      .selectFrom('meeting_attendee')
      .select(['member_id', 'status'])
      .where('meeting_id', '=', r.body.id)
      .execute();
    expect(rows.map((x) => x.status)).toEqual(['出席', '出席']);
  });

  it('a member account cannot record meetings; voiding keeps the record with its reason', async () => {
    expect(
      (
        await memberA.post('/api/meetings', {
          orgId: c.orgs.a1,
          types: ['主题党日'],
          heldAt: bj('2026-03-09T09:00:00'),
          topic: 'x',
        })
      ).status,
    ).toBe(403);
    const r = await branch.post('/api/meetings', {
      orgId: c.orgs.a1,
      types: ['其他'],
      heldAt: bj('2026-03-09T09:00:00'),
      topic: '误录',
    });
    expect((await branch.post(`/api/meetings/${r.body.id}/void`, { reason: '重复录入' })).status).toBe(200);
    const m = await db()
      .selectFrom('meeting')
      .select(['status', 'void_reason'])
      .where('id', '=', r.body.id)
      .executeTakeFirstOrThrow();
    expect(m).toEqual({ status: '已作废', void_reason: '重复录入' });
    expect((await branch.patch(`/api/meetings/${r.body.id}`, { topic: '再改' })).status).toBe(409);
    const list = await branch.get('/api/meetings?status=已作废');
    expect(list.body.items.map((x: any) => x.id)).toEqual([r.body.id]);
  });

  it('an account without a member record cannot check in', async () => {
    await insertUser(db(), { username: 'nobody', role: 'unit_admin', scopeOrgId: c.orgs.a1 });
    const r = await (await as(t.app, 'nobody')).post('/api/checkin', { code });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('NOT_A_MEMBER');
  });
});
