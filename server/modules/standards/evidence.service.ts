/**
 * Evidence files of a score sheet: a photo, a scan, a .pdf/.docx/.xlsx 台账 under one item. Stored
 * like every module's attachments (bytes under `<uploadDir>/standards/`, a row with name, size,
 * sha256, uploader and server time). What a file IS comes from its first bytes, never from its
 * name or the browser's claim: a renamed .exe or an .html is refused before anything is kept.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { EvidenceFile } from '../../../common/contracts/standards.ts';
import type { Ctx } from '../../context.ts';
import { audit, nowIso } from '../../context.ts';
import type { Executor } from '../../db/connect.ts';
import { badRequest, conflict, forbidden, notFound } from '../../lib/errors.ts';
import type { OutFile, Upload } from '../../lib/http.ts';
import type { Actor } from '../../lib/scope.ts';
import { centralDirectory } from '../../lib/zip-guard.ts';
import { loadManual } from './manuals.service.ts';
import { loadRound } from './rounds.service.ts';
import { loadEntry } from './sheet.service.ts';

type Kind = EvidenceFile['kind'];
interface Sniffed {
  kind: Kind;
  ext: string;
  mime: string;
}

/** More files than this under one item is a mistake (the same folder uploaded twice), not evidence. */
export const MAX_FILES_PER_ITEM = 20;

const IMAGES: [number[], string, string][] = [
  [[0xff, 0xd8, 0xff], '.jpg', 'image/jpeg'],
  [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], '.png', 'image/png'],
  [[0x47, 0x49, 0x46, 0x38], '.gif', 'image/gif'],
  [[0x42, 0x4d], '.bmp', 'image/bmp'],
];
const starts = (b: Buffer, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);

/**
 * The kind of an uploaded file from its content: JPEG/PNG/GIF/BMP/WEBP images, PDF, and the two
 * Office zips told apart by their main part (word/document.xml, xl/workbook.xml). Null otherwise.
 */
