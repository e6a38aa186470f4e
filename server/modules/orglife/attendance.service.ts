/**
 * What the secretary records beside check-ins — 请假 and 补签, each with a reason (audited),
 * invited 列席 — and what the meeting produced: minutes (.docx or text), resolutions (one can
 * become a 督查督办 task), attachments (photos, the scanned sign-in sheet).
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { fileTarget, openStored, putFile, removeFile } from '../../lib/files.ts';
import type { AttendanceBody, GuestBody, ResolutionTaskBody } from '../../../common/contracts/orglife.ts';
import { ATTACHMENT_KINDS } from '../../../common/enums.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { safeContentType } from '../../lib/content-type.ts';
import { badRequest, conflict, notFound } from '../../lib/errors.ts';
import { docxText } from '../../lib/sandbox.ts';
import { isInPath, type Actor } from '../../lib/scope.ts';
import { insertTask } from '../tasks/tasks.service.ts';
import { branchIdOf, editableMeeting, visibleMeeting } from './access.ts';
import { afterChange, recount } from './records.ts';

/** 请假 / 补签 / back to 缺席, with the reason; a change of 实到 recomputes what depends on it. */
export async function recordAttendance(ctx: Ctx, actor: Actor, id: number, b: AttendanceBody) {
  const reason = b.reason.trim();
  if (!reason) throw badRequest('REASON_REQUIRED', '请填写原因');
  return ctx.db.transaction().execute(async (trx) => {
    const m = await editableMeeting(trx, actor, id);
    const row = await trx
      .selectFrom('meeting_attendee as a')
      .innerJoin('member as p', 'p.id', 'a.member_id')
      .select(['a.status', 'a.role', 'p.name'])
      .where('a.meeting_id', '=', id)
      .where('a.member_id', '=', b.memberId)
      .executeTakeFirst();
    if (!row) throw badRequest('NOT_ON_ROSTER', '该党员不在本次会议的应到或列席名单中');
    const here = row.status === '出席' || row.status === '补签';
    if (b.status === '补签') {
      if (m.status !== '已召开') throw conflict('MEETING_NOT_HELD', '会议尚未召开,不能补签');
      if (here) throw conflict('ALREADY_CHECKED_IN', `${row.name}已签到,无需补签`);
    }
    if (b.status === '请假' && here) throw conflict('ALREADY_CHECKED_IN', `${row.name}已签到,不能再登记请假`);
    if (b.status === '缺席' && row.status === '缺席') throw conflict('ALREADY_ABSENT', `${row.name}本来就是缺席`);
    if (b.status === '请假' && row.status === '请假') throw conflict('ALREADY_ON_LEAVE', `${row.name}已登记请假`);
    await trx
      .updateTable('meeting_attendee')
      .set({
        status: b.status,
        reason: b.status === '缺席' ? null : reason,
        via: b.status === '补签' ? '补签' : null,
        at: b.status === '缺席' ? null : nowIso(ctx),
        by_user: actor.userId,
      })
      .where('meeting_id', '=', id)
      .where('member_id', '=', b.memberId)
      .execute();
    await recount(trx, id);
    if (m.status === '已召开')
      await afterChange(trx, ctx.clock.now(), m, [Number(m.held_date.slice(0, 4))], [b.memberId]);
    await audit(ctx, trx, actor, {
      action: 'meeting.attendance',
      entity: 'meeting',
      entityId: id,
      before: { memberId: b.memberId, status: row.status },
      after: { memberId: b.memberId, status: b.status, reason },
    });
    return { ok: true };
  });
}

