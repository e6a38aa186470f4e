import { Type, type TSchema } from '@sinclair/typebox';

export const IdParams = Type.Object(
  { id: Type.Integer({ minimum: 1, title: '编号' }) },
  { additionalProperties: false },
);
export const Paging = {
  page: Type.Integer({ minimum: 1, default: 1, title: '页码' }),
  pageSize: Type.Integer({ minimum: 1, maximum: 500, default: 20, title: '每页条数' }),
};
export const DateStr = (title: string) => Type.String({ title, format: 'date' });
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
export const Body = <T extends Record<string, TSchema>>(props: T) =>
  Type.Object(props, { additionalProperties: false });
export const Ok = Type.Object({ ok: Type.Boolean() });
/** A string restricted to a list of values (a JSON-schema enum: one clear validation message). */
export const Enum = <T extends string>(values: readonly T[], title: string) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], title });
