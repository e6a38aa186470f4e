/**
 * The one map from server error codes to Chinese messages. The server already sends a Chinese
 * `message`; this map covers codes where a friendlier or more actionable text helps, and errors
 * that never reach the server (network down, non-JSON answers).
 */
export const ERROR_MESSAGES: Record<string, string> = {
  NETWORK: '无法连接服务器,请检查网络后重试',
  BAD_RESPONSE: '服务器返回了无法识别的内容,请稍后重试',
  UNAUTHENTICATED: '请先登录',
  SESSION_EXPIRED: '登录已超时,请重新登录',
  PASSWORD_CHANGE_REQUIRED: '请先修改密码',
  FORBIDDEN: '没有执行此操作的权限',
  CSRF_FAILED: '安全校验失败,请刷新页面后重试',
  NOT_FOUND: '请求的内容不存在',
  TOO_MANY_REQUESTS: '请求过于频繁,请稍后再试',
  INTERNAL: '服务器内部错误,请稍后重试或联系管理员',
  BODY_TOO_LARGE: '提交的内容过大',
  FILE_TOO_LARGE: '上传文件过大',
};

/** Codes whose server message is specific (names the record, the field…) win over the map. */
const PREFER_MAP = new Set(['NETWORK', 'BAD_RESPONSE', 'INTERNAL', 'CSRF_FAILED']);

export function messageFor(code: string, serverMessage?: string): string {
  if (serverMessage && !PREFER_MAP.has(code)) return serverMessage;
  return ERROR_MESSAGES[code] ?? serverMessage ?? `操作失败(${code})`;
}
