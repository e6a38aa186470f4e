import { buildApp } from './app.ts';
import { serve } from './boot.ts';
import { loadConfig } from './config.ts';
import { bootstrapAdmin } from './modules/auth/auth.service.ts';

/**
 * A fatal error ends the process with a non-zero exit code (and a Chinese message), so that a
 * supervisor (deploy/luoshi.service: systemd, Restart=always) restarts it. Nothing is left
 * half-alive: an exception that escapes every handler means the process state is unknown.
 */
const fatal = (what: string) => (e: unknown) => {
  console.error(`落实 致命错误(${what}),进程退出:`, e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
};
process.on('uncaughtException', fatal('未捕获的异常'));
process.on('unhandledRejection', fatal('未处理的 Promise 拒绝'));

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
let app: Awaited<ReturnType<typeof buildApp>>;
try {
  app = await buildApp({ config });
} catch (e) {
  console.error(`落实 启动失败(数据库或迁移):${(e as Error).message}`);
  process.exit(1);
}
const boot = await bootstrapAdmin(app.ctx);
let base: string;
try {
  // Listens and starts the periodic jobs (server/jobs.ts: reminders, audit anchor, rate counters …).
  base = await serve(app);
} catch (e) {
  const err = e as NodeJS.ErrnoException;
  console.error(
    err.code === 'EADDRINUSE'
      ? `落实 启动失败:端口 ${config.port} 已被占用(可用 PORT 指定其他端口)`
      : `落实 启动失败:无法监听 ${config.host}:${config.port}:${err.message}`,
  );
  process.exit(1);
}
console.log(`落实 已启动:${base}  数据库:${config.dialect}`);
if (boot?.created) console.log(`已按 LUOSHI_ADMIN_PASSWORD 创建系统管理员账号 ${boot.created}`);
if (boot?.setupToken)
  console.log(`尚无系统管理员。请在 30 分钟内打开以下一次性链接完成初始化:\n  ${base}/setup?token=${boot.setupToken}`);
