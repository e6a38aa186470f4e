/**
 * Nominations: a unit nominates a collective under it or a member of its subtree (事迹, 组织意见,
 * an optional attachment), submits; its superior 审核 (通过 / 退回 with a reason); the round's owner
 * 审定 within the quota (严格: refused past it; 提醒: accepted with a warning). A returned
 * nomination is corrected and submitted again; a member or a unit is nominated once per round.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import type { Decision, NominationInput, NominationPatch } from '../../../common/contracts/commendations.ts';
import { audit, nowIso, type Ctx } from '../../context.ts';
import { localDate } from '../../lib/clock.ts';
import { safeContentType } from '../../lib/content-type.ts';
import type { Executor } from '../../db/connect.ts';
import { badRequest, conflict, forbidden, notFound } from '../../lib/errors.ts';
import { fileTarget, openStored, putFile, removeFile } from '../../lib/files.ts';
import type { OutFile, Upload } from '../../lib/http.ts';
import { notify } from '../../lib/notify.ts';
import { type Actor, isInPath, orgInScope } from '../../lib/scope.ts';
import { baseFor, loadRound, mayReview, placesOf, type QuotaSpec, quotaBases } from './rounds.service.ts';

const SAFE_EXT = /^\.(pdf|docx?|xlsx?|jpe?g|png|zip)$/i;

/** The nomination if it lies in the caller's subtree, or the caller runs its round; otherwise 404. */
export async function loadNomination(db: Executor, actor: Actor, id: number) {
  const n = await db.selectFrom('commend_nomination').selectAll().where('id', '=', id).executeTakeFirst();
  if (!n) throw notFound('推荐', 'NOMINATION_NOT_FOUND');
  const r = await loadRound(db, actor, n.round_id).catch(() => null);
  if (!r || !(r.canManage || isInPath(n.org_path, actor.scopePath))) throw notFound('推荐', 'NOMINATION_NOT_FOUND');
  return { n, r };
}

function assertOpen(r: { status: string; deadline_date: string | null }, today?: string) {
  if (r.status !== '推荐中') throw conflict('COMMEND_ROUND_CLOSED', '本次表彰已进入公示或已发布,不能再推荐或修改');
  if (today && r.deadline_date && today > r.deadline_date)
    throw conflict('COMMEND_DEADLINE', `推荐已于 ${r.deadline_date} 截止`);
}
const deedsOf = (s: string) => {
  const t = s.trim();
  if (!t) throw badRequest('DEEDS_EMPTY', '请填写主要事迹');
  return t;
};

