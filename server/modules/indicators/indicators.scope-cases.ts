import ExcelJS from 'exceljs';
import type { Attempt, Case, ScopeModule } from '../../test/scope-types.ts';
import type { Client } from '../../test/harness.ts';
import { upload } from '../imports/test-helpers.ts';

const B_MARKERS = ['乙镇', '赵四海', '钱文静', 'TB01', 'town-b'];
const leaks = (x: unknown) => B_MARKERS.filter((m) => (typeof x === 'string' ? x : JSON.stringify(x)).includes(m));
const pad = (n: number) => String(n).padStart(2, '0');
/** Last month (its grid is open until the 10th of this month, so town-b can fill it). */
function lastMonth() {
  const d = new Date(Date.now() + 8 * 3600_000);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  return m === 0 ? `${y - 1}-12` : `${y}-${pad(m)}`;
}

/**
 * 乙镇's indicator data: an indicator of its own (owned by 乙镇, reported by 南村), its targets on
 * a shared indicator, and its submitted grid. town-a sees none of it and can change none of it.
 */
const indicators: ScopeModule = {
  async setup({ c, client }) {
    const zzb = await client('zzb');
    const townB = await client('town-b');
    const ok = (r: { status: number; body: any }, what: string) => {
      if (r.status >= 300) throw new Error(`indicators scope setup: ${what} → ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    };
    const period = lastMonth();
    const year = Number(period.slice(0, 4));
    const shared = ok(
      await zzb.post('/api/indicators', {
        name: '全县农业产值',
        unit: '万元',
        frequency: '月',
        aggregation: '求和',
        source: '手工填报',
        ownerOrgId: c.orgs.dept,
        reporterOrgIds: [c.orgs.townA, c.orgs.townB],
      }),
      'shared',
    ).id as number;
    const own = ok(
      await zzb.post('/api/indicators', {
        name: '乙镇特色茶叶产值',
        unit: '万元',
        frequency: '月',
        aggregation: '求和',
        source: '手工填报',
        ownerOrgId: c.orgs.townB,
        reporterOrgIds: [c.orgs.townB],
      }),
      'own',
    ).id as number;
    ok(
      await zzb.post(`/api/indicators/${shared}/targets`, {
        orgId: c.orgs.townB,
        year,
        annual: 900,
        sourceRef: '乙镇责任书',
      }),
      'target',
    );
    ok(await zzb.post(`/api/indicators/${own}/targets`, { orgId: c.orgs.townB, year, annual: 500 }), 'target');
    ok(
      await zzb.post(`/api/indicators/${own}/official`, {
        rows: [{ orgId: c.orgs.townB, period, value: 40 }],
        batch: '乙镇统计站',
      }),
      'official',
    );
    ok(
      await townB.post(`/api/indicator-reports/${c.orgs.townB}/${period}`, {
        values: [
          { indicatorId: shared, value: 77 },
          { indicatorId: own, value: 42, note: '乙镇茶季' },
        ],
      }),
      'grid',
    );
    ok(await townB.post(`/api/indicator-reports/${c.orgs.townB}/${period}/submit`), 'submit');
    return { shared, own, period, year, townB };
  },

  cases: (ids, c) => {
    const { shared, own, period, year } = ids;
    const B = c.orgs.townB;
    const G = `/api/indicator-reports/${B}/${period}`;
    const denied = (...attempts: Attempt[]): Case => ({ kind: 'denied', attempts: () => attempts });
    const get = (url: string): Attempt => ({ method: 'GET', url });
    const post = (url: string, body: unknown = {}): Attempt => ({ method: 'POST', url, body });
    const input = {
      name: '越权指标',
      unit: '万元',
      frequency: '月',
      aggregation: '求和',
      source: '手工填报',
      ownerOrgId: B,
      reporterOrgIds: [B],
    };
    return {
      'GET /api/indicators': {
        kind: 'custom',
        run: async (townA: Client) => {
          const out: string[] = [];
          const r = await townA.get('/api/indicators');
          if (r.status !== 200 || leaks(r.body).length || r.body.items.some((i: any) => i.id === own))
            out.push(`list → ${r.status} ${JSON.stringify(r.body).slice(0, 160)}`);
          const own2 = await (ids.townB as Client).get('/api/indicators');
          if (!own2.body.items.some((i: any) => i.id === own))
            out.push('town-b does not see its own indicator (vacuous)');
          return out;
        },
      },
      'POST /api/indicators': denied(post('/api/indicators', input)),
      'GET /api/indicators/figures': { kind: 'list', url: () => '/api/indicators/figures' },
      'GET /api/indicators/settings': {
        kind: 'public',
        why: 'the county-wide deadline day and light points; no org data',
      },
      'PATCH /api/indicators/settings': denied({
        method: 'PATCH',
        url: '/api/indicators/settings',
        body: { deadlineDay: 1, aheadPoints: 0, yellowPoints: 0, redPoints: 0 },
      }),
      'GET /api/indicators/cockpit': denied(get(`/api/indicators/cockpit?period=${period}&orgId=${B}`)),
      'GET /api/indicators/dispatch.xlsx': {
        kind: 'custom',
        run: async (townA: Client) => {
          const out: string[] = [];
          const r = await townA.get(`/api/indicators/dispatch.xlsx?period=${period}&orgId=${B}`);
          if (r.status !== 404) out.push(`乙镇 dispatch → ${r.status}`);
          const own2 = await townA.get(`/api/indicators/dispatch.xlsx?period=${period}`);
          if (own2.status !== 200) out.push(`own dispatch → ${own2.status}`);
          else {
            const wb = new ExcelJS.Workbook();
            await wb.xlsx.load(own2.raw as any);
            const cells: string[] = [];
            wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value ?? '')))));
            if (leaks(cells.join('|')).length) out.push('own dispatch leaks 乙镇');
          }
          return out;
        },
      },
      'GET /api/indicators/:id': denied(get(`/api/indicators/${own}`)),
      'PATCH /api/indicators/:id': denied(
        { method: 'PATCH', url: `/api/indicators/${own}`, body: input },
        { method: 'PATCH', url: `/api/indicators/${shared}`, body: input },
      ),
      'GET /api/indicators/:id/targets': {
        kind: 'custom',
        run: async (townA: Client) => {
          const out: string[] = [];
          const a = await townA.get(`/api/indicators/${own}/targets?year=${year}`);
          if (a.status !== 404) out.push(`乙镇 indicator targets → ${a.status}`);
          const b = await townA.get(`/api/indicators/${shared}/targets?year=${year}`);
          if (b.status !== 200 || leaks(b.body).length)
            out.push(`shared targets → ${b.status} ${JSON.stringify(b.body).slice(0, 120)}`);
          return out;
        },
      },
      'POST /api/indicators/:id/targets': denied(
        post(`/api/indicators/${shared}/targets`, { orgId: B, year, annual: 1 }),
      ),
      'GET /api/indicators/:id/values': denied(
        get(`/api/indicators/${shared}/values?year=${year}&orgId=${B}`),
        get(`/api/indicators/${own}/values?year=${year}`),
      ),
      'GET /api/indicators/:id/ranking': denied(
        get(`/api/indicators/${shared}/ranking?period=${period}&orgId=${B}`),
        get(`/api/indicators/${own}/ranking?period=${period}`),
      ),
      'GET /api/indicators/:id/official': denied(get(`/api/indicators/${own}/official?year=${year}`)),
      'POST /api/indicators/:id/official': denied(
        post(`/api/indicators/${shared}/official`, { rows: [{ orgId: B, period, value: 1 }], batch: '越权导入' }),
      ),
      'GET /api/indicator-reports': {
        kind: 'custom',
        run: async (townA: Client) => {
          const out: string[] = [];
          const a = await townA.get(`/api/indicator-reports?period=${period}&orgId=${B}`);
          if (a.status !== 404) out.push(`乙镇 reports → ${a.status}`);
          const b = await townA.get(`/api/indicator-reports?period=${period}`);
          if (b.status !== 200 || leaks(b.body).length)
            out.push(`own reports → ${b.status} ${JSON.stringify(b.body).slice(0, 120)}`);
          return out;
        },
      },
      'GET /api/indicator-reports/rates': denied(get(`/api/indicator-reports/rates?year=${year}&orgId=${B}`)),
      'GET /api/indicator-reports/:orgId/:period': denied(get(G)),
      'POST /api/indicator-reports/:orgId/:period': denied(post(G, { values: [{ indicatorId: shared, value: 1 }] })),
      'GET /api/indicator-reports/:orgId/:period/template.xlsx': denied(get(`${G}/template.xlsx`)),
      'POST /api/indicator-reports/:orgId/:period/upload': {
        kind: 'custom',
        run: async (townA: Client) => {
          const wb = new ExcelJS.Workbook();
          const ws = wb.addWorksheet('填报');
          ws.addRow(['编号', '指标', '本月数值']);
          ws.addRow([shared, '全县农业产值', 1]);
          const r = await upload(townA, `${G}/upload`, Buffer.from(await wb.xlsx.writeBuffer()));
          return r.status === 404 ? [] : [`upload into 乙镇 → ${r.status}`];
        },
      },
      'POST /api/indicator-reports/:orgId/:period/submit': denied(post(`${G}/submit`)),
      'POST /api/indicator-reports/:orgId/:period/approve': denied(post(`${G}/approve`)),
      'POST /api/indicator-reports/:orgId/:period/return': denied(post(`${G}/return`, { reason: '越权退回' })),
      'POST /api/indicator-reports/:orgId/:period/unlock': denied(
        post(`${G}/unlock`, { reason: '越权解锁', untilDate: '2099-01-01' }),
      ),
    };
  },
};
export default indicators;
