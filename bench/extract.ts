// Throughput of the task extractor on the dev corpus, beside a plain regex sentence split measured in the same run.
// Run: npx tsx bench/extract.ts   (CORPUS_DIR overrides ../shared/corpus/dev)
import fs from 'node:fs';
import path from 'node:path';
import { corpusDir } from '../extract/corpus.ts';
import { extractTasks } from '../extract/index.ts';

const dir = process.env.CORPUS_DIR
  ? path.resolve(process.env.CORPUS_DIR)
  : (corpusDir('dev') ?? '../shared/corpus/dev');
const docs = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
const chars = docs.reduce((n, d) => n + d.length, 0);
// files arrive as UTF-8, where a Chinese character takes 3 bytes: "MB/s" below is of the UTF-8 input
const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d, 'utf8'), 0);

/** Baseline: split into sentences and keep those with a modal verb (what the corpus README calls the plain baseline). */
function baseline(text: string): number {
  let n = 0;
  for (const s of text.split(/[。!?;!?;\n]+/)) if (/要|必须|确保/.test(s)) n++;
  return n;
}

function measure(label: string, f: (t: string) => unknown, minMs = 3000) {
  for (let i = 0; i < 3; i++) for (const d of docs) f(d); // warm-up (JIT, lazy dictionaries)
  let runs = 0;
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  let el = 0;
  while (el < minMs) {
    for (const d of docs) f(d);
    runs++;
    el = Number(process.hrtime.bigint() - t0) / 1e6;
  }
  const cu = process.cpuUsage(c0);
  // CPU time is what "per core" means; wall time is shown too because a busy machine inflates it
  const cpuMs = (cu.user + cu.system) / 1000;
  const cps = (chars * runs) / (cpuMs / 1000);
  const wall = (chars * runs) / (el / 1000);
  const mbs = (bytes * runs) / (cpuMs / 1000) / 1e6;
  console.log(
    `${label.padEnd(34)} ${(cps / 1e6).toFixed(2).padStart(7)} M chars/s = ${mbs.toFixed(2)} MB/s UTF-8 per core (CPU time; wall ${(wall / 1e6).toFixed(2)} M chars/s), ${(cpuMs / runs).toFixed(2)} ms CPU per pass of ${chars} chars`,
  );
  return cps;
}

console.log(`corpus: ${docs.length} documents, ${chars} characters, ${bytes} bytes UTF-8 (${dir})`);
const base = measure('regex sentence split (baseline)', baseline);
const ours = measure('extractTasks', (t) => extractTasks(t, { referenceDate: '2020-01-15' }));
const per12k = (12000 / ours) * 1000;
console.log(
  `extractTasks is ${(base / ours).toFixed(1)}x slower than the baseline split; a 12,000-character speech takes ${per12k.toFixed(2)} ms`,
);
const big = docs
  .join('\n')
  .repeat(Math.ceil(5e6 / chars))
  .slice(0, 5e6);
const t0 = process.hrtime.bigint();
const c0 = process.cpuUsage();
const r = extractTasks(big, { referenceDate: '2020-01-15' });
const cu = process.cpuUsage(c0);
const bigMs = (cu.user + cu.system) / 1000;
console.log(
  `5 M characters (${(Buffer.byteLength(big, 'utf8') / 1e6).toFixed(1)} MB UTF-8): ${bigMs.toFixed(0)} ms CPU = ${(Buffer.byteLength(big, 'utf8') / 1e6 / (bigMs / 1000)).toFixed(2)} MB/s (${(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(0)} ms wall), ${r.tasks.length} tasks`,
);