/** A draft nomination by a unit in the caller's scope, of a collective or a member in that unit's subtree. */
export async function create(ctx: Ctx, actor: Actor, roundId: number, b: NominationInput) {
  const deeds = deedsOf(b.deeds);
  return ctx.db.transaction().execute(async (trx) => {
    const r = await loadRound(trx, actor, roundId);
    assertOpen(r, localToday(ctx));
    const org = await orgInScope(trx, actor, b.orgId ?? actor.scopeOrgId);
    if (!isInPath(org.path, r.owner_path))
      throw badRequest('NOMINATOR_OUTSIDE', `${org.name}不在${r.owner_name}的表彰范围内`);
    let subject: { orgId: number | null; memberId: number | null; name: string; unit: string };
    if (b.category === '先进集体') {
      if (!b.subjectOrgId || b.memberId) throw badRequest('SUBJECT_REQUIRED', '先进集体须选择被推荐的单位(不是党员)');
      const s = await trx.selectFrom('org_unit').selectAll().where('id', '=', b.subjectOrgId).executeTakeFirst();
      if (!s || !isInPath(s.path, org.path))
        throw badRequest('NOMINEE_OUTSIDE', `被推荐的集体须是${org.name}或其下属单位`);
      if (s.path === r.owner_path) throw badRequest('NOMINEE_OWNER', '表彰单位本身不能被推荐为先进集体');
      const twice = await trx
        .selectFrom('commend_nomination')
        .select('category')
        .where('round_id', '=', roundId)
        .where('subject_org_id', '=', s.id)
        .executeTakeFirst();
      if (twice) throw badRequest('NOMINATED_TWICE', `${s.name}在本次表彰中已被推荐(${twice.category}),不能重复推荐`);
      subject = { orgId: s.id, memberId: null, name: s.name, unit: org.name };
    } else {
      if (!b.memberId || b.subjectOrgId) throw badRequest('SUBJECT_REQUIRED', `${b.category}须选择被推荐的党员`);
      const m = await trx
        .selectFrom('member as m')
        .innerJoin('org_unit as o', 'o.id', 'm.org_id')
        .select(['m.id', 'm.name', 'm.org_path', 'm.status', 'o.name as branch'])
        .where('m.id', '=', b.memberId)
        .executeTakeFirst();
      if (!m || !isInPath(m.org_path, org.path))
        throw badRequest('NOMINEE_OUTSIDE', `被推荐的党员须在${org.name}的党员名册中`);
      if (m.status !== '正常') throw badRequest('NOMINEE_STATUS', `${m.name}的党籍状态为「${m.status}」,不能推荐`);
      const twice = await trx
        .selectFrom('commend_nomination')
        .select('category')
        .where('round_id', '=', roundId)
        .where('member_id', '=', m.id)
        .executeTakeFirst();
      if (twice)
        throw badRequest('NOMINATED_TWICE', `${m.name}在本次表彰中已被推荐(${twice.category}),同一党员只能推荐一次`);
      subject = { orgId: null, memberId: m.id, name: m.name, unit: m.branch };
    }
    const quotas = JSON.parse(r.quotas_json) as QuotaSpec[];
    if (!quotas.some((q) => q.category === b.category))
      throw badRequest('CATEGORY_NOT_IN_ROUND', `本次表彰不设「${b.category}」`);
    const now = nowIso(ctx);
    const { id } = await trx
      .insertInto('commend_nomination')
      .values({
        round_id: roundId,
        category: b.category,
        org_id: org.id,
        org_path: org.path,
        subject_org_id: subject.orgId,
        member_id: subject.memberId,
        subject_name: subject.name,
        subject_unit: subject.unit,
        deeds,
        opinion: b.opinion?.trim() || null,
        file_name: null,
        stored_name: null,
        status: '草稿',
        return_reason: null,
        submitted_at: null,
        reviewed_by: null,
        reviewed_at: null,
        approved_by: null,
        approved_at: null,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(ctx, trx, actor, {
      action: 'commend.nominate',
      entity: 'commend_nomination',
      entityId: id,
      after: { roundId, category: b.category, subject: subject.name, orgId: org.id },
    });
    return { id };
  });
}
const localToday = (ctx: Ctx) => localDate(ctx.clock.now());

/** Edits 事迹 / 组织意见 of a draft or a returned nomination, by its unit. */
export async function patch(ctx: Ctx, actor: Actor, id: number, b: NominationPatch) {
  const deeds = b.deeds === undefined ? undefined : deedsOf(b.deeds);
  return ctx.db.transaction().execute(async (trx) => {
    const { n, r } = await ownNomination(trx, actor, id);
    assertOpen(r);
    await trx
      .updateTable('commend_nomination')
      .set({
        ...(deeds !== undefined && { deeds }),
        ...(b.opinion !== undefined && { opinion: b.opinion.trim() || null }),
        updated_at: nowIso(ctx),
      })
      .where('id', '=', id)
      .execute();
    await audit(ctx, trx, actor, {
      action: 'commend.nomination.edit',
      entity: 'commend_nomination',
      entityId: id,
      before: { deeds: n.deeds, opinion: n.opinion },
      after: { deeds: deeds ?? n.deeds, opinion: b.opinion ?? n.opinion },
    });
    return { ok: true };
  });
}

async function ownNomination(db: Executor, actor: Actor, id: number) {
  const x = await loadNomination(db, actor, id);
  if (!isInPath(x.n.org_path, actor.scopePath)) throw forbidden('只有推荐单位可以修改推荐材料');
  if (!['草稿', '已退回'].includes(x.n.status))
    throw conflict('NOMINATION_STATE', `推荐已${x.n.status},不能再修改(被退回后可修改)`);
  return x;
}

/** Attaches (or replaces) the supporting file; the old one is removed once the row points at the new. */
export async function attach(ctx: Ctx, actor: Actor, id: number, file: Upload) {
  if (!file.data.length) throw badRequest('FILE_EMPTY', '附件是空文件');
  const { n, r } = await ownNomination(ctx.db, actor, id);
  assertOpen(r);
  const ext = path.extname(file.filename);
  if (!SAFE_EXT.test(ext)) throw badRequest('FILE_TYPE', '附件须为 PDF、Word、Excel、图片或 zip 文件');
  const stored = `${id}/${crypto.randomBytes(12).toString('hex')}${ext.toLowerCase()}`;
  await putFile(fileTarget(ctx), 'commend', stored, file.data);
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('commend_nomination')
        .set({ file_name: file.filename.slice(0, 200), stored_name: stored, updated_at: nowIso(ctx) })
        .where('id', '=', id)
        .execute();
      await audit(ctx, trx, actor, {
        action: 'commend.nomination.attach',
        entity: 'commend_nomination',
        entityId: id,
        before: { fileName: n.file_name },
        after: { fileName: file.filename, size: file.data.length },
      });
    });
  } catch (e) {
    await removeFile(fileTarget(ctx), 'commend', stored);
    throw e;
  }
  if (n.stored_name) await removeFile(fileTarget(ctx), 'commend', n.stored_name);
  return { ok: true };
}

