import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Document, Packer, Paragraph } from 'docx';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { as, seedCounty, type County } from '../../test/fixtures.ts';
import { ManualClock } from '../../lib/clock.ts';

const clock = new ManualClock('2025-01-10T01:00:00Z');
let t: TestApp;
let c: County;
let zzb: Client, townA: Client, townB: Client;
let rid: number;
const db = () => t.database.db;

function multipart(filename: string, data: Buffer) {
  const boundary = `----luoshi${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  c = await seedCounty(t.database.db);
  [zzb, townA, townB] = await Promise.all(['zzb', 'town-a', 'town-b'].map((u) => as(t.app, u)));
  rid = (
    await zzb.post('/api/reviews', {
      title: '2024年度述职评议',
      year: 2024,
      orgIds: [c.orgs.townA, c.orgs.townB, c.orgs.dept],
      oralOrgIds: [c.orgs.townA, c.orgs.townB],
      reportDeadline: '2025-01-15',
    })
  ).body.id;
});
afterAll(() => t.close());

describe('述职报告', () => {
  it('starts 未报送; a unit submits text for itself only', async () => {
    const l = await zzb.get(`/api/reviews/${rid}/reports`);
    expect(l.body.items.map((x: any) => x.status)).toEqual(['未报送', '未报送', '未报送']);
    const r = await townA.request('PUT', `/api/reviews/${rid}/reports/${c.orgs.townA}`, {
      text: '一年来,甲镇党委认真履行抓基层党建第一责任人职责……存在问题:三会一课落实不到位。',
    });
    expect(r.status).toBe(200);
    const other = await townA.request('PUT', `/api/reviews/${rid}/reports/${c.orgs.townB}`, {
      text: '冒名报送的述职报告内容内容内容',
    });
    expect(other.status).toBe(404);
    const short = await townA.request('PUT', `/api/reviews/${rid}/reports/${c.orgs.townA}`, { text: '太短' });
    expect(short.status).toBe(400);
    expect(short.body.message).toContain('过短');
    const g = await zzb.get(`/api/reviews/${rid}/reports/${c.orgs.townA}`);
    expect(g.body).toMatchObject({ status: '已报送', text: expect.stringContaining('三会一课') });
    expect(
      (
        await db()
          .selectFrom('review_target')
          .select('report_text')
          .where('org_id', '=', c.orgs.townB)
          .executeTakeFirstOrThrow()
      ).report_text,
    ).toBeNull();
  });

  it('accepts a .docx (text extracted) and refuses other files', async () => {
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph('乙镇党委书记抓基层党建工作述职报告'),
            new Paragraph('一、履职情况。二、存在问题。三、下步打算。'),
          ],
        },
      ],
    });
    const m = multipart('乙镇述职报告.docx', await Packer.toBuffer(doc));
    const r = await townB.request('POST', `/api/reviews/${rid}/reports/${c.orgs.townB}/docx`, m.payload, m.headers);
    expect(r.status).toBe(200);
    const g = await zzb.get(`/api/reviews/${rid}/reports/${c.orgs.townB}`);
    expect(g.body.text).toContain('二、存在问题');
    expect(g.body.fileName).toBe('乙镇述职报告.docx');
    const bad = multipart('x.docx', Buffer.from('not a word file at all'));
    const rb = await townB.request(
      'POST',
      `/api/reviews/${rid}/reports/${c.orgs.townB}/docx`,
      bad.payload,
      bad.headers,
    );
    expect(rb.status).toBe(400);
    expect(rb.body.message).toContain('Word');
  });

  it('the organization department reminds the units that have not reported', async () => {
    const r = await zzb.post(`/api/reviews/${rid}/reports/remind`, {});
    expect(r.body).toEqual({ reminded: 1 });
    const l = await zzb.get(`/api/reviews/${rid}/reports`);
    expect(l.body.items.find((x: any) => x.orgId === c.orgs.dept)).toMatchObject({
      status: '未报送',
      remindedAt: clock.now().toISOString(),
      late: false,
    });
    // After the deadline (2025-01-15) the missing report is late; the ones already in are not.
    clock.set('2025-01-16T02:00:00Z');
    [zzb, townA, townB] = await Promise.all(['zzb', 'town-a', 'town-b'].map((u) => as(t.app, u)));
    const after = await zzb.get(`/api/reviews/${rid}/reports`);
    expect(after.body.items.map((x: any) => [x.orgId, x.late])).toEqual([
      [c.orgs.townA, false],
      [c.orgs.townB, false],
      [c.orgs.dept, true],
    ]);
    expect((await townA.post(`/api/reviews/${rid}/reports/remind`, {})).status).toBe(403);
  });
});

describe('点评 workflow', () => {
  let cid: number;
  it('drafts a comment with tagged findings; bad input refused', async () => {
    const bad = await zzb.post(`/api/reviews/${rid}/comments`, {
      orgId: c.orgs.townA,
      summary: '总体较好',
      findings: [{ source: '道听途说', problem: '某问题' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('问题来源');
    const notTarget = await zzb.post(`/api/reviews/${rid}/comments`, {
      orgId: c.orgs.a1,
      summary: '总体较好',
      findings: [],
    });
    expect(notTarget.status).toBe(400);
    expect(await db().selectFrom('review_comment').select('id').execute()).toHaveLength(0);
    const r = await zzb.post(`/api/reviews/${rid}/comments`, {
      orgId: c.orgs.townA,
      summary: '甲镇党委履行抓党建第一责任人职责较好,但仍有不足。',
      findings: [
        { source: '巡视巡察反馈', problem: '“三会一课”制度落实不到位' },
        { source: '督查调研发现', problem: '村级后备干部储备不足' },
      ],
    });
    expect(r.status).toBe(201);
    cid = r.body.id;
    expect(
      (await zzb.post(`/api/reviews/${rid}/comments`, { orgId: c.orgs.townA, summary: '重复', findings: [] })).status,
    ).toBe(409);
  });

  it('submit → return with reason → edit → resubmit → approve; findings become rectification items', async () => {
    expect((await zzb.post(`/api/reviews/comments/${cid}/approve`)).status).toBe(409); // not submitted yet
    expect((await zzb.post(`/api/reviews/comments/${cid}/submit`)).body.status).toBe('submitted');
    expect((await zzb.patch(`/api/reviews/comments/${cid}`, { summary: '改' })).status).toBe(409);
    const noReason = await zzb.post(`/api/reviews/comments/${cid}/return`, { reason: '' });
    expect(noReason.status).toBe(400);
    const ret = await zzb.post(`/api/reviews/comments/${cid}/return`, { reason: '问题不够具体,请点到具体村' });
    expect(ret.body.status).toBe('returned');
    // town-a cannot see a comment that is not approved.
    expect((await townA.get(`/api/reviews/${rid}/comments`)).body.items).toEqual([]);
    await zzb.patch(`/api/reviews/comments/${cid}`, {
      findings: [
        { source: '巡视巡察反馈', problem: '东村“三会一课”制度落实不到位' },
        { source: '平时掌握情况', problem: '西村后备干部储备不足' },
      ],
    });
    await zzb.post(`/api/reviews/comments/${cid}/submit`);
    expect(await db().selectFrom('rectification_item').select('id').execute()).toHaveLength(0);
    const ok = await zzb.post(`/api/reviews/comments/${cid}/approve`);
    expect(ok.body.status).toBe('approved');
    const items = await db().selectFrom('rectification_item').selectAll().orderBy('id').execute();
    expect(items.map((i) => [i.org_id, i.source, i.problem, i.status, i.issuer_org_id, i.deadline_date])).toEqual([
      [c.orgs.townA, '点评', '东村“三会一课”制度落实不到位', '整改中', c.orgs.county, '2025-12-31'],
      [c.orgs.townA, '点评', '西村后备干部储备不足', '整改中', c.orgs.county, '2025-12-31'],
    ]);
    const seen = await townA.get(`/api/reviews/${rid}/comments`);
    expect(seen.body.items).toHaveLength(1);
    expect(seen.body.items[0].findings.every((f: any) => f.rectificationId > 0)).toBe(true);
    expect((await townB.get(`/api/reviews/${rid}/comments`)).body.items).toEqual([]);
    const ledger = await townA.get(`/api/rectifications?orgId=${c.orgs.townA}&status=整改中`);
    expect(ledger.body.total).toBe(2);
    expect((await zzb.patch(`/api/reviews/comments/${cid}`, { summary: '改' })).status).toBe(409);
  });
});

describe('meeting mode', () => {
  it('agenda order and per-speaker limits; countdown on the big screen; never results', async () => {
    const a = await zzb.get(`/api/reviews/${rid}/agenda`);
    expect(a.body.items.map((x: any) => x.orgId)).toEqual([c.orgs.townA, c.orgs.townB]);
    const bad = await zzb.request('PUT', `/api/reviews/${rid}/agenda`, { items: [{ orgId: c.orgs.townB }] });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('口头述职');
    expect(
      (
        await zzb.request('PUT', `/api/reviews/${rid}/agenda`, {
          items: [
            { orgId: c.orgs.townB, limitSec: 600 },
            { orgId: c.orgs.townA, limitSec: 300 },
          ],
        })
      ).status,
    ).toBe(200);
    expect((await zzb.post(`/api/reviews/${rid}/meeting/speaker`, { orgId: c.orgs.dept })).status).toBe(400); // written only
    await zzb.post(`/api/reviews/${rid}/meeting/speaker`, { orgId: c.orgs.townB });
    clock.advance(125_000);
    const s = await zzb.get(`/api/reviews/${rid}/screen`);
    expect(s.body).toMatchObject({
      phase: '大会述职',
      speaker: { orgName: '乙镇党委', order: 1, limitSec: 600, elapsedSec: 125, remainingSec: 475 },
    });
    clock.advance(600_000);
    expect((await zzb.get(`/api/reviews/${rid}/screen`)).body.speaker.remainingSec).toBe(-125);
    await zzb.post(`/api/reviews/${rid}/tokens`, { count: 3 });
    await zzb.post(`/api/reviews/${rid}/open-voting`);
    const v = await zzb.get(`/api/reviews/${rid}/screen`);
    expect(v.body).toMatchObject({ phase: '民主评议', speaker: null, turnout: { issued: 3, used: 0 } });
    expect(Object.keys(v.body)).not.toContain('orgs');
  });
});
