/**
 * The one error type of the server. `message` is always Chinese and shown to users as-is;
 * `code` is stable and machine-readable (the web client maps codes to messages too).
 */
export class AppError extends Error {
  constructor(
    public readonly code: string,
    public readonly status: number,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what = '记录', code = 'NOT_FOUND') => new AppError(code, 404, `${what}不存在或无权访问`);
export const forbidden = (message = '没有执行此操作的权限') => new AppError('FORBIDDEN', 403, message);
export const badRequest = (code: string, message: string, details?: unknown) =>
  new AppError(code, 400, message, details);
export const conflict = (code: string, message: string, details?: unknown) => new AppError(code, 409, message, details);