export async function download(ctx: Ctx, actor: Actor, id: number): Promise<OutFile> {
  const { n } = await loadNomination(ctx.db, actor, id);
  if (!n.stored_name || !n.file_name) throw notFound('附件', 'ATTACHMENT_NOT_FOUND');
  return {
    fileName: n.file_name,
    type: safeContentType(n.file_name),
    data: await openStored(ctx, 'commend', n.stored_name),
  };
}

/** 报送: to the superior for 审核; a unit that is the round's owner itself goes straight to 审定. */
export async function submit(ctx: Ctx, actor: Actor, id: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const { n, r } = await ownNomination(trx, actor, id);
    assertOpen(r, localToday(ctx));
    const self = n.org_path === r.owner_path;
    const now = nowIso(ctx);
    await trx
      .updateTable('commend_nomination')
      .set({ status: self ? '已审核' : '已报送', submitted_at: now, updated_at: now, return_reason: null })
      .where('id', '=', id)
      .execute();
    await audit(ctx, trx, actor, {
      action: 'commend.nomination.submit',
      entity: 'commend_nomination',
      entityId: id,
      before: { status: n.status },
      after: { status: self ? '已审核' : '已报送' },
    });
    const parent = await trx.selectFrom('org_unit').select('parent_id').where('id', '=', n.org_id).executeTakeFirst();
    if (parent?.parent_id)
      await notify(trx, ctx, {
        orgId: self ? r.owner_org_id : parent.parent_id,
        taskId: null,
        kind: 'commend',
        message: `${r.name}:收到推荐「${n.subject_name}(${n.category})」,请审核`,
        dedupeKey: `commend:submit:${id}:${now}`,
        link: `/assessment/commendations?round=${r.id}`,
      });
    return { ok: true };
  });
}

