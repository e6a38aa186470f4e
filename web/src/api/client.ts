import { messageFor } from './messages.ts';

/** Every failed API call throws one of these: `code` from the server, `message` in Chinese. */
export class ApiError extends Error {
  constructor(
    public code: string,
    public status: number,
    message: string,
    public details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;
const sessionEndListeners = new Set<() => void>();
/**
 * Subscribes to the end of a session (logout, expiry, or a login replacing it — whenever a CSRF
 * token is dropped or replaced), so that nothing cached for one user is shown to the next.
 * Returns the unsubscribe function.
 */
export function onSessionEnd(fn: () => void) {
  sessionEndListeners.add(fn);
  return () => {
    sessionEndListeners.delete(fn);
  };
}
export const setCsrfToken = (t: string | null) => {
  const ended = csrfToken !== null && t !== csrfToken;
  csrfToken = t;
  if (ended) for (const fn of sessionEndListeners) fn();
};

/**
 * Auth failures are handled in one place (the AuthProvider subscribes): a 401 sends the user to
 * the login page with a redirect back, a PASSWORD_CHANGE_REQUIRED to the password page.
 */
type AuthListener = (e: ApiError) => void;
const authListeners = new Set<AuthListener>();
export function onAuthError(fn: AuthListener) {
  authListeners.add(fn);
  return () => {
    authListeners.delete(fn);
  };
}
const AUTH_CODES = new Set(['UNAUTHENTICATED', 'SESSION_EXPIRED', 'PASSWORD_CHANGE_REQUIRED']);

export type Query = Record<string, string | number | boolean | null | undefined | readonly (string | number)[]>;

/** Lists become repeated parameters (`types=党委&types=党总支`), which the server reads as arrays. */
export function withQuery(path: string, query?: Query) {
  if (!query) return path;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (Array.isArray(v)) for (const x of v) qs.append(k, String(x));
    else if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  }
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** A FormData body (upload): sent as multipart, not JSON. */
  form?: FormData;
  /** Suppress the global 401 handling (the login and setup pages handle their own errors). */
  quietAuth?: boolean;
  signal?: AbortSignal;
}

async function raw(method: string, path: string, opts: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.form) body = opts.form;
  else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError('NETWORK', 0, messageFor('NETWORK'));
  }
  if (!res.ok) {
    let code = 'BAD_RESPONSE',
      message: string | undefined,
      details: unknown;
    try {
      const j = await res.json();
      code = j.code ?? code;
      message = j.message;
      details = j.details;
    } catch {
      /* not JSON: keep the generic message */
    }
    if (code === 'BAD_RESPONSE' && res.status >= 500) code = 'INTERNAL';
    const err = new ApiError(code, res.status, messageFor(code, message), details);
    if (AUTH_CODES.has(code) && !opts.quietAuth) for (const fn of authListeners) fn(err);
    throw err;
  }
  return res;
}

export async function request<T = any>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await raw(method, path, opts);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  if (!type.includes('json')) throw new ApiError('BAD_RESPONSE', res.status, messageFor('BAD_RESPONSE'));
  return res.json() as Promise<T>;
}

export const api = {
  get: <T = any>(path: string, query?: Query, opts?: RequestOptions) => request<T>('GET', path, { ...opts, query }),
  post: <T = any>(path: string, body?: unknown, opts?: RequestOptions) =>
    request<T>('POST', path, { ...opts, body: body ?? {} }),
  patch: <T = any>(path: string, body?: unknown, opts?: RequestOptions) =>
    request<T>('PATCH', path, { ...opts, body: body ?? {} }),
  put: <T = any>(path: string, body?: unknown, opts?: RequestOptions) =>
    request<T>('PUT', path, { ...opts, body: body ?? {} }),
  upload: <T = any>(path: string, form: FormData) => request<T>('POST', path, { form }),
};

/** File name from Content-Disposition (RFC 5987 filename* first, then filename). */
function fileNameOf(res: Response, fallback: string) {
  const cd = res.headers.get('content-disposition') ?? '';
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(cd);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      /* fall through */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(cd);
  return plain ? plain[1] : fallback;
}

/**
 * THE way the web app downloads a file: through fetch (so an error shows as a message instead of
 * saving a JSON file, and an expired session goes to the login page), then handed to the browser
 * as a normal download named by the server's Content-Disposition. A file generated by an action
 * (e.g. the 督办单) is a POST with a JSON body.
 */
export async function download(path: string, query: Query | undefined, fallbackName: string, post?: { body: unknown }) {
  const res = post ? await raw('POST', path, { query, body: post.body ?? {} }) : await raw('GET', path, { query });
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameOf(res, fallbackName);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
