import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { bootstrapAdmin } from './modules/auth/auth.service.ts';
import { startScheduler } from './modules/tasks/reminders.ts';

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
const app = await buildApp({ config });
const boot = await bootstrapAdmin(app.ctx);
await app.listen({ port: config.port, host: config.host });
// Reminders (临期/逾期/报送): safe to run on every instance, a lease in job_lock elects one per run.
const stopScheduler = startScheduler(app.ctx);
const base = `http://${config.host}:${(app.server.address() as any).port}`;
console.log(`落实 已启动:${base}  数据库:${config.dialect}`);
if (boot?.created) console.log(`已按 LUOSHI_ADMIN_PASSWORD 创建系统管理员账号 ${boot.created}`);
if (boot?.setupToken)
  console.log(`尚无系统管理员。请在 30 分钟内打开以下一次性链接完成初始化:\n  ${base}/setup?token=${boot.setupToken}`);

// SQLite's advice for long-lived connections: PRAGMA optimize every few hours.
setInterval(() => void app.ctx.database.optimize().catch(() => {}), 6 * 3600_000).unref();

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, async () => {
    stopScheduler();
    await app.close();
    process.exit(0);
  });
}