/** 审核 by the superior: 通过 → to the owner for 审定; 退回 with a reason → back to the unit. */
export async function review(ctx: Ctx, actor: Actor, id: number, b: Decision) {
  return ctx.db.transaction().execute(async (trx) => {
    const { n, r } = await loadNomination(trx, actor, id);
    assertOpen(r);
    if (!mayReview(n.org_path, actor)) throw forbidden('由推荐单位的上级党组织审核');
    if (n.status !== '已报送') throw conflict('NOMINATION_STATE', `推荐${n.status},不在待审核状态`);
    return decide(ctx, trx, actor, n, r, b, '已审核', 'commend.nomination.review');
  });
}

/** 审定 by the round's owner, within the category's quota (严格 refuses, 提醒 warns). */
export async function approve(ctx: Ctx, actor: Actor, id: number, b: Decision) {
  return ctx.db.transaction().execute(async (trx) => {
    const { n, r } = await loadNomination(trx, actor, id);
    assertOpen(r);
    if (!r.canManage) throw forbidden('由表彰单位审定');
    if (n.status !== '已审核') throw conflict('NOMINATION_STATE', `推荐${n.status},须经上级审核通过后才能审定`);
    let warning: string | null = null;
    if (b.pass) {
      const q = (JSON.parse(r.quotas_json) as QuotaSpec[]).find((x) => x.category === n.category);
      if (q) {
        const base = baseFor(n.category, await quotaBases(trx, r.owner_path));
        const places = placesOf(q, base);
        const { c } = await trx
          .selectFrom('commend_nomination')
          .select((eb) => eb.fn.countAll<number>().as('c'))
          .where('round_id', '=', r.id)
          .where('category', '=', n.category)
          .where('status', '=', '已审定')
          .executeTakeFirstOrThrow();
        if (Number(c) + 1 > places) {
          const basis =
            q.count != null ? '' : `(${n.category === '先进集体' ? '单位' : '党员'} ${base} 的 ${q.percent}%)`;
          const msg = `${n.category}名额 ${places} 个${basis},已审定 ${Number(c)} 个,超出名额`;
          if (r.quota_mode === '严格') throw badRequest('QUOTA_EXCEEDED', `${msg},不能再审定`);
          warning = `${msg}(本次表彰设为超额提醒,已审定)`;
        }
      }
    }
    const out = await decide(ctx, trx, actor, n, r, b, '已审定', 'commend.nomination.approve', warning);
    return { ...out, warning };
  });
}

async function decide(
  ctx: Ctx,
  trx: Executor,
  actor: Actor,
  n: { id: number; status: string; org_id: number; subject_name: string; category: string },
  r: { id: number; name: string },
  b: Decision,
  passTo: '已审核' | '已审定',
  action: string,
  warning: string | null = null,
) {
  const reason = b.reason?.trim() ?? '';
  if (!b.pass && reason.length < 2) throw badRequest('REASON_REQUIRED', '退回须写明理由');
  const now = nowIso(ctx);
  const to = b.pass ? passTo : '已退回';
  await trx
    .updateTable('commend_nomination')
    .set({
      status: to,
      return_reason: b.pass ? null : reason,
      updated_at: now,
      ...(passTo === '已审核' ? { reviewed_by: actor.userId, reviewed_at: now } : {}),
      ...(passTo === '已审定' && b.pass ? { approved_by: actor.userId, approved_at: now } : {}),
    })
    .where('id', '=', n.id)
    .execute();
  await audit(ctx, trx, actor, {
    action,
    entity: 'commend_nomination',
    entityId: n.id,
    before: { status: n.status },
    after: { status: to, reason: reason || undefined, warning: warning ?? undefined },
  });
  if (!b.pass)
    await notify(trx, ctx, {
      orgId: n.org_id,
      taskId: null,
      kind: 'commend',
      message: `${r.name}:推荐「${n.subject_name}(${n.category})」被退回:${reason}`,
      dedupeKey: `commend:return:${n.id}:${now}`,
      link: `/assessment/commendations?round=${r.id}`,
    });
  return { ok: true };
}
