import type { ScopeModule } from '../../test/scope-types.ts';
import { MEMBER_HEADER, openXlsx, sheet, upload, waitJob } from './test-helpers.ts';
import { makeId } from '../../test/fixtures.ts';

const B_MARKERS = ['乙镇', '赵四海', '钱文静', 'TB01'];
const textOf = async (raw: Buffer) => {
  const wb = await openXlsx(raw);
  const cells: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value ?? '')))));
  return cells.join('|');
};

/** Import jobs belong to their uploader; sheets may only name branches in the uploader's scope. */
const imports: ScopeModule = {
  async setup({ client }) {
    const townB = await client('town-b');
    const file = await sheet([MEMBER_HEADER, ['乙镇新党员', '', '', 'bad-id', '', '', 'TB01', '', '', '正式', '在职']]);
    const r = await upload(townB, '/api/import/members', file);
    await waitJob(townB, r.body.jobId);
    return { jobB: r.body.jobId };
  },
  cases: (ids, c) => ({
    'GET /api/import/templates/orgs': { kind: 'public', why: 'a blank template: no organization data' },
    'GET /api/import/templates/members': { kind: 'public', why: 'a blank template: no organization data' },
    'GET /api/import/jobs/:jobId': {
      kind: 'denied',
      attempts: () => [{ method: 'GET', url: `/api/import/jobs/${ids.jobB}` }],
    },
    'GET /api/import/jobs/:jobId/error-report': {
      kind: 'denied',
      attempts: () => [{ method: 'GET', url: `/api/import/jobs/${ids.jobB}/error-report` }],
    },
    'POST /api/import/members': {
      kind: 'custom',
      run: async (townA) => {
        const file = await sheet([
          MEMBER_HEADER,
          ['越权导入', '', '', makeId('1981-02-03', 777, '男'), '', '', 'TB01', '', '', '正式', '在职'],
        ]);
        const r = await upload(townA, '/api/import/members', file);
        if (r.status !== 202) return [`upload → ${r.status}`];
        const job = await waitJob(townA, r.body.jobId);
        return job.status === 'failed' && job.errorCount === 1 && !JSON.stringify(job).includes('乙镇')
          ? []
          : [`a 乙镇 branch code was accepted: ${JSON.stringify(job).slice(0, 200)}`];
      },
    },
    'POST /api/import/orgs': {
      kind: 'custom',
      run: async (townA) => {
        const file = await sheet([
          ['*组织编码', '*组织名称', '简称', '*组织类型', '*上级组织编码', '排序号'],
          ['HACKX', '越权支部', '', '党支部', 'TB', ''],
        ]);
        const r = await upload(townA, '/api/import/orgs', file);
        if (r.status !== 202) return [`upload → ${r.status}`];
        const job = await waitJob(townA, r.body.jobId);
        return job.status === 'failed' ? [] : ['an org was imported under 乙镇'];
      },
    },
    'GET /api/export/members': {
      kind: 'custom',
      run: async (townA) => {
        const out: string[] = [];
        const all = await townA.get('/api/export/members');
        const text = await textOf(all.raw);
        if (all.status !== 200 || B_MARKERS.some((m) => text.includes(m)))
          out.push(`export leaks 乙镇 (${all.status})`);
        if (!text.includes('张三明')) out.push('export of own members is empty (vacuous)');
        const b = await townA.get(`/api/export/members?orgId=${c.orgs.townB}`);
        if (b.status !== 404) out.push(`export of 乙镇 → ${b.status}`);
        return out;
      },
    },
    'GET /api/export/orgs': {
      kind: 'custom',
      run: async (townA) => {
        const out: string[] = [];
        const all = await townA.get('/api/export/orgs');
        const text = await textOf(all.raw);
        if (all.status !== 200 || B_MARKERS.some((m) => text.includes(m)))
          out.push(`org export leaks 乙镇 (${all.status})`);
        const b = await townA.get(`/api/export/orgs?parentId=${c.orgs.townB}`);
        if (b.status !== 404) out.push(`org export of 乙镇 → ${b.status}`);
        return out;
      },
    },
  }),
};
export default imports;
