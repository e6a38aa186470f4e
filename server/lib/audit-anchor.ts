/**
 * The audit chain's head, anchored outside the table. The hash chain proves that no row was
 * edited, removed or inserted in the middle, but deleting the LAST rows leaves a valid, shorter
 * chain. So the head (seq + hash) is also written to a file outside the database — by the server
 * every few minutes, by `npm run audit:verify` and by every backup — and each verification checks
 * that the anchored row is still there, unchanged. A chain shorter than its anchor was truncated.
 *
 * The anchor only ever moves forward along the same chain: a head that does not contain the
 * anchored row never overwrites the anchor (the evidence stays). After a restore from backup the
 * restore script sets the anchor to the backup's head on purpose.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Executor } from '../db/connect.ts';
import { verifyAuditChain, type VerifyResult } from './audit.ts';

export interface Anchor {
  seq: number;
  hash: string;
  /** When the anchor was written (UTC instant), and by what. */
  at: string;
  by: string;
}

export function readAnchor(file: string): Anchor | null {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  const a = JSON.parse(raw) as Anchor;
  if (!Number.isInteger(a.seq) || typeof a.hash !== 'string') throw new Error(`审计锚点文件格式不正确:${file}`);
  return a;
}

/** Written to a temporary file and renamed: a crash never leaves half an anchor. */
export function writeAnchor(file: string, head: { seq: number; hash: string }, by: string, at = new Date()) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify({ seq: head.seq, hash: head.hash, at: at.toISOString(), by }, null, 2)}\n`);
  fs.renameSync(tmp, file);
}

export async function chainHead(db: Executor): Promise<{ seq: number; hash: string } | null> {
  const r = await db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return r ? { seq: r.seq, hash: r.hash } : null;
}

/** Whether the chain still holds the anchored row unchanged; the reason (Chinese) when not. */
export async function checkAnchor(db: Executor, anchor: Anchor): Promise<string | null> {
  const row = await db.selectFrom('audit_log').select(['seq', 'hash']).where('seq', '=', anchor.seq).executeTakeFirst();
  if (!row) {
    const head = await chainHead(db);
    return `审计记录被截断:锚点(${anchor.at},${anchor.by})记录的最后一条为第 ${anchor.seq} 条,库中只到第 ${head?.seq ?? 0} 条`;
  }
  if (row.hash !== anchor.hash)
    return `审计记录第 ${anchor.seq} 条与锚点(${anchor.at},${anchor.by})记录的哈希不符,链在此处或之前被改写`;
  return null;
}

export interface AnchoredVerify extends VerifyResult {
  /** The anchor compared against (null: none yet). */
  anchor: Anchor | null;
  /** Why the anchor check failed. */
  anchorProblem?: string;
}

/**
 * The whole check: the chain from its start, then the anchor. When both pass and `advance` is
 * given, the anchor moves to the current head.
 */
export async function verifyAnchored(
  db: Executor,
  anchorFile: string,
  advance?: { by: string; now: Date },
): Promise<AnchoredVerify> {
  const chain = await verifyAuditChain(db);
  const anchor = readAnchor(anchorFile);
  const anchorProblem = anchor ? await checkAnchor(db, anchor) : null;
  const ok = chain.ok && !anchorProblem;
  if (ok && advance) {
    const head = await chainHead(db);
    if (head && (!anchor || head.seq > anchor.seq)) writeAnchor(anchorFile, head, advance.by, advance.now);
  }
  return { ...chain, ok, anchor, ...(anchorProblem ? { anchorProblem } : {}) };
}

/**
 * The server's periodic anchoring: moves the anchor forward when the chain still contains it;
 * never overwrites it otherwise (returns the problem instead, for the log).
 */
export async function advanceAnchor(db: Executor, anchorFile: string, now: Date): Promise<string | null> {
  const anchor = readAnchor(anchorFile);
  if (anchor) {
    const problem = await checkAnchor(db, anchor);
    if (problem) return problem;
  }
  const head = await chainHead(db);
  if (head && (!anchor || head.seq > anchor.seq)) writeAnchor(anchorFile, head, 'server', now);
  return null;
}
