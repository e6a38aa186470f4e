/** The audit log (`/api/audit`): one hash-chained row per change, and the chain's verification. */
import { Instant, ListOf, Nullable, Paging, type Static, Type } from './common.ts';

export const AuditQuery = Type.Object(
  {
    entity: Type.Optional(Type.String({ title: '对象类型', maxLength: 40 })),
    entityId: Type.Optional(Type.String({ title: '对象编号', maxLength: 40 })),
    ...Paging,
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditEntry = Type.Object({
  id: Type.Integer(),
  seq: Type.Integer(),
  actorId: Nullable(Type.Integer()),
  actorName: Nullable(Type.String()),
  action: Type.String(),
  entity: Type.String(),
  entityId: Nullable(Type.String()),
  /** The record before and after the change, as stored (JSON values; null when not recorded). */
  before: Type.Unknown(),
  after: Type.Unknown(),
  at: Instant('时间'),
  ip: Nullable(Type.String()),
  prevHash: Type.String(),
  hash: Type.String(),
});
export type AuditEntry = Static<typeof AuditEntry>;
export const AuditList = ListOf(AuditEntry);
export type AuditList = Static<typeof AuditList>;

export const AuditVerify = Type.Object({
  ok: Type.Boolean(),
  rows: Type.Integer(),
  /** The first row whose content or link does not match (edited, removed or inserted). */
  firstBroken: Type.Optional(Type.Object({ seq: Type.Integer(), id: Type.Integer(), reason: Type.String() })),
  /** The chain head anchored outside the database (null: none yet); see server/lib/audit-anchor.ts. */
  anchor: Nullable(Type.Object({ seq: Type.Integer(), hash: Type.String(), at: Type.String(), by: Type.String() })),
  /** Why the anchor check failed (the chain was truncated or rewritten). */
  anchorProblem: Type.Optional(Type.String()),
});
export type AuditVerify = Static<typeof AuditVerify>;
