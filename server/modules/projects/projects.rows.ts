/**
 * A 重点项目 as a generator writes it straight into the database (the demo county, the benches):
 * a key-project task under way, reported monthly, led by one unit (its task_org row goes with it).
 * The application itself creates projects through the tasks module.
 */
import type { Executor } from '../../db/connect.ts';

export async function insertKeyProject(
  trx: Executor,
  p: {
    text: string;
    leadOrgId: number;
    year: number;
    issuedDate: string;
    createdBy: number;
    at: string;
    leader?: string | null;
    deadlineText?: string | null;
    targets?: string[];
    progress?: number;
    lastReportDate?: string | null;
  },
) {
  const { id } = await trx
    .insertInto('task')
    .values({
      document_id: null,
      passage_start: null,
      passage_end: null,
      parent_id: null,
      text: p.text,
      lead_org_id: p.leadOrgId,
      leader: p.leader ?? null,
      due_date: `${p.year}-12-31`,
      deadline_text: p.deadlineText ?? null,
      targets_json: JSON.stringify(p.targets ?? []),
      priority: '重要',
      key_project: 1,
      report_cycle: 'monthly',
      status: 'doing',
      progress: p.progress ?? 0,
      issued_date: p.issuedDate,
      accepted_date: p.issuedDate,
      last_report_date: p.lastReportDate ?? null,
      closed_at: null,
      light: 'green',
      light_reasons: '[]',
      created_by: p.createdBy,
      created_at: p.at,
      updated_at: p.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('task_org').values({ task_id: id, org_id: p.leadOrgId, role: 'lead' }).execute();
  return id;
}
