import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, type Client, createTestApp } from '../../test/harness.ts';
import { as, seedCounty } from '../../test/fixtures.ts';
import { STANDARD_MANUAL } from './defaults.ts';
import { count, put } from './standards.test-support.ts';

let t: TestApp;
let zzb: Client, branchA1: Client;
let standardId: number;

beforeAll(async () => {
  t = await createTestApp();
  await seedCounty(t.database.db);
  zzb = await as(t.app, 'zzb');
  branchA1 = await as(t.app, 'branch-a1');
});
afterAll(() => t.close());

describe('manuals as versioned data', () => {
  it('ships the two defaults, listed with the acceptance shape', async () => {
    const r = await branchA1.get('/api/standards/manuals');
    expect(r.status).toBe(200);
    expect(r.body.items).toHaveLength(2);
    for (const m of r.body.items)
      expect(m).toMatchObject({ id: expect.any(Number), name: expect.any(String), version: 1 });
    const std = r.body.items.find((m: any) => m.scheme === '标准化');
    const stars = r.body.items.find((m: any) => m.scheme === '星级');
    expect(std).toMatchObject({ totalPoints: 100, bonusPoints: 10 });
    standardId = std.id;
    expect(stars).toMatchObject({ version: 1 });
    const d = await zzb.get(`/api/standards/manuals/${standardId}`);
    expect(d.body.dimensions.map((x: any) => x.name)).toEqual([
      '政治建设',
      '组织建设',
      '组织生活',
      '班子建设',
      '党员队伍建设',
      '基础保障',
      '考核评价',
      '加分项',
    ]);
    expect(d.body.bands.map((b: any) => b.grade)).toEqual(['先进', '中间', '后进']);
  });

  it('refuses a manual whose points do not add up to its total, and stores nothing', async () => {
    const before = await count(t, 'std_manual');
    const bad = structuredClone(STANDARD_MANUAL);
    bad.dimensions[0].items[0].maxPoints = 9;
    bad.dimensions[0].points = 19; // dimension consistent, manual no longer 100
    const r = await zzb.post('/api/standards/manuals', { ...bad, name: '自定义手册' });
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('与手册基本分 100 分不符');
    const r2 = await zzb.post('/api/standards/manuals', {
      ...STANDARD_MANUAL,
      dimensions: STANDARD_MANUAL.dimensions.map((d, i) => (i === 1 ? { ...d, points: 16 } : d)),
    });
    expect(r2.status).toBe(400);
    expect(r2.body.message).toContain('维度「组织建设」各项分值合计 15 分,与维度分值 16 分不符');
    expect(await count(t, 'std_manual')).toBe(before);
  });

  it('a branch cannot edit manuals', async () => {
    const r = await put(branchA1, `/api/standards/manuals/${standardId}`, STANDARD_MANUAL);
    expect(r.status).toBe(403);
  });
});
