/** Shared set-up of the 组织生活 tests: a bigger branch, member accounts, .docx bytes, multipart. */
import { Document, Packer, Paragraph } from 'docx';
import mammoth from 'mammoth';
import type { Db } from '../../db/connect.ts';
import { insertMember, insertUser } from '../../test/fixtures.ts';
import type { Client } from '../../test/harness.ts';
import { upload } from '../tasks/tasks.test-support.ts';

const NAMES = [
  '周立新',
  '吴海燕',
  '郑国强',
  '冯秀兰',
  '陈志明',
  '褚建华',
  '卫东升',
  '蒋玉梅',
  '沈家宝',
  '韩春生',
  '杨金凤',
  '朱红军',
];

/** Adds `n` members to a branch (the last `probationary` of them 预备党员); returns their ids. */
export async function growBranch(db: Db, orgId: number, n: number, seqBase: number, probationary = 0) {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const id = await insertMember(db, {
      name: NAMES[i % NAMES.length] + (i >= NAMES.length ? i : ''),
      orgId,
      seq: seqBase + 2 * i + 1,
    });
    if (i >= n - probationary)
      await db.updateTable('member').set({ member_type: '预备', full_date: null }).where('id', '=', id).execute();
    ids.push(id);
  }
  return ids;
}

/** A 党员 account linked to a member record. */
export const memberAccount = (db: Db, username: string, memberId: number, scopeOrgId: number) =>
  insertUser(db, { username, role: 'member', scopeOrgId, memberId });

export async function docxBytes(lines: string[]) {
  return Buffer.from(
    await Packer.toBuffer(new Document({ sections: [{ children: lines.map((l) => new Paragraph(l)) }] })),
  );
}
export const docxText = async (raw: Buffer) => (await mammoth.extractRawText({ buffer: raw })).value;

/** A multipart upload through the logged-in client (fields first, then the file). */
export const uploadFile = (
  c: Client,
  url: string,
  file: { name: string; data: Buffer; type?: string },
  fields: Record<string, string> = {},
) => upload(c, url, fields, file);

/** Local Beijing time → UTC ISO instant. */
export const bj = (local: string) => new Date(`${local}+08:00`).toISOString();
