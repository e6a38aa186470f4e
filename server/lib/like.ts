import { type RawBuilder, type SqlBool, sql } from 'kysely';

/** `term` with LIKE's wildcards escaped, so `%` and `_` typed in a search box match themselves. */
export const escapeLike = (term: string) => term.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/**
 * `column LIKE '%term%'` with the wildcards of `term` escaped (ESCAPE '\' on both dialects:
 * SQLite has no default escape character). Same case rules as a plain LIKE.
 */
export const containsText = (column: string, term: string): RawBuilder<SqlBool> =>
  sql<SqlBool>`${sql.ref(column)} like ${`%${escapeLike(term)}%`} escape '\\'`;