export function sniff(b: Buffer): Sniffed | null {
  for (const [sig, ext, mime] of IMAGES) if (starts(b, sig)) return { kind: 'image', ext, mime };
  if (b.length > 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP')
    return { kind: 'image', ext: '.webp', mime: 'image/webp' };
  // %PDF- may follow a few bytes of junk (some scanners); the spec allows it within the first 1 KB.
  if (b.subarray(0, 1024).includes('%PDF-')) return { kind: 'pdf', ext: '.pdf', mime: 'application/pdf' };
  if (starts(b, [0x50, 0x4b, 0x03, 0x04])) {
    let names: string[];
    try {
      names = centralDirectory(b, '文件').map((e) => e.name);
    } catch {
      return null;
    }
    if (names.includes('word/document.xml'))
      return {
        kind: 'docx',
        ext: '.docx',
        mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      };
    if (names.includes('xl/workbook.xml'))
      return { kind: 'xlsx', ext: '.xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
  }
  return null;
}

/** The files of a sheet by item code, oldest first. */
export async function filesOf(db: Executor, entryId: number) {
  const rows = await db
    .selectFrom('std_evidence_file')
    .select(['id', 'code', 'type', 'note', 'file_name', 'kind', 'size', 'uploaded_at'])
    .where('entry_id', '=', entryId)
    .orderBy('id')
    .execute();
  const by = new Map<string, EvidenceFile[]>();
  for (const r of rows) {
    const list = by.get(r.code) ?? [];
    list.push({
      id: r.id,
      type: r.type,
      note: r.note,
      fileName: r.file_name,
      kind: r.kind as Kind,
      size: r.size,
      uploadedAt: r.uploaded_at,
    });
    by.set(r.code, list);
  }
  return by;
}

/**
 * The item a branch may attach to or detach from: its own sheet, while the round is scoring and
 * the sheet is open (待自评, or 已退回 for the returned items only).
 */
async function editableItem(db: Executor, actor: Actor, entryId: number, code: string) {
  const e = await loadEntry(db, actor, entryId);
  if (actor.scopeOrgId !== e.org_id) throw forbidden('佐证材料只能由支部本身上传或删除');
  if (e.status !== '待自评' && e.status !== '已退回')
    throw conflict('SELF_SUBMITTED', '自评已提交,不能再修改佐证材料(如需修改请由上级退回)');
  const r = await loadRound(db, actor, e.round_id);
  if (r.status !== '评分中') throw conflict('ROUND_CLOSED', '本轮评定已结束评分');
  const item = (await loadManual(db, r.manual_id)).items.find((it) => it.code === code);
  if (!item) throw badRequest('ITEM_NOT_FOUND', `手册中没有编号为 ${code} 的项目`);
  if (e.status === '已退回') {
    const s = await db
      .selectFrom('std_score')
      .select('returned')
      .where('entry_id', '=', entryId)
      .where('code', '=', code)
      .executeTakeFirst();
    if (!s?.returned) throw conflict('ITEM_NOT_RETURNED', `${code} ${item.title}:未被退回的项目不能修改`);
  }
  return { e, item };
}

/**
 * Stores one evidence file under an item. Fields before the file: `code` (the item), `type` (one
 * of the evidence types the item asks for, or any short label when it asks for none), `note`.
 */
export async function upload(ctx: Ctx, actor: Actor, entryId: number, f: Upload) {
  const code = f.fields.code?.trim() ?? '';
  if (!code) throw badRequest('ITEM_REQUIRED', '请指明佐证材料所属的项目(字段 code)');
  // whose sheet first: another township's entry is 404 whatever the file is
  const { item } = await editableItem(ctx.db, actor, entryId, code);
  if (!f.data.length) throw badRequest('FILE_EMPTY', `上传的文件「${f.filename}」是空文件,未保存任何内容`);
  const sniffed = sniff(f.data);
  if (!sniffed)
    throw badRequest(
      'FILE_TYPE_UNSUPPORTED',
      `「${f.filename}」不是可接受的佐证材料:只能上传图片(JPG、PNG、GIF、BMP、WEBP)、PDF、Word(.docx)或 Excel(.xlsx)文件(按文件内容识别,改扩展名无效)`,
    );
  const type = f.fields.type?.trim() || item.evidence[0] || '';
  if (!type || type.length > 20) throw badRequest('EVIDENCE_TYPE_INVALID', '请填写佐证类型(不超过 20 字)');
  if (item.evidence.length && !item.evidence.includes(type))
    throw badRequest(
      'EVIDENCE_TYPE_INVALID',
      `${code} ${item.title} 要求的佐证类型为${item.evidence.map((x) => `「${x}」`).join('、')},没有「${type}」`,
    );
  const note = f.fields.note?.trim().slice(0, 200) || null;
  const base = path.basename(f.filename.replace(/\\/g, '/')).slice(0, 200) || `佐证${sniffed.ext}`;
  // the name shown keeps what the branch called it, but its extension says what the content is
  const fileName = base.toLowerCase().endsWith(sniffed.ext) ? base : `${base}${sniffed.ext}`;
  const stored = `${entryId}/${crypto.randomBytes(12).toString('hex')}${sniffed.ext}`;
  const full = path.join(ctx.config.uploadDir, 'standards', stored);
  await fs.promises.mkdir(path.dirname(full), { recursive: true });
  await fs.promises.writeFile(full, f.data);
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      // checked again inside the transaction: the sheet may have been submitted meanwhile
      await editableItem(trx, actor, entryId, code);
      const n = await trx
        .selectFrom('std_evidence_file')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('entry_id', '=', entryId)
        .where('code', '=', code)
        .executeTakeFirstOrThrow();
      if (Number(n.n) >= MAX_FILES_PER_ITEM)
        throw conflict(
          'TOO_MANY_FILES',
          `${code} ${item.title} 已有 ${MAX_FILES_PER_ITEM} 个佐证文件,请删除多余的再上传`,
        );
      const row = await trx
        .insertInto('std_evidence_file')
        .values({
          entry_id: entryId,
          code,
          type,
          note,
          file_name: fileName,
          stored_name: stored,
          kind: sniffed.kind,
          mime: sniffed.mime,
          size: f.data.length,
          sha256: crypto.createHash('sha256').update(f.data).digest('hex'),
          uploaded_by: actor.userId,
          uploaded_at: nowIso(ctx),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit(ctx, trx, actor, {
        action: 'standards.evidence.upload',
        entity: 'std_entry',
        entityId: entryId,
        after: { fileId: row.id, code, type, fileName, kind: sniffed.kind, size: f.data.length },
      });
      return { id: row.id };
    });
  } catch (err) {
    await fs.promises.rm(full, { force: true });
    throw err;
  }
}

async function fileRow(db: Executor, entryId: number, fileId: number) {
  const row = await db
    .selectFrom('std_evidence_file')
    .selectAll()
    .where('id', '=', fileId)
    .where('entry_id', '=', entryId)
    .executeTakeFirst();
  if (!row) throw notFound('佐证文件', 'FILE_NOT_FOUND');
  return row;
}

/** A file of a sheet the caller can see (the branch, its superiors); 404 outside the scope. */
export async function download(ctx: Ctx, actor: Actor, entryId: number, fileId: number): Promise<OutFile> {
  await loadEntry(ctx.db, actor, entryId);
  const row = await fileRow(ctx.db, entryId, fileId);
  return {
    fileName: row.file_name,
    type: row.mime,
    data: await fs.promises.readFile(path.join(ctx.config.uploadDir, 'standards', row.stored_name)),
  };
}

/** Removes a file while the sheet is open; the bytes go once the row is gone (audited). */
export async function remove(ctx: Ctx, actor: Actor, entryId: number, fileId: number) {
  const stored = await ctx.db.transaction().execute(async (trx) => {
    const row = await fileRow(trx, entryId, fileId);
    await editableItem(trx, actor, entryId, row.code);
    await trx.deleteFrom('std_evidence_file').where('id', '=', fileId).execute();
    await audit(ctx, trx, actor, {
      action: 'standards.evidence.delete',
      entity: 'std_entry',
      entityId: entryId,
      before: { fileId, code: row.code, type: row.type, fileName: row.file_name, sha256: row.sha256 },
    });
    return row.stored_name;
  });
  await fs.promises.rm(path.join(ctx.config.uploadDir, 'standards', stored), { force: true });
  return { ok: true as const };
}
