/** Excel import (`/api/import`, a polled background job) and export (`/api/export`). */
import { Id, type Static, Type, Enum } from './common.ts';

export const ImportKind = Enum(['orgs', 'members'] as const, '导入类型');
export type ImportKind = Static<typeof ImportKind>;

export const JobParams = Type.Object(
  { jobId: Type.String({ title: '任务编号', pattern: '^[0-9a-f-]{36}$' }) },
  { additionalProperties: false },
);
export type JobParams = Static<typeof JobParams>;

/** 202 to an upload whose header was accepted; the rows are checked in the background. */
export const ImportAccepted = Type.Object({ jobId: Type.String() });
export type ImportAccepted = Static<typeof ImportAccepted>;

export const ImportRowError = Type.Object({ row: Type.Integer(), column: Type.String(), message: Type.String() });
export type ImportRowError = Static<typeof ImportRowError>;

export const ImportJob = Type.Object({
  id: Type.String(),
  kind: ImportKind,
  /**
   * validating: rows being checked (`processed` of `total`); importing: rows being written;
   * done: committed (`imported`); failed: nothing imported (`errors` and/or `message`).
   */
  status: Enum(['validating', 'importing', 'done', 'failed'] as const, '状态'),
  total: Type.Integer(),
  processed: Type.Integer(),
  imported: Type.Integer(),
  errorCount: Type.Integer(),
  /** The first 500 errors; the error report carries all of them. */
  errors: Type.Array(ImportRowError),
  message: Type.Optional(Type.String()),
});
export type ImportJob = Static<typeof ImportJob>;

export const OrgExportQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ title: '名称、简称或编码', maxLength: 50 })),
    parentId: Type.Optional(Id('上级组织')),
  },
  { additionalProperties: false },
);
export type OrgExportQuery = Static<typeof OrgExportQuery>;
