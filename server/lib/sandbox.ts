/**
 * The parse sandbox: untrusted files (.docx, .xlsx) are opened in worker threads with a capped
 * heap, never on the server's main thread. A file that still blows up (a heap out of memory, a
 * stack overflow in a parser, a parse that never ends) fails its own request with a Chinese 400;
 * the process, and every other request, carries on. The work also leaves the event loop free.
 *
 * Up to MAX_WORKERS workers, started on demand, reused for the next job (starting one costs about
 * a second), ended after IDLE_MS without work. Jobs queue when all are busy. The jobs themselves
 * are in sandbox-jobs.ts.
 */
import { Worker } from 'node:worker_threads';
import { AppError, badRequest } from './errors.ts';
import type { JobName, Jobs } from './sandbox-jobs.ts';

const MAX_WORKERS = 2;
const IDLE_MS = 30_000;

const WORKER_URL = new URL('./sandbox-worker.mjs', import.meta.url);
const JOBS_URL = new URL('./sandbox-jobs.ts', import.meta.url).href;

type Input<J extends JobName> = Parameters<Jobs[J]>[0];
type Output<J extends JobName> = Awaited<ReturnType<Jobs[J]>>;

interface Task {
  id: number;
  job: JobName;
  input: unknown;
  transfer: ArrayBuffer[];
  timeoutMs: number;
  failure: () => AppError;
  onProgress?: (p: any) => void;
  resolve: (v: any) => void;
  reject: (e: unknown) => void;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  task: Task | null;
  idle?: NodeJS.Timeout;
  timer?: NodeJS.Timeout;
}

const tooComplex = () => badRequest('FILE_TOO_COMPLEX', '文件内容过大或结构过于复杂,读取时超出资源上限,未保存任何内容');

export class Sandbox {
  /**
   * @param heapMb the old-generation heap of each worker (PARSE_HEAP_MB).
   * @param idleMs how long an idle worker is kept (tests shorten it).
   */
  constructor(
    private readonly heapMb: number,
    private readonly idleMs = IDLE_MS,
  ) {}
  private slots = new Set<Slot>();
  private queue: Task[] = [];
  private seq = 0;

  run<J extends JobName>(
    job: J,
    input: Input<J>,
    opts: { timeoutMs: number; failure?: () => AppError; onProgress?: (p: any) => void; transfer?: ArrayBuffer[] },
  ): Promise<Output<J>> {
    return new Promise((resolve, reject) => {
      this.queue.push({
        id: ++this.seq,
        job,
        input,
        transfer: opts.transfer ?? [],
        timeoutMs: opts.timeoutMs,
        failure: opts.failure ?? tooComplex,
        onProgress: opts.onProgress,
        resolve,
        reject,
      });
      this.pump();
    });
  }

  /** Workers alive now (for tests and the bench). */
  get size() {
    return this.slots.size;
  }

  private pump() {
    while (this.queue.length) {
      let slot = [...this.slots].find((s) => !s.task);
      if (!slot && this.slots.size < MAX_WORKERS) slot = this.spawn();
      if (!slot) return;
      this.start(slot, this.queue.shift()!);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_URL, {
      workerData: { jobsModule: JOBS_URL },
      resourceLimits: { maxOldGenerationSizeMb: this.heapMb, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 },
      // Its own stdout/stderr go to ours; nothing it prints is a request log line.
      stdout: false,
      stderr: false,
    });
    let ready!: () => void;
    const slot: Slot = { worker, task: null, ready: new Promise<void>((r) => (ready = r)) };
    worker.on('message', (m: { id?: number; type: string; payload: any }) => {
      if (m.type === 'ready') return ready();
      const t = slot.task;
      if (!t || m.id !== t.id) return;
      if (m.type === 'progress') return t.onProgress?.(m.payload);
      this.finish(slot);
      if (m.type === 'done') t.resolve(m.payload);
      else {
        const e = m.payload;
        t.reject(e.user ? new AppError(e.code, e.status, e.message, e.details) : t.failure());
      }
    });
    // Out of memory, a crash in native code, or terminate(): the job in hand fails, the slot goes.
    const gone = (why: unknown) => {
      if (!this.slots.has(slot)) return;
      this.slots.delete(slot);
      clearTimeout(slot.timer);
      clearTimeout(slot.idle);
      const t = slot.task;
      slot.task = null;
      if (t) t.reject(why instanceof AppError ? why : t.failure());
      this.pump();
    };
    worker.on('error', gone);
    worker.on('exit', gone);
    this.slots.add(slot);
    return slot;
  }

  private start(slot: Slot, t: Task) {
    slot.task = t;
    clearTimeout(slot.idle);
    slot.worker.ref();
    slot.timer = setTimeout(() => {
      const why = badRequest('FILE_PARSE_TIMEOUT', '文件读取超时(内容过大或结构过于复杂),未保存任何内容');
      this.slots.has(slot) && slot.task === t && void slot.worker.terminate().then(() => undefined);
      if (slot.task === t) {
        slot.task = null;
        this.slots.delete(slot);
        t.reject(why);
        this.pump();
      }
    }, t.timeoutMs);
    void slot.ready.then(() => {
      if (slot.task === t) slot.worker.postMessage({ id: t.id, job: t.job, input: t.input }, t.transfer);
    });
  }

  private finish(slot: Slot) {
    clearTimeout(slot.timer);
    slot.task = null;
    slot.worker.unref();
    // An idle worker leaves the pool when it is told to end, not when it has ended: between
    // terminate() and its exit event a new job given to it failed as "too complex" (seen in a full
    // test run on a loaded machine).
    slot.idle = setTimeout(() => {
      if (slot.task || !this.slots.delete(slot)) return;
      void slot.worker.terminate();
      this.pump();
    }, this.idleMs);
    slot.idle.unref();
    queueMicrotask(() => this.pump());
  }
}

const sandboxes = new Map<number, Sandbox>();
/** The process-wide sandbox for a configuration (one per heap size; normally one). */
export function sandboxOf(config: { parseHeapMb: number }): Sandbox {
  let s = sandboxes.get(config.parseHeapMb);
  if (!s) sandboxes.set(config.parseHeapMb, (s = new Sandbox(config.parseHeapMb)));
  return s;
}

/** Text of an uploaded .docx, read in the sandbox (see sandbox-jobs.ts docxText). */
export function docxText(
  config: { parseHeapMb: number },
  data: Buffer,
  opts: { profile: 'document' | 'report'; maxChars: number; what: string; invalid: { code: string; message: string } },
): Promise<string> {
  return sandboxOf(config).run(
    'docxText',
    { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), ...opts },
    { timeoutMs: 30_000 },
  );
}
