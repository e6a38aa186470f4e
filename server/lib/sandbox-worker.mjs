// The parse sandbox's worker (see sandbox.ts). Plain JavaScript so that it starts the same way
// under tsx, vitest or plain node: it registers tsx's loader, then imports the TypeScript jobs.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { jobs } = await import(workerData.jobsModule);

parentPort.on('message', async ({ id, job, input }) => {
  const post = (payload, transfer) => parentPort.postMessage({ id, type: 'progress', payload }, transfer ?? []);
  try {
    const result = await jobs[job](input, post);
    // A buffer that owns its whole memory is moved, not copied (a pooled slice is copied).
    const own =
      result instanceof Uint8Array && result.byteOffset === 0 && result.byteLength === result.buffer.byteLength;
    const transfer = own ? [result.buffer] : [];
    parentPort.postMessage({ id, type: 'done', payload: result }, transfer);
  } catch (e) {
    const err = e ?? {};
    parentPort.postMessage({
      id,
      type: 'error',
      payload: {
        code: err.code,
        status: err.status,
        message: String(err.message ?? err),
        details: err.details,
        user: err.name === 'AppError' || typeof err.status === 'number',
      },
    });
  }
});
parentPort.postMessage({ type: 'ready' });
