import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// The browser workflows (e2e/) run against SQLite; on PostgreSQL only when E2E_ON_POSTGRES=1. They
// drive the same HTTP API whose every route the server tests exercise on both databases, and they
// take half of a suite run: running them twice kept CI above its 30-minute budget (docs/ARCHITECTURE.md).
const onPostgres = /^postgres(ql)?:/.test(process.env.DATABASE_URL ?? '');
const withE2e = !onPostgres || process.env.E2E_ON_POSTGRES === '1';
if (!withE2e) console.log('浏览器端到端测试(e2e/)本次不运行:数据库为 PostgreSQL。需要时设置 E2E_ON_POSTGRES=1。');

// Server and unit test files share their worker's module cache (isolate: false): each file builds its own
// app on its own database, so nothing they need is module-level, and re-importing the whole server for
// every file cost ~150 s of a suite run. Two workers even on a 2-core machine: most test time is waiting
// on the database, a child process or the browser, not on the CPU (a PostgreSQL run went 479 s → 189 s).
export default defineConfig({
  test: {
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        test: {
          name: 'unit',
          include: ['extract/**/*.test.ts', 'common/**/*.test.ts', 'web/src/**/*.test.ts'],
          environment: 'node',
          isolate: false,
        },
      },
      {
        test: {
          name: 'server',
          include: ['server/**/*.test.ts'],
          environment: 'node',
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      ...(withE2e
        ? [
            {
              test: {
                name: 'e2e',
                include: ['e2e/**/*.test.ts'],
                environment: 'node',
                testTimeout: 120_000,
                hookTimeout: 180_000,
                fileParallelism: false,
              },
            },
          ]
        : []),
    ],
  },
});
