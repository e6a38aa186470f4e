/**
 * npm run backup [-- 目录]   (default data/backups): a consistent backup of the configured database
 * while the server keeps running, plus the audit chain head it holds. See server/lib/backup.ts.
 */
import path from 'node:path';
import { loadConfig } from '../config.ts';
import { backup } from '../lib/backup.ts';

try {
  const config = loadConfig();
  const dir = path.resolve(process.argv.slice(2).find((a) => !a.startsWith('-')) ?? 'data/backups');
  const r = await backup({ databaseUrl: config.databaseUrl, dir, anchorPath: config.auditAnchorPath });
  console.log(`备份完成:${r.file}(${(r.bytes / 1024 / 1024).toFixed(1)} MB)`);
  console.log(r.head ? `审计链末尾:第 ${r.head.seq} 条,哈希 ${r.head.hash}(已写入 ${r.anchorFile})` : '审计链为空');
} catch (e) {
  console.error(`备份失败:${(e as Error).message}`);
  process.exitCode = 1;
}
