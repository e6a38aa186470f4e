/**
 * Building blocks of the API contract, shared by server (validation, serialization, OpenAPI) and
 * web (types only: `import type`). Every route's params, query, body and 2xx responses are TypeBox
 * schemas in `common/contracts/<domain>.ts`; see docs/ARCHITECTURE.md "How to add a module".
 */
import { type Static, type TSchema, Type } from '@sinclair/typebox';

export { Type, type Static, type TSchema };

/** A positive integer id with a Chinese title (the title names the field in validation messages). */
export const Id = (title = '编号') => Type.Integer({ minimum: 1, maximum: 2_147_483_647, title });

export const IdParams = Type.Object({ id: Id('编号') }, { additionalProperties: false });
export type IdParams = Static<typeof IdParams>;

/** page/pageSize query fields (spread into a query object). Bounded: a huge page is a 400, never a 500. */
export const Paging = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1, title: '页码' })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 20, title: '每页条数' })),
};

/** A local date `YYYY-MM-DD` (Asia/Shanghai). Name such fields `…Date`. */
export const DateStr = (title: string) => Type.String({ title, format: 'date' });
/** A UTC instant (ISO 8601). Name such fields `…At`. */
export const Instant = (title: string) => Type.String({ title, format: 'date-time' });
/**
 * `T | null`. A schema with one primitive `type` becomes `type: [t, 'null']` rather than `anyOf`:
 * the validator then names the expected type in its message, and the response serializer writes
 * the field directly (for `anyOf` it runs a validator on every value and throws — a 500 — on a
 * stored value that matches no branch). Other schemas fall back to `anyOf`.
 */
export const Nullable = <T extends TSchema>(t: T) => {
  const plain = JSON.parse(JSON.stringify(t)) as Record<string, unknown>;
  if (typeof plain.type !== 'string' || plain.type === 'object' || plain.type === 'array')
    return Type.Union([t, Type.Null()]);
  if (Array.isArray(plain.enum)) plain.enum = [...plain.enum, null];
  return Type.Unsafe<Static<T> | null>({ ...plain, type: [plain.type, 'null'] });
};

/** A request body: unknown fields are rejected (not silently dropped). */
export const Body = <T extends Record<string, TSchema>>(props: T) =>
  Type.Object(props, { additionalProperties: false });

/** A string restricted to a list of values (a JSON-schema enum: one clear validation message). */
export const Enum = <T extends string>(values: readonly T[], title: string) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], title });

/** `{ items, total }`, the shape of every paged list. */
export const ListOf = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item), total: Type.Integer() });
/** `page`/`pageSize`, or `cursor` (the previous answer's `nextCursor`: "加载更多" without OFFSET). */
export const CursorPaging = {
  ...Paging,
  cursor: Type.Optional(Type.String({ title: '翻页位置', minLength: 1, maxLength: 1000 })),
};
/**
 * A page of a long list: `nextCursor` (null on the last page) reads on from the last row; `total`
 * is an estimate when `totalApprox` (shown "约 N 条"), so that a province-wide list never counts
 * millions of rows.
 */
export const KeysetListOf = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    totalApprox: Type.Boolean(),
    nextCursor: Nullable(Type.String()),
  });
/** `{ items }` for unpaged lists. */
export const ItemsOf = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item) });

/** 201 `{ id }`. */
export const Created = Type.Object({ id: Type.Integer() });
export type Created = Static<typeof Created>;
/** 200 `{ ok: true }`. */
export const Ok = Type.Object({ ok: Type.Boolean() });
export type Ok = Static<typeof Ok>;

/** The error body of every 4xx/5xx: `message` is Chinese and can be shown as is. */
export const ErrorBody = Type.Object({
  code: Type.String(),
  message: Type.String(),
  details: Type.Optional(Type.Unknown()),
});
export type ErrorBody = Static<typeof ErrorBody>;
