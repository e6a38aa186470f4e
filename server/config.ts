import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built web app next to the code, wherever the server is started from. */
const DEFAULT_WEB_DIST = fileURLToPath(new URL('../web/dist', import.meta.url));

export interface Config {
  port: number;
  host: string;
  /** `sqlite:<file>` or `postgres://…` */
  databaseUrl: string;
  dialect: 'sqlite' | 'postgres';
  /** Only read when no administrator exists yet. */
  adminPassword?: string;
  /** Idle timeout of a session, in minutes. */
  sessionIdleMinutes: number;
  /** Max JSON body size in bytes. */
  bodyLimit: number;
  /** Directory with the built web app (served at /). */
  webDist: string;
  /** Print fastify's request logs. */
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  /** Secure flag on cookies: on when served over https behind a proxy. */
  cookieSecure: boolean;
  version: string;
  /** Optional URL that receives reminder / 催办 notifications as JSON (POST). */
  webhookUrl?: string;
  /** Where uploaded attachments are stored. */
  uploadDir: string;
  /**
   * The address people's phones use to reach the server (QR codes, printed links), e.g.
   * `http://10.1.2.3:3000`. Unset: derived from the request's Host header (see lib/public-url.ts).
   */
  publicUrl?: string;
  /**
   * Set only by the demo entry point (`npm run demo`), never from the environment: the login page
   * then lists the demo accounts and their password.
   */
  demo?: boolean;
  /**
   * Which peers may set X-Forwarded-For (Fastify's `trustProxy`): false (default: the socket
   * address is the client), a hop count, or a list of proxy addresses/CIDRs. Throttles and the
   * login lockout key on the client address, so trusting a header anyone can send would let an
   * attacker pick a fresh address per request.
   */
  trustProxy: false | number | string[];
  /** Absolute session lifetime in hours, however active the session. */
  sessionMaxHours: number;
  /**
   * From this many members in a wide scope on, a pinyin search reads the initials matches one
   * initials value at a time instead of sorting them (members.service.ts, `SEARCH_SPLIT_FROM`).
   */
  searchSplitFrom: number;
  /** Wrong ballot codes per source address per 10 minutes, and over all sources per hour. */
  ballotWrongPerAddress: number;
  ballotWrongGlobal: number;
  /** Heap (MB) of each worker that opens uploaded .docx/.xlsx files (lib/sandbox.ts). */
  parseHeapMb: number;
  /** Where the audit chain head is anchored outside the database (see lib/audit-anchor.ts). */
  auditAnchorPath: string;
  /** Where uploaded files live (lib/files.ts): inside PostgreSQL by default, a directory on SQLite. */
  fileStore: 'directory' | 'database';
  /** Bearer token for GET /api/metrics; unset: only direct loopback connections may read it. */
  metricsToken?: string;
  /** Seconds after boot before the periodic jobs first run (default 60: requests first). */
  jobsFirstRunSec: number;
  /** A SQLite file gets a read connection beside the writer (db/sqlite-reader.ts); SQLITE_READER=off for comparisons. */
  sqliteReader: boolean;
}

const int = (name: string, v: string | undefined, def: number, min: number, max: number) => {
  if (v === undefined || v === '') return def;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`配置错误:${name} 必须是 ${min}–${max} 之间的整数,实际为 "${v}"`);
  return n;
};

const publicUrl = (v: string | undefined) => {
  if (!v?.trim()) return undefined;
  const u = v.trim().replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(u))
    throw new Error(`配置错误:PUBLIC_URL 必须是 http:// 或 https:// 开头的地址(如 http://10.1.2.3:3000),实际为 "${v}"`);
  return u;
};

const webhookUrl = (v: string | undefined) => {
  if (!v?.trim()) return undefined;
  if (!/^https?:\/\/[^\s]+$/.test(v.trim()))
    throw new Error(`配置错误:LUOSHI_WEBHOOK_URL 必须是 http:// 或 https:// 开头的地址,实际为 "${v}"`);
  return v.trim();
};

const IP_OR_CIDR = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-f:]*:[0-9a-f:.]*)(\/\d{1,3})?$/i;

const trustProxy = (v: string | undefined): Config['trustProxy'] => {
  const s = v?.trim().toLowerCase();
  if (!s || s === '0' || s === 'false' || s === 'off') return false;
  if (/^\d+$/.test(s)) return int('TRUST_PROXY', s, 0, 1, 10);
  const list = s.split(',').map((x) => x.trim());
  if (!list.every((x) => IP_OR_CIDR.test(x) || x === 'loopback' || x === 'linklocal' || x === 'uniquelocal'))
    throw new Error(
      `配置错误:TRUST_PROXY 应为反向代理的地址列表(如 127.0.0.1 或 10.0.0.0/8,逗号分隔)或代理层数(如 1),实际为 "${v}"`,
    );
  return list;
};

