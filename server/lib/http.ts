import type { FastifyRequest } from 'fastify';
import type { Permission } from '../../common/enums.ts';
import type { Actor } from './scope.ts';
import { AppError } from './errors.ts';

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
