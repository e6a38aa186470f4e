import { expect } from 'vitest';
import type { TestApp, Client } from '../../test/harness.ts';

export type Counted =
  | 'std_manual'
  | 'std_round'
  | 'std_entry'
  | 'std_plan'
  | 'rectification_item'
  | 'std_evidence_file';

/** Rows in one of the standards tables (or the ledger) — bad input must leave these unchanged. */
export const count = async (t: TestApp, table: Counted) =>
  Number(
    (
      await t.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
export const put = (cl: Client, url: string, body: unknown) => cl.request('PUT', url, body);

/** A full self-assessment: every item at its auto value or its maximum, evidence of each type. */
export async function fullSheet(cl: Client, entryId: number) {
  const s = await cl.get(`/api/standards/entries/${entryId}`);
  expect(s.status).toBe(200);
  return s.body.items.map((it: any) => ({
    code: it.code,
    points: it.auto?.points ?? (it.bonus ? 0 : it.maxPoints),
    evidence: it.evidenceRequired.map((type: string) => ({ type, note: `${type}已归档` })),
  }));
}

/** The shipped 标准化 manual (version 1 unless a test made a new one). */
export async function standardManualId(cl: Client) {
  const r = await cl.get('/api/standards/manuals');
  return r.body.items.find((m: any) => m.scheme === '标准化').id as number;
}

/** The smallest valid PNG (1×1): an image evidence file. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** A multipart upload: text fields first, then the file field `file` (as readUpload expects). */
export function uploadFile(cl: Client, url: string, fields: Record<string, string>, name: string, data: Buffer) {
  const boundary = `----std${Math.random().toString(16).slice(2)}`;
  const parts = Object.entries(fields).map(
    ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
  );
  const body = Buffer.concat([
    Buffer.from(parts.join('')),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return cl.request('POST', url, body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
}