/** Invites a 列席: a member of the caller's scope (who may then check in) or a named outsider. */
export async function addGuest(ctx: Ctx, actor: Actor, id: number, b: GuestBody) {
  if (!b.memberId && !b.name?.trim()) throw badRequest('GUEST_REQUIRED', '请选择列席党员或填写列席人员姓名');
  return ctx.db.transaction().execute(async (trx) => {
    const m = await editableMeeting(trx, actor, id);
    let guestId: number;
    if (b.memberId) {
      const p = await trx
        .selectFrom('member')
        .select(['id', 'name', 'org_path', 'status'])
        .where('id', '=', b.memberId)
        .executeTakeFirst();
      if (p?.status !== '正常' || !isInPath(p.org_path, actor.scopePath))
        throw badRequest('GUEST_NOT_FOUND', '列席党员不存在或不在您的管辖范围内;其他单位人员请按姓名添加');
      const dup = await trx
        .selectFrom('meeting_attendee')
        .select('role')
        .where('meeting_id', '=', id)
        .where('member_id', '=', p.id)
        .executeTakeFirst();
      if (dup) throw conflict('GUEST_DUPLICATE', `${p.name}已在本次会议的${dup.role}名单中`);
      await trx
        .insertInto('meeting_attendee')
        .values({
          meeting_id: id,
          member_id: p.id,
          role: '列席',
          voting: 0,
          status: '缺席',
          reason: null,
          via: null,
          at: null,
          by_user: actor.userId,
          code_hash: null,
        })
        .execute();
      guestId = p.id;
    } else {
      const g = await trx
        .insertInto('meeting_guest')
        .values({ meeting_id: id, name: b.name!.trim(), unit: b.unit?.trim() || null, created_at: nowIso(ctx) })
        .returning('id')
        .executeTakeFirstOrThrow();
      guestId = g.id;
    }
    await recount(trx, id);
    await audit(ctx, trx, actor, {
      action: 'meeting.guest',
      entity: 'meeting',
      entityId: id,
      after: { memberId: b.memberId ?? null, name: b.name ?? null, unit: b.unit ?? null, orgId: m.org_id },
    });
    return { id: guestId };
  });
}

