/**
 * The LIMIT/OFFSET of a page. `page` and `pageSize` are optional in the contract (the validator
 * fills their defaults), so the types say `number | undefined`; the defaults are repeated here
 * for callers that are not HTTP requests (exports, benches).
 */
export function pageWindow(f: { page?: number; pageSize?: number }) {
  const limit = f.pageSize ?? 20;
  return { limit, offset: ((f.page ?? 1) - 1) * limit };
}
