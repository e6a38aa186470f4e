/**
 * npm run audit:verify: walks the whole audit chain, and compares its head with the anchor kept
 * outside the database (LUOSHI_AUDIT_ANCHOR, see lib/audit-anchor.ts), so that rows deleted from
 * the END of the chain are detected too. When both pass, the anchor moves to the current head.
 * Exit code 1 when anything is wrong.
 */
import { loadConfig } from '../config.ts';
import { connect } from '../db/connect.ts';
import { verifyAnchored } from '../lib/audit-anchor.ts';

const config = loadConfig();
const database = await connect(config.databaseUrl);
try {
  const r = await verifyAnchored(database.db, config.auditAnchorPath, { by: 'audit:verify', now: new Date() });
  if (r.ok) {
    console.log(`审计链完整:共 ${r.rows} 条记录,校验通过`);
    console.log(
      r.anchor
        ? `与锚点一致(第 ${r.anchor.seq} 条,${r.anchor.at} 由 ${r.anchor.by} 记录);锚点已更新到当前末尾`
        : `尚无锚点:已把当前末尾记入 ${config.auditAnchorPath}`,
    );
  } else {
    if (r.firstBroken)
      console.error(
        `审计链已损坏:第一条问题记录 序号 ${r.firstBroken.seq}(id ${r.firstBroken.id}):${r.firstBroken.reason}`,
      );
    if (r.anchorProblem) console.error(`审计链已损坏:${r.anchorProblem}`);
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