export async function addResolution(ctx: Ctx, actor: Actor, id: number, text: string) {
  const t = text.trim();
  if (!t) throw badRequest('RESOLUTION_EMPTY', '决议内容不能为空');
  return ctx.db.transaction().execute(async (trx) => {
    await editableMeeting(trx, actor, id);
    const r = await trx
      .insertInto('meeting_resolution')
      .values({ meeting_id: id, text: t, task_id: null, created_at: nowIso(ctx) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(ctx, trx, actor, {
      action: 'meeting.resolution',
      entity: 'meeting',
      entityId: id,
      after: { resolutionId: r.id, text: t },
    });
    return { id: r.id };
  });
}

/**
 * A resolution becomes a task in 督查督办 (lead unit: the branch, or another org of the caller's
 * scope), so that what the meeting decided is followed through with the task machinery.
 */
export async function resolutionToTask(ctx: Ctx, actor: Actor, id: number, rid: number, b: ResolutionTaskBody) {
  return ctx.db.transaction().execute(async (trx) => {
    const m = await editableMeeting(trx, actor, id);
    if (m.status !== '已召开') throw conflict('MEETING_NOT_HELD', '会议尚未召开,决议还不能交办');
    const r = await trx
      .selectFrom('meeting_resolution')
      .selectAll()
      .where('id', '=', rid)
      .where('meeting_id', '=', id)
      .executeTakeFirst();
    if (!r) throw notFound('决议', 'RESOLUTION_NOT_FOUND');
    if (r.task_id) throw conflict('RESOLUTION_HAS_TASK', `该决议已转为督办任务 #${r.task_id}`);
    if (b.dueDate && b.dueDate < m.held_date)
      throw badRequest('DUE_BEFORE_MEETING', `完成时限 ${b.dueDate} 早于会议日期 ${m.held_date}`);
    const taskId = await insertTask(
      trx,
      ctx,
      actor,
      { text: r.text, leadOrgId: b.leadOrgId ?? branchIdOf(m), dueDate: b.dueDate ?? null, deadlineText: null },
      { label: '' },
    );
    await trx.updateTable('meeting_resolution').set({ task_id: taskId }).where('id', '=', rid).execute();
    await audit(ctx, trx, actor, {
      action: 'meeting.resolution_task',
      entity: 'meeting',
      entityId: id,
      after: { resolutionId: rid, taskId },
    });
    return { taskId };
  });
}

const SAFE_EXT = /^\.[a-z0-9]{1,8}$/i;
const MAX_FILE = 20 * 1024 * 1024;

async function store(
  ctx: Ctx,
  actor: Actor,
  id: number,
  file: { filename: string; mimetype: string; data: Buffer },
  kind: string,
  extra?: (trx: Executor) => Promise<void>,
) {
  const ext = path.extname(file.filename);
  const stored = `${id}/${crypto.randomBytes(12).toString('hex')}${SAFE_EXT.test(ext) ? ext.toLowerCase() : ''}`;
  await putFile(fileTarget(ctx), 'orglife', stored, file.data);
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      await editableMeeting(trx, actor, id);
      const a = await trx
        .insertInto('meeting_attachment')
        .values({
          meeting_id: id,
          kind,
          file_name: file.filename.slice(0, 200),
          stored_name: stored,
          // Decided by the server from the name, never the uploader's claim (lib/content-type.ts).
          mime: safeContentType(file.filename),
          size: file.data.length,
          sha256: crypto.createHash('sha256').update(file.data).digest('hex'),
          uploaded_by: actor.userId,
          uploaded_at: nowIso(ctx),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (extra) await extra(trx);
      await audit(ctx, trx, actor, {
        action: 'meeting.attach',
        entity: 'meeting',
        entityId: id,
        after: { attachmentId: a.id, kind, fileName: file.filename, size: file.data.length },
      });
      return a.id;
    });
  } catch (e) {
    await removeFile(fileTarget(ctx), 'orglife', stored);
    throw e;
  }
}

function checkFile(file: { data: Buffer }) {
  if (!file.data.length) throw badRequest('FILE_EMPTY', '上传的文件为空');
  if (file.data.length > MAX_FILE) throw badRequest('FILE_TOO_LARGE', '单个附件不能超过 20 MB');
}

/** An attachment (photo, scanned sign-in sheet …), stored with uploader and server time. */
export async function attach(
  ctx: Ctx,
  actor: Actor,
  id: number,
  file: { filename: string; mimetype: string; data: Buffer },
  kind: string,
) {
  checkFile(file);
  if (!(ATTACHMENT_KINDS as readonly string[]).includes(kind))
    throw badRequest('ATTACHMENT_KIND_INVALID', `附件类别应为:${ATTACHMENT_KINDS.join('、')}`);
  await visibleMeeting(ctx.db, actor, id);
  return { id: await store(ctx, actor, id, file, kind) };
}

/**
 * Minutes as a Word document: refused unless it really is a .docx (a zip that mammoth reads, in the parse sandbox); its
 * text becomes the meeting's 会议内容 and the file is kept as the 会议记录 attachment.
 */
export async function uploadMinutes(
  ctx: Ctx,
  actor: Actor,
  id: number,
  file: { filename: string; mimetype: string; data: Buffer },
) {
  checkFile(file);
  await editableMeeting(ctx.db, actor, id);
  const notDocx = () =>
    badRequest(
      'MINUTES_NOT_DOCX',
      `文件「${file.filename}」不是有效的 Word 文档(.docx),请用 Word 打开后“另存为 .docx”再上传,或直接填写会议内容`,
    );
  if (file.data[0] !== 0x50 || file.data[1] !== 0x4b) throw notDocx();
  // Read in the parse sandbox, bounded like a 述职报告 (the minutes' text is at most 50,000 characters).
  const e = notDocx();
  const text = (
    await docxText(ctx.config, file.data, {
      profile: 'report',
      maxChars: 50_000,
      what: `会议记录「${file.filename}」`,
      invalid: { code: e.code, message: e.message },
    })
  ).trim();
  if (!text) throw badRequest('MINUTES_EMPTY', `文件「${file.filename}」中没有文字内容`);
  const attachmentId = await store(ctx, actor, id, file, '会议记录', async (trx) => {
    await trx
      .updateTable('meeting')
      .set({ minutes_text: text, updated_at: nowIso(ctx) })
      .where('id', '=', id)
      .execute();
  });
  return { characters: text.length, attachmentId };
}

export async function download(ctx: Ctx, actor: Actor, id: number, attId: number) {
  await visibleMeeting(ctx.db, actor, id);
  const a = await ctx.db
    .selectFrom('meeting_attachment')
    .selectAll()
    .where('id', '=', attId)
    .where('meeting_id', '=', id)
    .executeTakeFirst();
  if (!a) throw notFound('附件', 'ATTACHMENT_NOT_FOUND');
  return {
    fileName: a.file_name,
    data: await openStored(ctx, 'orglife', a.stored_name),
  };
}
