import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.ts';
import { seedCounty, type County } from '../../test/fixtures.ts';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { clients, type Cobuild, PNG, seedCobuild, upload } from './test-helpers.ts';

// 2026-05-09 08:00 in Asia/Shanghai; the activity runs 09:00–11:00 local.
const clock = new ManualClock('2026-05-09T00:00:00Z');
let t: TestApp;
let c: County;
let k: Cobuild;
let u: Record<string, Client>;
let act: number;
let tokens: { in: string; out: string };
const db = () => t.database.db;
const signups = () => db().selectFrom('cobuild_signup').selectAll().orderBy('id').execute();
const EAST_VILLAGE = { lat: 30.2741, lng: 120.1551 };
const ACTIVITY = {
  title: '东村环境卫生整治',
  category: '环境整治',
  place: '东村文化广场',
  ...EAST_VILLAGE,
  startsAt: '2026-05-09T01:00:00.000Z',
  endsAt: '2026-05-09T03:00:00.000Z',
  signupLimit: 2,
};
const at = async (iso: string) => {
  clock.set(iso);
  u = await clients(t.app); // sessions idle out when the clock jumps
};

beforeAll(async () => {
  t = await createTestApp({ clock });
  c = await seedCounty(db());
  k = await seedCobuild(db(), c);
  u = await clients(t.app);
  const r = await u['fin-member'].post('/api/cobuild/registrations', { communityId: c.orgs.a1 });
  await u['a1-sec'].post(`/api/cobuild/registrations/${r.body.id}/accept`);
  // The rule of the day: 2 points an hour of service, at most 3 points of service a quarter.
  const rule = await u.zzb.post('/api/cobuild/rules', {
    effectiveDate: '2026-05-09',
    rules: {
      actions: { report: 5, serviceHour: 2, leadProject: 5, needFulfilled: 2 },
      caps: [{ action: 'service', period: 'quarter', max: 3 }],
      vetoEnabled: true,
      yearlyReset: true,
    },
    note: '试行',
  });
  expect(rule.status).toBe(201);
});
afterAll(() => t.close());

