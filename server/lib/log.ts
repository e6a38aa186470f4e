/**
 * What the request log may contain. A ballot code in a log line is a spendable vote (the URL of a
 * QR code is `/v/CODE`, formerly `/vote?t=CODE`), and the setup link carries a one-time administrator token: query
 * values of such parameters (and the 复评码 in a follow-up path, the 组织生活 sign-in code `c`) are
 * replaced before anything is written. Bodies and headers are never
 * logged (codes travel in POST bodies; cookies and CSRF tokens in headers).
 */
import type { FastifyServerOptions } from 'fastify';
import type { Config } from '../config.ts';

/** Query parameters whose values are secrets (compared case-insensitively). */
const SECRET_PARAMS = new Set(['t', 'token', 'code', 'nonce', 'password', 'c']);
/**
 * Paths whose last segment is a secret: a 好差评 复评码 (`/api/public/followups/CODE`) and the short
 * ballot link printed under each QR code (`/v/CODE`).
 */
const SECRET_PATH = /^(\/api\/public\/followups\/|\/v\/)[^/?#]+/i;

/** The URL with every secret query value replaced by `[已隐藏]`, and nothing else changed. */
export function redactUrl(url: string): string {
  url = url.replace(SECRET_PATH, '$1[已隐藏]');
  const q = url.indexOf('?');
  if (q < 0) return url;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const rawName = eq < 0 ? pair : pair.slice(0, eq);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {
        /* keep it raw */
      }
      // A value-less parameter could itself be a code (`/vote?ABCDE-FGHJK`): hide those too.
      if (eq < 0) return pair.length > 0 ? '[已隐藏]' : pair;
      return SECRET_PARAMS.has(name.trim().toLowerCase()) ? `${rawName}=[已隐藏]` : pair;
    })
    .join('&');
  return `${url.slice(0, q)}?${query}`;
}

interface LoggedRequest {
  method: string;
  url: string;
  hostname?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

/** Fastify logger options: level, the redacting request serializer, and an optional destination. */
export function loggerOptions(
  config: Pick<Config, 'logLevel'>,
  stream?: NodeJS.WritableStream,
): FastifyServerOptions['logger'] {
  if (config.logLevel === 'silent' && !stream) return false;
  return {
    level: config.logLevel === 'silent' ? 'info' : config.logLevel,
    ...(stream ? { stream } : {}),
    serializers: {
      req: (req: LoggedRequest) => ({
        method: req.method,
        url: redactUrl(req.url),
        host: req.hostname,
        remoteAddress: req.ip,
        remotePort: req.socket?.remotePort,
      }),
    },
  };
}
