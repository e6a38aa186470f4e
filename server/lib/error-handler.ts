/**
 * The one error handler: AppError as `{ code, message, details? }`; validation errors as one Chinese
 * sentence; body, media-type, JSON and rate-limit errors with their own codes; anything else is
 * logged once and answered with a masked 500.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { AppError } from './errors.ts';
import { fileTooLarge } from './upload.ts';
import { describeValidationError } from './validation.ts';

/** Errors raised before routing (a malformed %-escape in the path): a Chinese 400, like every other refusal. */
export function frameworkErrors(_err: FastifyError, _req: FastifyRequest, reply: FastifyReply) {
  void reply.status(400).send({ code: 'BAD_URL', message: '请求地址不正确(编码无效)' });
}

export function errorHandler(config: Pick<Config, 'bodyLimit'>) {
  return (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof AppError) {
      return reply
        .status(err.status)
        .send({ code: err.code, message: err.message, ...(err.details !== undefined ? { details: err.details } : {}) });
    }
    if (err.validation) {
      const details = err.validation.map((e) => ({
        path: e.instancePath,
        message: describeValidationError(e, err.validationContext),
      }));
      return reply
        .status(400)
        .send({ code: 'VALIDATION_FAILED', message: details[0]?.message ?? '请求参数不正确', details });
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return reply
        .status(413)
        .send({ code: 'BODY_TOO_LARGE', message: `请求内容过大(上限 ${Math.round(config.bodyLimit / 1024)} KB)` });
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
      return reply
        .status(415)
        .send({ code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的请求内容类型,请使用 application/json' });
    if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY')
      return reply.status(400).send({ code: 'INVALID_JSON', message: '请求内容为空,应为 JSON' });
    if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (err instanceof SyntaxError && err.statusCode === 400))
      return reply.status(400).send({ code: 'INVALID_JSON', message: '请求内容不是合法的 JSON' });
    if (err.statusCode === 429)
      return reply.status(429).send({ code: 'TOO_MANY_REQUESTS', message: '请求过于频繁,请稍后再试' });
    if (err.code === 'FST_REQ_FILE_TOO_LARGE') {
      const e = fileTooLarge();
      return reply.status(e.status).send({ code: e.code, message: e.message });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(err.statusCode).send({ code: err.code ?? 'BAD_REQUEST', message: '请求不正确' });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ code: 'INTERNAL', message: '服务器内部错误,请稍后重试或联系管理员' });
  };
}
