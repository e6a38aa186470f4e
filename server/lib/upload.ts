import { AppError } from './errors.ts';

/** The multipart file limit (app.ts registers @fastify/multipart with it). */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

export const fileTooLarge = () =>
  new AppError(
    'FILE_TOO_LARGE',
    413,
    `上传文件过大:单个文件不能超过 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB,未保存任何内容`,
  );
