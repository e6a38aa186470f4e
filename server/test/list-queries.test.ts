/**
 * List queries: a page number beyond any page is a 400 with a Chinese message on every paged route
 * (it was a 500 on ten of them), nothing answers 5xx for a huge page, and LIKE wildcards typed
 * into a search box match themselves instead of everything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from './harness.ts';
import { as, insertMember, seedCounty, type County } from './fixtures.ts';
import { publish } from '../modules/tasks/tasks.test-support.ts';

let t: TestApp;
let c: County;
let admin: Client;
beforeAll(async () => {
  t = await createTestApp();
  c = await seedCounty(t.database.db);
  admin = await as(t.app, 'admin');
  const dcs = await as(t.app, 'dcs');
  await publish(dcs, '2026-11-02', [{ leadOrgId: c.orgs.townA, text: '完成100%覆盖' }, { leadOrgId: c.orgs.townB }]);
  await insertMember(t.database.db, { name: '百分%号', orgId: c.orgs.a1, seq: 301 });
  const r = await (await as(t.app, 'zzb')).post('/api/rectifications', {
    orgId: c.orgs.townA,
    problem: '整改率未达100%',
    source: '督查',
  });
  expect(r.status).toBe(201);
  const v = await dcs.post('/api/research-visits', {
    title: '覆盖率100%调研',
    startDate: '2026-11-10',
    endDate: '2026-11-10',
    placeOrgIds: [c.orgs.a1],
  });
  expect(v.status).toBe(201);
  const f = await dcs.post(`/api/research-visits/${v.body.id}/findings`, {
    placeOrgId: c.orgs.a1,
    kind: '经验',
    text: '村务公开率100%',
  });
  expect(f.status).toBe(201);
});
afterAll(() => t.close());

const HUGE = '999999999999999999999';
const chinese = /[\u4e00-\u9fff]/;

describe('paging bounds', () => {
  it('every GET route without path parameters: a huge page is never a 5xx; paged routes answer 400 naming 页码', async () => {
    const routes = t.app.routeTable.filter((r) => r.method === 'GET' && !r.url.includes(':') && !r.raw);
    expect(routes.length).toBeGreaterThan(10);
    const paged: string[] = [];
    for (const r of routes) {
      // A paged route takes page=2 and refuses page=0; others ignore or refuse the field.
      const ok = await admin.get(`${r.url}?page=2`);
      const zero = await admin.get(`${r.url}?page=0`);
      const huge = await admin.get(`${r.url}?page=${HUGE}&pageSize=${HUGE}`);
      expect(huge.status, r.url).toBeLessThan(500);
      if (ok.status === 200 && zero.status === 400) {
        paged.push(r.url);
        expect(huge.status, r.url).toBe(400);
        expect(huge.body.message, r.url).toMatch(chinese);
        expect(huge.body.message, r.url).toMatch(/页码|每页条数/);
      }
    }
    expect(paged).toEqual(
      expect.arrayContaining(['/api/members', '/api/orgs', '/api/users', '/api/tasks', '/api/audit']),
    );
    expect(paged.length).toBeGreaterThanOrEqual(10);
  });
});

describe('search wildcards', () => {
  const lists: [string, (b: any) => string[]][] = [
    ['/api/members', (b) => b.items.map((x: any) => x.name)],
    ['/api/orgs', (b) => b.items.map((x: any) => x.name)],
    ['/api/users', (b) => b.items.map((x: any) => x.username)],
    ['/api/tasks', (b) => b.items.map((x: any) => x.text)],
    ['/api/rectifications', (b) => b.items.map((x: any) => x.problem)],
    ['/api/transfers/targets', (b) => b.items.map((x: any) => x.name)],
    ['/api/research-visits', (b) => b.items.map((x: any) => x.title)],
    ['/api/research-findings', (b) => b.items.map((x: any) => x.text)],
  ];
  for (const [url, names] of lists)
    it(`${url}: q=% and q=_ match only rows that contain them`, async () => {
      const all = await admin.get(url);
      expect(all.status).toBe(200);
      expect(names(all.body).length).toBeGreaterThan(0);
      for (const q of ['%', '_', '\\']) {
        const r = await admin.get(`${url}?q=${encodeURIComponent(q)}`);
        expect(r.status, `${url} q=${q}`).toBe(200);
        for (const n of names(r.body)) expect(n, `${url} q=${q}`).toContain(q);
      }
    });

  it('a literal % finds the rows that contain it', async () => {
    expect((await admin.get(`/api/members?q=${encodeURIComponent('分%')}`)).body.items.map((m: any) => m.name)).toEqual(
      ['百分%号'],
    );
    expect((await admin.get(`/api/tasks?q=${encodeURIComponent('100%')}`)).body.items).toHaveLength(1);
    expect((await admin.get(`/api/rectifications?q=${encodeURIComponent('100%')}`)).body.items).toHaveLength(1);
  });
});

describe('document search scans in windows', () => {
  it('a 2-character term is found in documents across many scan windows, with snippets', async () => {
    const zzb = await as(t.app, 'zzb');
    const want: number[] = [];
    for (let i = 0; i < 120; i++) {
      const hit = i === 5 || i === 60 || i === 115;
      const r = await zzb.post('/api/documents', {
        title: `窗口测试${i}`,
        date: '2026-11-02',
        text: hit ? `第${i}号文件:要抓好鹊桥工程。` : `第${i}号文件:常规工作安排。`,
      });
      expect(r.status).toBe(201);
      if (hit) want.push(r.body.id);
    }
    const r = await zzb.get(`/api/documents?q=${encodeURIComponent('鹊桥')}&pageSize=50`);
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(3);
    expect(r.body.items.map((d: any) => d.id).sort((a: number, b: number) => a - b)).toEqual(want);
    for (const d of r.body.items) expect(d.snippets.find((s: any) => s.field === 'text').match).toBe('鹊桥');
  });
});
