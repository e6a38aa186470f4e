import { defineConfig } from 'vitest/config';

// The browser workflows (e2e/) run against SQLite; on PostgreSQL only when E2E_ON_POSTGRES=1. They
// drive the same HTTP API whose every route the server tests exercise on both databases, and they
// take half of a suite run: running them twice kept CI above its 30-minute budget (docs/ARCHITECTURE.md).
const onPostgres = /^postgres(ql)?:/.test(process.env.DATABASE_URL ?? '');
const withE2e = !onPostgres || process.env.E2E_ON_POSTGRES === '1';
if (!withE2e) console.log('浏览器端到端测试(e2e/)本次不运行:数据库为 PostgreSQL。需要时设置 E2E_ON_POSTGRES=1。');

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['extract/**/*.test.ts', 'common/**/*.test.ts', 'web/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'server',
          include: ['server/**/*.test.ts'],
          environment: 'node',
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
