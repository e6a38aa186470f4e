/**
 * The review step: run the extractor over a stored document (nothing saved), pre-fill lead and
 * cooperating org ids from the unit names it found, then publish the reviewed rows as tasks that
 * keep the document id and passage offsets. Publishing is all-or-nothing.
 */
import type { Extraction, PublishRow } from '../../../common/contracts/documents.ts';
import { extractTasks } from '../../../extract/index.ts';
import { TASK_REASONS } from '../../../extract/types.ts';
import type { Ctx } from '../../context.ts';
import { audit } from '../../context.ts';
import { AppError, badRequest } from '../../lib/errors.ts';
import { pathUpper, type Actor } from '../../lib/scope.ts';
import { insertTask } from '../tasks/tasks.service.ts';
import { lessonsFor } from './corrections.service.ts';
import { visibleDocument } from './documents.service.ts';
import { clear as clearDraft } from './draft.service.ts';
import { makeMatcher, type OrgLite } from './org-match.ts';

async function scopeOrgs(ctx: Ctx, actor: Actor): Promise<OrgLite[]> {
  const rows = await ctx.db
    .selectFrom('org_unit')
    .select(['id', 'name', 'short_name', 'type', 'depth'])
    .where('path', '>=', actor.scopePath)
    .where('path', '<', pathUpper(actor.scopePath))
    .where('status', '=', '正常')
    .where('type', 'not in', ['党小组', '网格'])
    .orderBy('path')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, shortName: r.short_name, type: r.type, depth: r.depth }));
}

/** Proposals for the review table; the document is not changed. */
export async function extract(ctx: Ctx, actor: Actor, id: number): Promise<Extraction> {
  const doc = await visibleDocument(ctx.db, actor, id);
  const orgs = await scopeOrgs(ctx, actor);
  const names = [...new Set(orgs.flatMap((o) => [o.name, ...(o.shortName ? [o.shortName] : [])]))];
  const { count: learnt, ...corrections } = await lessonsFor(ctx, actor);
  const res = extractTasks(doc.text, { referenceDate: doc.doc_date, units: names, corrections });
  const match = makeMatcher(orgs);
  const nameToId = new Map<string, number>();
  for (const o of orgs) {
    nameToId.set(o.name, o.id);
    if (o.shortName) nameToId.set(o.shortName, o.id);
  }
  const resolve = (texts: string[], mapped?: { text: string; name: string | null }[]) => {
    const ids: number[] = [];
    const unmatched: string[] = [];
    for (const t of texts) {
      const canon = mapped?.find((m) => m.text === t)?.name;
      const found = canon && nameToId.has(canon) ? [nameToId.get(canon)!] : match(t);
      if (found.length) ids.push(...found);
      else unmatched.push(t);
    }
    return { ids: [...new Set(ids)], unmatched };
  };
  const tasks = res.tasks.map((t) => {
    const lead = resolve(t.units, t.unitsMapped);
    const co = resolve(t.cooperating, t.cooperatingMapped);
    // 各镇 yields several leads: the first leads, the rest cooperate — the reviewer can split the row.
    const [leadOrgId = null, ...extraLeads] = lead.ids;
    const dueDate = t.deadline && (t.deadline.kind === 'date' || t.deadline.kind === 'period') ? t.deadline.to : null;
    return {
      text: t.text,
      start: t.start,
      end: t.end,
      units: t.units,
      cooperating: t.cooperating,
      deadline: t.deadline,
      targets: t.targets,
      heading: t.heading ?? null,
      leadOrgId,
      leadOrgIds: lead.ids,
      coOrgIds: [...new Set([...extraLeads, ...co.ids])].filter((x) => x !== leadOrgId),
      dueDate: dueDate && dueDate >= doc.doc_date ? dueDate : null,
      unmatched: [...lead.unmatched, ...co.unmatched],
      // why the row is a task and where its unit came from ('correction': a past correction chose it)
      unitSource: t.unitSource ?? null,
      proposals: t.proposals ?? [],
      confidence: t.confidence ?? null,
      reasons: t.reasons ?? [],
      reasonLabels: (t.reasons ?? []).map((r) => TASK_REASONS[r]),
    };
  });
  return { tasks, warnings: res.warnings, learnt };
}

/** Creates one task per reviewed row, linked to the document passage; refuses the whole batch on any bad row. */
export async function publish(ctx: Ctx, actor: Actor, id: number, rows: PublishRow[]) {
  if (!rows.length) throw badRequest('NO_TASKS', '没有要发布的任务');
  return ctx.db.transaction().execute(async (trx) => {
    const doc = await visibleDocument(trx, actor, id);
    if (!doc.owned) throw new AppError('DOCUMENT_NOT_OWNED', 403, '只有发文单位(或其上级)可以从此文件发布任务');
    const taskIds: number[] = [];
    for (const [i, r] of rows.entries()) {
      const label = rows.length > 1 ? `第 ${i + 1} 条任务:` : '';
      if (r.end > doc.text.length) throw badRequest('PASSAGE_INVALID', `${label}原文位置超出文件长度`);
      taskIds.push(
        await insertTask(trx, ctx, actor, r, {
          label,
          documentId: id,
          notBefore: doc.doc_date,
          notBeforeLabel: '会议日期',
        }),
      );
    }
    await audit(ctx, trx, actor, { action: 'document.publish', entity: 'document', entityId: id, after: { taskIds } });
    // the working copy is done with; rows left unpublished are saved again by the page as a new draft
    await clearDraft(ctx, trx, actor, id, 'publish');
    return { taskIds };
  });
}
