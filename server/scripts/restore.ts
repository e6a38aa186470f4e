/**
 * npm run restore -- <备份文件> [--force]: restores a backup made by `npm run backup` over the
 * configured database. Stop the server first. The restored audit chain is verified against the
 * head recorded with the backup, which becomes the audit anchor.
 */
import path from 'node:path';
import { loadConfig } from '../config.ts';
import { restore } from '../lib/backup.ts';

try {
  const config = loadConfig();
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('-'));
  if (!file) throw new Error('用法:npm run restore -- <备份文件> [--force]');
  const r = await restore({
    databaseUrl: config.databaseUrl,
    file: path.resolve(file),
    anchorPath: config.auditAnchorPath,
    force: args.includes('--force'),
  });
  if (!r.verify.ok) {
    console.error(`已恢复,但审计链校验未通过:${r.verify.anchorProblem ?? r.verify.firstBroken?.reason}`);
    process.exitCode = 1;
  } else console.log(`恢复完成:审计链 ${r.verify.rows} 条校验通过,末尾为第 ${r.head?.seq ?? 0} 条`);
} catch (e) {
  console.error(`恢复失败:${(e as Error).message}`);
  process.exitCode = 1;
}