describe('activities', () => {
  it('the community publishes an activity with a sign-up limit; bad times are refused', async () => {
    for (const [b, m] of [
      [{ ...ACTIVITY, endsAt: '2026-05-09T00:30:00.000Z' }, '结束时间应晚于开始时间'],
      [{ ...ACTIVITY, startsAt: '2026-05-08T01:00:00.000Z', endsAt: '2026-05-08T03:00:00.000Z' }, '结束时间已过'],
      [{ ...ACTIVITY, lng: undefined }, '经度和纬度须同时填写'],
    ] as const) {
      const r = await u['a1-sec'].post('/api/cobuild/activities', { communityId: c.orgs.a1, ...b });
      expect(r.status).toBe(400);
      expect(r.body.message).toContain(m);
    }
    expect((await u['town-b'].post('/api/cobuild/activities', { communityId: c.orgs.a1, ...ACTIVITY })).status).toBe(
      404,
    );
    const r = await u['a1-sec'].post('/api/cobuild/activities', { communityId: c.orgs.a1, ...ACTIVITY });
    expect(r.status).toBe(201);
    act = r.body.id;
    const qr = await u['a1-sec'].get(`/api/cobuild/activities/${act}/qr`);
    expect(qr.status).toBe(200);
    expect(qr.body.signInQr).toMatch(/^data:image\/png;base64,/);
    tokens = {
      in: new URL(qr.body.signInUrl).searchParams.get('t')!,
      out: new URL(qr.body.signOutUrl).searchParams.get('t')!,
    };
    expect(new URL(qr.body.signInUrl).pathname).toBe('/cobuild/scan');
    expect((await u['fin-member'].get(`/api/cobuild/activities/${act}/qr`)).status).toBe(403);
  });

  it('members who may serve there sign up within the limit', async () => {
    expect((await u['fin-member'].post(`/api/cobuild/activities/${act}/signup`)).status).toBe(201);
    expect((await u['fin-member'].post(`/api/cobuild/activities/${act}/signup`)).status).toBe(409);
    expect((await u['a1-sec'].post(`/api/cobuild/activities/${act}/signup`)).status).toBe(201); // 李晓红 lives in 东村
    expect((await u['audit-member'].post(`/api/cobuild/activities/${act}/signup`)).status).toBe(404);
    await u['fin-sec'].post('/api/cobuild/registrations/unit', { unitId: k.orgs.fin, communityId: c.orgs.a1 });
    const pair = (
      await db().selectFrom('cobuild_registration').select('id').where('kind', '=', 'unit').executeTakeFirstOrThrow()
    ).id;
    await u['a1-sec'].post(`/api/cobuild/registrations/${pair}/accept`);
    const full = await u['fin-wu'].post(`/api/cobuild/activities/${act}/signup`);
    expect(full.status).toBe(409);
    expect(full.body.message).toBe('报名人数已满(上限 2 人)');
    expect((await signups()).map((s) => s.member_id)).toEqual([k.members.zhou, c.members.mA2]);
  });

  it('sign-in without sign-up, outside the window, and sign-out before sign-in are refused', async () => {
    const before = await signups();
    const noSignup = await u['fin-wu'].post('/api/cobuild/scan', { token: tokens.in });
    expect(noSignup.status).toBe(400);
    expect(noSignup.body.message).toContain('您未报名「东村环境卫生整治」,不能签到');
    const early = await u['fin-member'].post('/api/cobuild/scan', { token: tokens.in });
    expect(early.status).toBe(400);
    expect(early.body.message).toBe('不在签到时间内:本活动可于 2026-05-09 08:30 至 11:00 签到');
    const outFirst = await u['fin-member'].post('/api/cobuild/scan', { token: tokens.out });
    expect(outFirst.status).toBe(400);
    expect(outFirst.body.message).toContain('尚未签到,不能签退');
    expect((await u['fin-member'].post('/api/cobuild/scan', { token: 'not-a-real-token' })).status).toBe(404);
    expect(await signups()).toEqual(before);
  });

  it('sign-in and sign-out take server time and the phone location; hours are clipped to the activity', async () => {
    await at('2026-05-09T00:50:00Z');
    const inR = await u['fin-member'].post('/api/cobuild/scan', {
      token: tokens.in,
      lat: 30.2745,
      lng: 120.1553,
      accuracy: 20,
    });
    expect(inR.status).toBe(200);
    expect(inR.body).toMatchObject({
      action: 'in',
      at: '2026-05-09T00:50:00.000Z',
      hours: null,
      activity: { id: act },
    });
    expect(inR.body.distanceM).toBeLessThan(100);
    expect((await u['fin-member'].post('/api/cobuild/scan', { token: tokens.in })).body.message).toBe(
      '您已于 08:50 签到',
    );
    expect((await u['a1-sec'].post('/api/cobuild/scan', { token: tokens.in })).status).toBe(200);
    await at('2026-05-09T03:10:00Z');
    const outR = await u['fin-member'].post('/api/cobuild/scan', { token: tokens.out });
    expect(outR.body).toMatchObject({ action: 'out', at: '2026-05-09T03:10:00.000Z', hours: 2 });
    expect((await signups())[0]).toMatchObject({
      checkin_lat: 30.2745,
      checkout_at: '2026-05-09T03:10:00.000Z',
      hours: 2,
      verification: 'pending',
    });
  });

  it('verification needs photo evidence; photos must be images; nobody verifies their own service', async () => {
    const [zhou, li] = (await signups()).map((s) => s.id);
    const noPhoto = await u['a1-sec'].post(`/api/cobuild/signups/${zhou}/verify`, {});
    expect(noPhoto.status).toBe(400);
    expect(noPhoto.body.message).toContain('请先上传照片');
    const txt = await upload(u['fin-member'], `/api/cobuild/activities/${act}/photos`, {
      name: 'a.jpg',
      data: Buffer.from('not an image'),
    });
    expect(txt.status).toBe(400);
    expect(txt.body.message).toContain('只能上传照片');
    expect(
      (await upload(u['fin-wu'], `/api/cobuild/activities/${act}/photos`, { name: 'x.png', data: PNG })).status,
    ).toBe(403);
    const ph = await upload(u['fin-member'], `/api/cobuild/activities/${act}/photos`, {
      name: '现场.png',
      data: PNG,
      type: 'image/png',
    });
    expect(ph.status).toBe(201);
    const img = await u['a1-sec'].get(`/api/cobuild/activities/${act}/photos/${ph.body.id}`);
    expect(img.status).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    expect((await u['town-b'].get(`/api/cobuild/activities/${act}/photos/${ph.body.id}`)).status).toBe(404);
    const self = await u['a1-sec'].post(`/api/cobuild/signups/${li}/verify`, {});
    expect(self.status).toBe(403);
    expect(self.body.message).toBe('不能核验本人参加的活动');
    expect((await u['fin-member'].post(`/api/cobuild/signups/${zhou}/verify`, {})).status).toBe(403);
    expect((await u['town-b'].post(`/api/cobuild/signups/${zhou}/verify`, {})).status).toBe(404);
    expect((await signups()).map((s) => s.verification)).toEqual(['pending', 'pending']);
  });

  it('the community verifies: points over the cap are recorded as capped, not dropped', async () => {
    const [zhou, li] = (await signups()).map((s) => s.id);
    const pend = await u['a1-sec'].get(`/api/cobuild/verifications?activityId=${act}`);
    expect(pend.body.items.map((x: any) => [x.member.name, x.hours, x.photos])).toEqual([['周财一', 2, 1]]); // not her own
    expect((await u['a1-sec'].post(`/api/cobuild/signups/${zhou}/verify`, { hours: 3 })).body.message).toContain(
      '不能超过活动时长',
    );
    const v = await u['a1-sec'].post(`/api/cobuild/signups/${zhou}/verify`, { note: '表现积极' });
    expect(v.status).toBe(200);
    expect(v.body).toEqual({ hours: 2, points: 3, capped: 1 });
    const pts = await u['fin-member'].get(`/api/cobuild/points?memberId=${k.members.zhou}`);
    expect(pts.status).toBe(200);
    expect(pts.body.sum).toBe(5 + 3);
    expect(pts.body.total).toBe(3);
    expect(
      pts.body.items.map((x: any) => ({ at: x.at, points: x.points, capped: x.capped, reason: x.reason })),
    ).toEqual([
      {
        at: '2026-05-09T03:10:00.000Z',
        points: 3,
        capped: false,
        reason: '甲镇东村党支部「东村环境卫生整治」志愿服务 2 小时(经社区核验)',
      },
      {
        at: '2026-05-09T03:10:00.000Z',
        points: 1,
        capped: true,
        reason:
          '甲镇东村党支部「东村环境卫生整治」志愿服务 2 小时(经社区核验):超出封顶(志愿服务2026年第2季度不超过 3 分),超出的 1 分记录在案、不计入',
      },
      { at: '2026-05-09T00:00:00.000Z', points: 5, capped: false, reason: '到甲镇东村党支部报到' },
    ]);
    // the township (above the community, not the participant) handles 李晓红's record
    const rej = await u['town-a'].post(`/api/cobuild/signups/${li}/reject`, { reason: '未见现场照片中本人' });
    expect(rej.status).toBe(200);
    expect((await signups()).map((s) => [s.verification, s.verified_hours])).toEqual([
      ['verified', 2],
      ['rejected', null],
    ]);
    expect((await u['a1-sec'].post(`/api/cobuild/signups/${zhou}/verify`, {})).status).toBe(409);
  });

  it('the community sees participants it knows by name, others masked; members see their own sign-up', async () => {
    const d = await u['a1-sec'].get(`/api/cobuild/activities/${act}`);
    expect(d.body.participants.map((p: any) => [p.member.name, p.member.phone, p.unit, p.distanceM !== null])).toEqual([
      ['周财一', '13800000000', '县财政局机关党支部', true],
      ['李晓红', '13800000000', '甲镇东村党支部', false],
    ]);
    const mine = await u['fin-member'].get(`/api/cobuild/activities/${act}`);
    expect(mine.body.participants).toEqual([]);
    expect(mine.body.mySignup).toMatchObject({ verification: 'verified', verifiedHours: 2, hours: 2 });
    expect((await u['fin-member'].get('/api/cobuild/activities?mine=true')).body.total).toBe(1);
    expect((await u['audit-member'].get(`/api/cobuild/activities/${act}`)).status).toBe(404);
    const audits = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'cobuild.activity.%')
      .execute();
    expect(audits.map((a) => a.action)).toEqual([
      'cobuild.activity.create',
      'cobuild.activity.signup',
      'cobuild.activity.signup',
      'cobuild.activity.checkin',
      'cobuild.activity.checkin',
      'cobuild.activity.checkout',
      'cobuild.activity.photo',
      'cobuild.activity.verify',
      'cobuild.activity.reject',
    ]);
  });
});
