/**
 * 调研成果: what a team found, recorded after the visit. A finding can become a 督查 task or a
 * rectification item, and every finding is shared (统一共享成果): the next team to the same place
 * sees what was found before.
 */
import type { Finding, FindingBody } from '../../../common/contracts/research.ts';
import { ROLE_PERMISSIONS } from '../../../common/enums.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { localDate } from '../../lib/clock.ts';
import { badRequest, forbidden } from '../../lib/errors.ts';
import { containsText } from '../../lib/like.ts';
import { orgInScope, pathUpper, type Actor } from '../../lib/scope.ts';
import { addItem } from '../rectifications/items.service.ts';
import { insertTask } from '../tasks/tasks.service.ts';
import { access } from './visits.service.ts';

const base = (db: Executor) =>
  db
    .selectFrom('research_finding as f')
    .innerJoin('research_visit as v', 'v.id', 'f.visit_id')
    .innerJoin('org_unit as o', 'o.id', 'f.org_id')
    .select([
      'f.id',
      'f.visit_id',
      'v.title',
      'v.leader',
      'v.start_date',
      'o.id as org_id',
      'o.name as org_name',
      'f.kind',
      'f.text',
      'f.task_id',
      'f.rectification_id',
      'f.created_at',
    ]);

type Row = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];
const shape = (r: Row): Finding => ({
  id: r.id,
  visitId: r.visit_id,
  visitTitle: r.title,
  leader: r.leader,
  visitDate: r.start_date,
  org: { id: r.org_id, name: r.org_name },
  kind: r.kind,
  text: r.text,
  taskId: r.task_id,
  rectificationId: r.rectification_id,
  createdAt: r.created_at,
});

/** Findings of one visit, or earlier findings at (or below) given places, within the caller's scope. */
export async function findingsFor(
  db: Executor,
  actor: Actor,
  f: { visitId?: number; paths?: string[]; notVisitId?: number },
): Promise<Finding[]> {
  let q = base(db).where('f.org_path', '>=', actor.scopePath).where('f.org_path', '<', pathUpper(actor.scopePath));
  if (f.visitId) q = q.where('f.visit_id', '=', f.visitId);
  if (f.paths) {
    if (!f.paths.length) return [];
    const paths = f.paths;
    q = q.where((eb) =>
      eb.or(paths.map((p) => eb.and([eb('f.org_path', '>=', p), eb('f.org_path', '<', pathUpper(p))]))),
    );
  }
  if (f.notVisitId) q = q.where('f.visit_id', '!=', f.notVisitId);
  return (await q.orderBy('f.id', 'desc').limit(50).execute()).map(shape);
}

/** The shared results: every finding in the caller's scope, optionally at one place's subtree. */
export async function list(
  ctx: Ctx,
  actor: Actor,
  f: { orgId?: number; q?: string; page?: number; pageSize?: number },
) {
  const page = f.page ?? 1;
  const pageSize = f.pageSize ?? 20;
  const path = f.orgId ? (await orgInScope(ctx.db, actor, f.orgId)).path : actor.scopePath;
  let q = ctx.db
    .selectFrom('research_finding as f')
    .where('f.org_path', '>=', path)
    .where('f.org_path', '<', pathUpper(path));
  if (f.q) q = q.where(containsText('f.text', f.q));
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const ids = await q
    .select('f.id')
    .orderBy('f.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const rows = ids.length
    ? await base(ctx.db)
        .where(
          'f.id',
          'in',
          ids.map((r) => r.id),
        )
        .orderBy('f.id', 'desc')
        .execute()
    : [];
  return { items: rows.map(shape), total: Number(total.n) };
}

/** Records a finding after the visit began; `outcome` turns it into a 督查 task or a rectification item in the same transaction. */
export async function record(ctx: Ctx, actor: Actor, visitId: number, b: FindingBody) {
  const outcome = b.outcome ?? 'none';
  if (outcome === 'task' && !ROLE_PERMISSIONS[actor.role].includes('task.manage'))
    throw forbidden('转为督查任务须由督查部门办理,您可以先记录调研发现');
  return ctx.db.transaction().execute(async (trx) => {
    const { v, owner } = await access(trx, actor, visitId);
    if (!owner) throw badRequest('NOT_VISIT_OWNER', '只有调研组所在单位可以记录调研成果');
    if (v.status !== '待统筹' && v.status !== '已确认')
      throw badRequest('VISIT_WRONG_STATUS', `调研当前为「${v.status}」,不能记录成果`);
    if (v.start_date > localDate(ctx.clock.now()))
      throw badRequest('VISIT_NOT_STARTED', `调研定于 ${v.start_date} 开始,调研后再记录成果`);
    const place = await trx
      .selectFrom('research_place')
      .select(['org_id', 'org_path'])
      .where('visit_id', '=', visitId)
      .where('org_id', '=', b.placeOrgId)
      .executeTakeFirst();
    if (!place) throw badRequest('FINDING_PLACE_INVALID', '调研发现须对应本次调研的地点');
    const text = b.text.trim();
    let taskId: number | null = null;
    let rectificationId: number | null = null;
    const lead = b.leadOrgId ?? b.placeOrgId;
    if (outcome === 'task') {
      taskId = await insertTask(
        trx,
        ctx,
        actor,
        { text: `【调研发现】${text}`, leadOrgId: lead, dueDate: b.dueDate ?? null, deadlineText: null },
        { label: '' },
      );
    } else if (outcome === 'rectification') {
      await orgInScope(trx, actor, lead);
      rectificationId = await addItem(trx, ctx, actor, {
        orgId: lead,
        issuerOrgId: actor.scopeOrgId,
        problem: text,
        source: '调研',
        sourceRef: `research_visit:${visitId}`,
        deadlineDate: b.dueDate ?? null,
      });
    }
    const r = await trx
      .insertInto('research_finding')
      .values({
        visit_id: visitId,
        org_id: place.org_id,
        org_path: place.org_path,
        kind: b.kind,
        text,
        task_id: taskId,
        rectification_id: rectificationId,
        created_by: actor.userId,
        created_at: nowIso(ctx),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(ctx, trx, actor, {
      action: 'research.finding',
      entity: 'research_finding',
      entityId: r.id,
      after: { visitId, placeOrgId: b.placeOrgId, kind: b.kind, outcome, taskId, rectificationId },
    });
    return { id: r.id, taskId, rectificationId };
  });
}
