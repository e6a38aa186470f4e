// Where the event loop goes: preload into a server process to print every SQLite call that held the
// main thread for more than TRACE_SQL_MS (default 20) and every event-loop stall over TRACE_LAG_MS
// (default 50), each with its thread and a time stamp, on stderr (workers load it too).
//   STALLS_NODE_FLAGS="--import ./bench/trace-sql.mjs" npx tsx bench/stalls.ts import
import { isMainThread, threadId } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

const SQL_MS = Number(process.env.TRACE_SQL_MS ?? 20);
const LAG_MS = Number(process.env.TRACE_LAG_MS ?? 50);
const t0 = performance.now();
const thread = isMainThread ? 'main' : `worker ${threadId}`;
const stamp = () => `${thread} ${((performance.now() - t0) / 1000).toFixed(3)}s`;

function timed(label, fn) {
  return function (...args) {
    const s = performance.now();
    try {
      return fn.apply(this, args);
    } finally {
      const d = performance.now() - s;
      if (d > SQL_MS) console.error(`[trace ${stamp()}] ${d.toFixed(1)} ms  ${label}`);
    }
  };
}

const proto = SQLite.prototype;
const prepare = proto.prepare;
proto.prepare = function (sql) {
  const label = sql.replace(/\s+/g, ' ').slice(0, 90);
  const st = timed(`prepare ${label}`, prepare).call(this, sql);
  for (const m of ['run', 'all', 'get']) st[m] = timed(label, st[m]);
  return st;
};
const pragma = proto.pragma;
proto.pragma = function (p, o) {
  return timed(`pragma ${p}`, pragma).call(this, p, o);
};
const exec = proto.exec;
proto.exec = function (s) {
  return timed(`exec ${s.slice(0, 60)}`, exec).call(this, s);
};

let last = performance.now();
setInterval(() => {
  const now = performance.now();
  const lag = now - last - 10;
  if (lag > LAG_MS) console.error(`[trace ${stamp()}] event loop held ${lag.toFixed(1)} ms`);
  last = now;
}, 10).unref();
