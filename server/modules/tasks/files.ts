import type { FastifyReply, FastifyRequest } from 'fastify';
import { badRequest } from '../../lib/errors.ts';
import { fileTooLarge } from '../../lib/upload.ts';

/** Reads the one uploaded file of a multipart request (fields must precede the file). */
export async function oneFile(req: FastifyRequest) {
  if (!req.isMultipart()) throw badRequest('MULTIPART_REQUIRED', '请以 multipart/form-data 方式上传文件(字段名 file)');
  const f = await req.file();
  if (!f) throw badRequest('FILE_REQUIRED', '请选择要上传的文件');
  const data = await f.toBuffer();
  // Past the size limit the stream is cut, not failed: refuse rather than store a truncated file.
  if (f.file.truncated) throw fileTooLarge();
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(f.fields)) {
    const one = [v].flat()[0] as any;
    if (one && one.type === 'field') fields[k] = String(one.value);
  }
  return { filename: f.filename, mimetype: f.mimetype, data, fields };
}

export function sendFile(reply: FastifyReply, f: { fileName: string; mime: string; data: Buffer }) {
  return reply
    .header('content-type', f.mime)
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
    .send(f.data);
}
