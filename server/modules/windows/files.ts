import type { FastifyReply } from 'fastify';

/** Sends a generated file as a download (RFC 5987 file name: Chinese names survive every browser). */
export const sendFile = (reply: FastifyReply, f: { fileName: string; data: Buffer }, type: string) =>
  reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
    .send(f.data);
