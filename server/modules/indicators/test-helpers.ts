import type { County } from '../../test/fixtures.ts';
import type { Client } from '../../test/harness.ts';

/** Registers 固定资产投资 and 税收收入 (reported by 甲镇 and 乙镇) and a ratio of the two. */
export async function registerBasics(zzb: Client, c: County) {
  const ok = (r: { status: number; body: any }) => {
    if (r.status !== 200) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
    return r.body.id as number;
  };
  const base = {
    frequency: '月',
    source: '手工填报',
    ownerOrgId: c.orgs.dept,
    leader: '王副县长',
    reporterOrgIds: [c.orgs.townA, c.orgs.townB],
  };
  const invest = ok(
    await zzb.post('/api/indicators', {
      ...base,
      name: '固定资产投资',
      unit: '万元',
      aggregation: '求和',
      jumpPercent: 200,
      minValue: 0,
      isKey: true,
    }),
  );
  const tax = ok(
    await zzb.post('/api/indicators', { ...base, name: '税收收入', unit: '万元', aggregation: '求和', minValue: 0 }),
  );
  const ratio = ok(
    await zzb.post('/api/indicators', {
      ...base,
      reporterOrgIds: [],
      name: '投资税收比',
      unit: '%',
      aggregation: '比率',
      numeratorId: invest,
      denominatorId: tax,
    }),
  );
  return { invest, tax, ratio };
}
