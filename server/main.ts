import { buildApp } from './app.ts';
import { serve } from './boot.ts';
import { loadConfig } from './config.ts';
import { bootstrapAdmin } from './modules/auth/auth.service.ts';

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
const app = await buildApp({ config });
const boot = await bootstrapAdmin(app.ctx);
const base = await serve(app);
console.log(`落实 已启动:${base}  数据库:${config.dialect}`);
if (boot?.created) console.log(`已按 LUOSHI_ADMIN_PASSWORD 创建系统管理员账号 ${boot.created}`);
if (boot?.setupToken)
  console.log(`尚无系统管理员。请在 30 分钟内打开以下一次性链接完成初始化:\n  ${base}/setup?token=${boot.setupToken}`);