/** Default anchor file: beside a SQLite database, or data/ for PostgreSQL. */
const defaultAnchor = (databaseUrl: string) =>
  databaseUrl.startsWith('sqlite:')
    ? `${path.resolve(databaseUrl.slice('sqlite:'.length))}.audit-anchor.json`
    : path.resolve('data/audit-anchor.json');

/** LUOSHI_FILE_STORE: `database` needs PostgreSQL (SQLite keeps its upload directory). */
function fileStore(v: string | undefined, dialect: Config['dialect']): Config['fileStore'] {
  const s = v?.trim();
  if (!s) return dialect === 'postgres' ? 'database' : 'directory';
  if (s !== 'database' && s !== 'directory')
    throw new Error(`配置错误:LUOSHI_FILE_STORE 只能是 database(存入 PostgreSQL)或 directory(上传目录),实际为 "${s}"`);
  if (s === 'database' && dialect === 'sqlite')
    throw new Error(
      '配置错误:LUOSHI_FILE_STORE=database 只适用于 PostgreSQL;SQLite 的附件保存在 LUOSHI_UPLOAD_DIR 目录',
    );
  return s;
}

/** METRICS_TOKEN: a shared secret that a scraper sends; short ones are guessable. */
function metricsToken(v: string | undefined) {
  const s = v?.trim();
  if (!s) return undefined;
  if (s.length < 16) throw new Error('配置错误:METRICS_TOKEN 至少 16 个字符(建议 openssl rand -hex 24 生成)');
  return s;
}

/** Reads and validates the environment once at boot; nothing else reads process.env. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const databaseUrl = env.DATABASE_URL?.trim() || 'sqlite:data/luoshi.db';
  let dialect: Config['dialect'];
  if (databaseUrl.startsWith('sqlite:')) {
    dialect = 'sqlite';
    if (databaseUrl.length <= 'sqlite:'.length) throw new Error('配置错误:DATABASE_URL 形如 sqlite:data/luoshi.db');
  } else if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    dialect = 'postgres';
  } else {
    throw new Error(
      `配置错误:DATABASE_URL 只支持 sqlite:文件路径 或 postgres://用户:密码@主机:端口/库名,实际为 "${databaseUrl}"`,
    );
  }
  const logLevel = (env.LOG_LEVEL || 'info') as Config['logLevel'];
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'silent'].includes(logLevel))
    throw new Error(`配置错误:LOG_LEVEL 不支持 "${logLevel}"`);
  const adminPassword = env.LUOSHI_ADMIN_PASSWORD || undefined;
  return {
    port: int('PORT', env.PORT, 3000, 0, 65535),
    host: env.HOST?.trim() || '127.0.0.1',
    databaseUrl,
    dialect,
    adminPassword,
    sessionIdleMinutes: int('SESSION_IDLE_MINUTES', env.SESSION_IDLE_MINUTES, 30, 1, 24 * 60),
    bodyLimit: int('BODY_LIMIT', env.BODY_LIMIT, 1024 * 1024, 1024, 100 * 1024 * 1024),
    webDist: env.WEB_DIST ? path.resolve(env.WEB_DIST) : DEFAULT_WEB_DIST,
    logLevel,
    cookieSecure: env.COOKIE_SECURE === '1' || env.COOKIE_SECURE === 'true',
    version: env.npm_package_version || '0.1.0',
    webhookUrl: webhookUrl(env.LUOSHI_WEBHOOK_URL),
    uploadDir: path.resolve(env.LUOSHI_UPLOAD_DIR || 'data/uploads'),
    publicUrl: publicUrl(env.PUBLIC_URL),
    trustProxy: trustProxy(env.TRUST_PROXY),
    sessionMaxHours: int('SESSION_MAX_HOURS', env.SESSION_MAX_HOURS, 12, 1, 24 * 30),
    searchSplitFrom: int('SEARCH_SPLIT_FROM', env.SEARCH_SPLIT_FROM, 500_000, 1, 1_000_000_000),
    ballotWrongPerAddress: int('BALLOT_WRONG_PER_IP', env.BALLOT_WRONG_PER_IP, 30, 1, 100_000),
    ballotWrongGlobal: int('BALLOT_WRONG_GLOBAL', env.BALLOT_WRONG_GLOBAL, 2000, 1, 1_000_000),
    parseHeapMb: int('PARSE_HEAP_MB', env.PARSE_HEAP_MB, 384, 8, 4096),
    fileStore: fileStore(env.LUOSHI_FILE_STORE, dialect),
    metricsToken: metricsToken(env.METRICS_TOKEN),
    sqliteReader: !/^(0|off|false|no)$/i.test(env.SQLITE_READER?.trim() ?? ''),
    jobsFirstRunSec: int('JOBS_FIRST_RUN_SEC', env.JOBS_FIRST_RUN_SEC, 60, 0, 24 * 3600),
    auditAnchorPath: env.LUOSHI_AUDIT_ANCHOR?.trim()
      ? path.resolve(env.LUOSHI_AUDIT_ANCHOR.trim())
      : defaultAnchor(databaseUrl),
  };
}
