import ExcelJS from 'exceljs';
import type { Attempt, Case, ScopeModule } from '../../test/scope-types.ts';
import type { Client } from '../../test/harness.ts';
import { leaks } from '../../test/scope.test-support.ts';
import { docxText } from '../tasks/tasks.test-support.ts';

const xlsxText = async (raw: Buffer) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(raw as any);
  const cells: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value ?? '')))));
  return cells.join('|');
};

/**
 * 乙镇's rectification items: one issued by the county and being worked on (measures and evidence
 * in place, so 申请销号 would be valid), one of 乙镇's own awaiting 销号, one closed with a 回头看
 * pending, and one closed whose 回头看 is due but not yet created (the scheduler must not be
 * triggered into 乙镇 by town-a). town-a sees none of them and can change none of them.
 */
const rectifications: ScopeModule = {
  async setup({ c, client, db }) {
    const zzb = await client('zzb');
    const townB = await client('town-b');
    const ok = (r: { status: number; body: any }, what: string) => {
      if (r.status >= 300)
        throw new Error(`rectifications scope setup: ${what} → ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    };
    const evidence = async (id: number, note: string) =>
      ok(
        await townB.post(`/api/rectifications/${id}/evidence`, {
          note,
          fileName: '乙镇佐证.txt',
          contentBase64: Buffer.from('乙镇佐证材料').toString('base64'),
        }),
        'evidence',
      ).id as number;
    const ready = async (cl: Client, orgId: number, problem: string) => {
      const id = ok(
        await cl.post('/api/rectifications', { orgId, problem, source: '督查', deadlineDate: '2030-12-31' }),
        'create',
      ).id as number;
      ok(
        await townB.patch(`/api/rectifications/${id}`, { measures: '乙镇整改措施', owner: '乙镇组织委员' }),
        'measures',
      );
      return id;
    };
    const closed = async (problem: string) => {
      const id = await ready(townB, c.orgs.b1, problem);
      await evidence(id, '乙镇整改佐证');
      ok(await townB.post(`/api/rectifications/${id}/apply-close`, {}), 'apply-close');
      // Not the account that applied: one account may not both apply for and approve 销号.
      ok(await zzb.post(`/api/rectifications/${id}/approve-close`, { opinion: '同意销号' }), 'approve-close');
      return id;
    };
    const setDue = (id: number) =>
      db.updateTable('rectification_item').set({ recheck_due_date: '2020-01-01' }).where('id', '=', id).execute();

    const open = await ready(zzb, c.orgs.townB, '乙镇党委软弱涣散整顿不到位');
    await evidence(open, '乙镇整顿台账');
    const applying = await ready(townB, c.orgs.b1, '乙镇南村三会一课不规范');
    const ev = await evidence(applying, '乙镇南村会议记录');
    ok(await townB.post(`/api/rectifications/${applying}/apply-close`, { note: '乙镇已整改' }), 'apply-close');
    const rechecking = await closed('乙镇南村党费收缴不及时');
    await setDue(rechecking);
    ok(await townB.post('/api/rectifications/rechecks/run'), 'rechecks/run');
    // Due after town-b's run: only a scheduler run reaching into 乙镇 would create its 回头看.
    const due = await closed('乙镇南村发展党员程序不规范');
    await setDue(due);
    return { open, applying, ev, rechecking, due, townB };
  },

  cases: (ids, c) => {
    const { open, applying, ev, rechecking, due } = ids;
    const townB = ids.townB as Client;
    const denied = (...attempts: Attempt[]): Case => ({ kind: 'denied', attempts: () => attempts });
    const post = (url: string, body: unknown = {}): Attempt => ({ method: 'POST', url, body });
    const I = (id: number) => `/api/rectifications/${id}`;
    const B = encodeURIComponent('乙镇');

    /** 200 and nothing of 乙镇, also when 乙镇 is asked for by org or keyword. */
    const jsonRun = (path: string, filters: string[]) => async (townA: Client) => {
      const out: string[] = [];
      for (const q of ['', ...filters]) {
        const r = await townA.get(`${path}${q}`);
        if (r.status !== 200 || leaks(r.body).length)
          out.push(`${path}${q} → ${r.status} ${JSON.stringify(r.body).slice(0, 160)}`);
      }
      return out;
    };
    const xlsx = (path: string, filters: string[]): Case => ({
      kind: 'custom',
      run: async (townA) => {
        const out: string[] = [];
        for (const q of ['', ...filters]) {
          const r = await townA.get(`${path}${q}`);
          if (r.status !== 200) {
            out.push(`${path}${q} → ${r.status}`);
            continue;
          }
          const l = leaks(await xlsxText(r.raw));
          if (l.length) out.push(`${path}${q} leaks ${l}`);
        }
        return out;
      },
    });

    return {
      'GET /api/rectifications': {
        kind: 'custom',
        run: async (townA) => {
          const out = await jsonRun('/api/rectifications', [
            `?orgId=${c.orgs.townB}`,
            `?orgId=${c.orgs.b1}&pageSize=500`,
            `?q=${B}`,
          ])(townA);
          // Not vacuous: town-b's own ledger lists its items.
          const own = await townB.get('/api/rectifications?pageSize=500');
          if (own.status !== 200 || own.body.total < 4 || !leaks(own.body).includes('乙镇'))
            out.push(`town-b cannot read its own ledger (${own.status} total ${own.body.total})`);
          return out;
        },
      },
      'GET /api/rectifications/export.xlsx': xlsx('/api/rectifications/export.xlsx', [
        `?orgId=${c.orgs.townB}`,
        `?q=${B}`,
      ]),
      'GET /api/rectifications/export.docx': {
        kind: 'custom',
        run: async (townA) => {
          const out: string[] = [];
          for (const q of ['', `?orgId=${c.orgs.townB}`, `?q=${B}`, '?overdue=false']) {
            const r = await townA.get(`/api/rectifications/export.docx${q}`);
            if (r.status !== 200) out.push(`export.docx${q} → ${r.status}`);
            else if (leaks(await docxText(r.raw)).length) out.push(`export.docx${q} leaks`);
          }
          // Not vacuous: town-b's own Word ledger holds its items.
          const own = await townB.get('/api/rectifications/export.docx');
          if (!(await docxText(own.raw)).includes('乙镇南村党费收缴不及时'))
            out.push('town-b export.docx misses its items');
          return out;
        },
      },
      'GET /api/rectifications/summary': {
        kind: 'custom',
        run: jsonRun('/api/rectifications/summary', [`?orgId=${c.orgs.b1}`]),
      },
      'GET /api/rectifications/summary.xlsx': xlsx('/api/rectifications/summary.xlsx', [`?orgId=${c.orgs.b1}`]),
      'POST /api/rectifications/rechecks/run': {
        kind: 'custom',
        run: async (townA) => {
          const r = await townA.post('/api/rectifications/rechecks/run');
          return r.status === 200 && r.body.created === 0
            ? []
            : [`town-a's scheduler run reached 乙镇's due 回头看 (item ${due}): ${r.status} ${JSON.stringify(r.body)}`];
        },
      },
      'GET /api/rectifications/:id': denied(
        ...[open, applying, rechecking, due].map((id) => ({ method: 'GET' as const, url: I(id) })),
      ),
      'POST /api/rectifications': denied(
        post('/api/rectifications', {
          orgId: c.orgs.b1,
          problem: '越权交办',
          source: '督查',
          deadlineDate: '2030-06-30',
        }),
        post('/api/rectifications', { orgId: c.orgs.townB, problem: '越权交办', source: '其他' }),
      ),
      'PATCH /api/rectifications/:id': denied({
        method: 'PATCH',
        url: I(open),
        body: { owner: '越权', measures: '越权措施' },
      }),
      'POST /api/rectifications/:id/evidence': denied(
        post(`${I(open)}/evidence`, { note: '越权佐证', fileName: 'x.txt', contentBase64: 'eA==' }),
      ),
      'GET /api/rectifications/:id/evidence/:evidenceId': denied({
        method: 'GET',
        url: `${I(applying)}/evidence/${ev}`,
      }),
      'POST /api/rectifications/:id/apply-close': denied(post(`${I(open)}/apply-close`, { note: '越权申请' })),
      'POST /api/rectifications/:id/approve-close': denied(
        post(`${I(applying)}/approve-close`, { opinion: '越权销号', recheckMonths: 1 }),
      ),
      'POST /api/rectifications/:id/reject-close': denied(post(`${I(applying)}/reject-close`, { opinion: '越权退回' })),
      'POST /api/rectifications/:id/recheck': denied(
        post(`${I(rechecking)}/recheck`, { recurred: true, note: '越权回头看' }),
      ),
    };
  },
};
export default rectifications;
