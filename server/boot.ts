/**
 * The one way a server runs (npm start and npm run demo): listen, start the periodic jobs
 * (server/jobs.ts), and on SIGINT/SIGTERM stop the jobs, close the app and whatever the caller
 * opened itself (the demo's database).
 */
import type { FastifyInstance } from 'fastify';
import { startAllJobs } from './jobs.ts';

export async function serve(app: FastifyInstance, o: { onClose?: () => Promise<void> } = {}) {
  const { config } = app.ctx;
  await app.listen({ port: config.port, host: config.host });
  // Jobs report their runs to /api/metrics; JOBS_FIRST_RUN_SEC delays their first run after boot.
  const stopJobs = startAllJobs(app.ctx, app.log, {
    firstAfterMs: config.jobsFirstRunSec * 1000,
    onRun: (job, ms, ok) => app.metrics.jobRun(job, ms, ok),
  });
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, async () => {
      stopJobs();
      await app.close();
      await o.onClose?.();
      process.exit(0);
    });
  }
  const address = app.server.address();
  const port = address && typeof address === 'object' ? address.port : config.port;
  return `http://${config.host}:${port}`;
}
