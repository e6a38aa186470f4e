/**
 * What routes share about HTTP itself: the route config every route declares, the caller, and the
 * one way files travel — `sendFile` for downloads (a UTF-8 file name per RFC 6266/5987) and
 * `readUpload` for multipart uploads (text fields first, then one file field named `file`).
 */
import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Permission } from '../../common/enums.ts';
import type { Actor } from './scope.ts';
import { AppError, badRequest } from './errors.ts';
import { fileTooLarge } from './upload.ts';

/** What every route must declare in `config.permission`. */
export type RoutePermission = Permission | 'public' | 'authenticated';

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: RoutePermission;
    /** Skip the CSRF check (only for unauthenticated endpoints such as login and ballots). */
    csrfExempt?: boolean;
    /** The route answers with a file, HTML or a redirect, not JSON, so it declares no response schema. */
    raw?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionId: string | null;
    csrfToken: string | null;
  }
}

/** The authenticated caller; routes with a permission other than 'public' always have one. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('UNAUTHENTICATED', 401, '请先登录');
  return req.actor;
}

export const MIME = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  bin: 'application/octet-stream',
} as const;

/** A file to send: `type` defaults from the name's extension (.xlsx, .docx), else octet-stream. */
export interface OutFile {
  fileName: string;
  /** A generated file, or a stored one streamed from lib/files.ts. */
  data: Buffer | Readable;
  type?: string;
  /** ASCII name for clients that ignore `filename*`; default: the name with non-ASCII characters replaced. */
  asciiName?: string;
}

/** RFC 5987 value-chars: encodeURIComponent leaves ' ( ) * ! unescaped, which `filename*` does not allow. */
const rfc5987 = (s: string) =>
  encodeURIComponent(s).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** `attachment` with the UTF-8 name in `filename*` and an ASCII fallback in `filename`. */
export function contentDisposition(fileName: string, asciiName?: string) {
  const ascii = (asciiName ?? fileName).replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${rfc5987(fileName)}`;
}

/** Sends a generated or stored file as a download; never cached (it may hold scoped data). */
export function sendFile(reply: FastifyReply, f: OutFile) {
  const ext = /\.([a-z0-9]+)$/i.exec(f.fileName)?.[1]?.toLowerCase();
  const type = f.type ?? (ext === 'xlsx' || ext === 'docx' ? MIME[ext] : MIME.bin);
  return reply
    .header('content-type', type)
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', contentDisposition(f.fileName, f.asciiName))
    .header('cache-control', 'no-store')
    .send(f.data);
}

export interface Upload {
  filename: string;
  mimetype: string;
  data: Buffer;
  /** Text fields sent before the file. */
  fields: Record<string, string>;
}

/**
 * Reads a multipart upload: the text fields that precede the file, and the file (field `file`)
 * into memory (the size limit, MAX_UPLOAD_BYTES, is set where multipart is registered; past it: 413). `code`/`what` name the
 * error a caller answers when there is no file (e.g. REPORT_NOT_DOCX, 'Word 文档(.docx)').
 */
export async function readUpload(req: FastifyRequest, o: { code?: string; what?: string } = {}): Promise<Upload> {
  const what = o.what ?? '文件';
  if (!req.isMultipart())
    throw badRequest(o.code ?? 'MULTIPART_REQUIRED', `请以 multipart/form-data 方式上传${what}(字段名 file)`);
  const f = await req.file();
  if (f?.fieldname !== 'file') throw badRequest(o.code ?? 'FILE_REQUIRED', `请选择要上传的${what}(字段名 file)`);
  const data = await f.toBuffer();
  // Past the size limit (MAX_UPLOAD_BYTES) the stream is cut, not failed: refuse rather than keep a truncated file.
  if (f.file.truncated) throw fileTooLarge();
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(f.fields)) {
    const one = [v].flat()[0];
    if (one && one.type === 'field') fields[k] = String(one.value);
  }
  return { filename: f.filename, mimetype: f.mimetype, data, fields };
}
