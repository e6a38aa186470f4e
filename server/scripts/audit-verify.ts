import { loadConfig } from '../config.ts';
import { connect } from '../db/connect.ts';
import { verifyAuditChain } from '../lib/audit.ts';

const config = loadConfig();
const database = await connect(config.databaseUrl);
try {
  const r = await verifyAuditChain(database.db);
  if (r.ok) {
    console.log(`审计链完整:共 ${r.rows} 条记录,校验通过`);
  } else {
    console.error(
      `审计链已损坏:第一条问题记录 序号 ${r.firstBroken!.seq}(id ${r.firstBroken!.id}):${r.firstBroken!.reason}`,
    );
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
