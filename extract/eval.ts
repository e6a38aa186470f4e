// Runs the extractor over the development sets and scores each with the shared scorer, separately:
// dev (seed speeches), dev2 (other genres), and dev2's official part (decomposition documents scored on their labels).
// Usage: npm run eval:extract [-- --keep] [-- --json]; CORPUS_DIR=dir scores one folder only; CORPUS_ROOT moves the corpus.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { corpusDir, corpusRoot } from './corpus.ts';
import { defaultFunctions } from './functions.ts';
import { extractTasks } from './index.ts';
import { deriveCorrections, remainingMistakes } from './replay.ts';

interface Score {
  documents: number;
  gold_tasks: number;
  predicted_tasks: number;
  matched: number;
  precision: number;
  recall: number;
  f1: number;
  unit_f1: number;
  deadline_accuracy: number;
  target_f1: number;
  per_document: { doc: string; gold: number; pred: number; matched: number }[];
}

const root = corpusRoot();
const sets: [string, string][] = process.env.CORPUS_DIR
  ? [[path.basename(process.env.CORPUS_DIR), path.resolve(process.env.CORPUS_DIR)]]
  : (['dev', 'dev2'] as const).flatMap((n) => {
      const d = corpusDir(n);
      return d ? [[n, d] as [string, string]] : [];
    });
if (!sets.length) {
  console.error('找不到语料目录(../shared/corpus/dev);可用 CORPUS_ROOT 或 CORPUS_DIR 指定');
  process.exit(2);
}
const scorer = path.resolve(
  process.env.SCORER ?? path.join(root ?? path.join(sets[0][1], '..'), '../tools/score-extraction.mjs'),
);
const keep = process.argv.includes('--keep');
const verbose = !process.argv.includes('--summary');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-extract-'));

function score(gold: string, pred: string): Score {
  return JSON.parse(
    execFileSync(process.execPath, [scorer, '--gold', gold, '--pred', pred, '--json'], { encoding: 'utf8' }),
  );
}
const line = (label: string, s: Score) =>
  `${label.padEnd(14)} docs ${String(s.documents).padStart(2)} gold ${String(s.gold_tasks).padStart(3)} pred ${String(s.predicted_tasks).padStart(3)} | detection P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)} F1 ${s.f1.toFixed(3)} | units F1 ${s.unit_f1.toFixed(3)} | deadline acc ${s.deadline_accuracy.toFixed(3)} | targets F1 ${s.target_f1.toFixed(3)}`;

const summary: string[] = [];
const all: Record<string, Score> = {};
for (const [name, dir] of sets) {
  const out = path.join(tmp, name);
  fs.mkdirSync(out);
  const official: string[] = [];
  const replay = { rejected: 0, rejectedAfter: 0, units: 0, unitsAfter: 0 };
  for (const f of fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.txt'))
    .sort()) {
    const doc = f.replace(/\.txt$/, '');
    const goldFile = path.join(dir, `${doc}.gold.json`);
    if (!fs.existsSync(goldFile)) continue;
    const gold = JSON.parse(fs.readFileSync(goldFile, 'utf8'));
    if (gold.tasks?.some((t: { official?: boolean }) => t.official)) official.push(doc);
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    const res = extractTasks(text, { referenceDate: gold.reference_date });
    fs.writeFileSync(path.join(out, `${doc}.json`), JSON.stringify(res, null, 1));
    // replay: the corrections a reviewer would make to this extraction, fed back, then extract again
    const lessons = deriveCorrections(text, gold.tasks, res.tasks, defaultFunctions(), res.level ?? null);
    const again = extractTasks(text, { referenceDate: gold.reference_date, corrections: lessons });
    const before = remainingMistakes(text, gold.tasks, res.tasks, lessons);
    const after = remainingMistakes(text, gold.tasks, again.tasks, lessons);
    replay.rejected += lessons.notTasks?.length ?? 0;
    replay.rejectedAfter += after.notTasks;
    replay.units += before.units;
    replay.unitsAfter += after.units;
    fs.mkdirSync(path.join(tmp, `${name}-replay`), { recursive: true });
    fs.writeFileSync(path.join(tmp, `${name}-replay`, `${doc}.json`), JSON.stringify(again, null, 1));
    if (official.at(-1) === doc) {
      // the platform maps proposals onto its org tree: stand in for it with the departments the document's own
      // labels name (its body's real units), and score that separately
      const tree = [
        ...new Set(
          gold.tasks.flatMap((t: { units?: string[]; cooperating?: string[] }) => [
            ...(t.units ?? []),
            ...(t.cooperating ?? []),
          ]),
        ),
      ] as string[];
      const withTree = extractTasks(text, { referenceDate: gold.reference_date, units: tree });
      fs.mkdirSync(path.join(tmp, `${name}-tree`), { recursive: true });
      fs.writeFileSync(path.join(tmp, `${name}-tree`, `${doc}.json`), JSON.stringify(withTree, null, 1));
    }
  }
  const s = score(dir, out);
  all[name] = s;
  if (verbose) {
    console.log(`# ${name} (${dir})`);
    for (const d of s.per_document)
      console.log(`  ${d.doc}: gold ${d.gold}, predicted ${d.pred}, matched ${d.matched}`);
  }
  summary.push(line(name, s));
  const sr = score(dir, path.join(tmp, `${name}-replay`));
  summary.push(
    `${line(`${name} replayed`, sr)}  (rows deleted as not-a-task still extracted: ${replay.rejected} → ${replay.rejectedAfter}; rows with a wrong unit: ${replay.units} → ${replay.unitsAfter})`,
  );
  if (official.length) {
    // the scorer reads a folder: score the official documents through a folder of links to them
    const sub = path.join(tmp, `${name}-official`);
    fs.mkdirSync(sub);
    for (const doc of official)
      for (const ext of ['.txt', '.gold.json']) fs.symlinkSync(path.join(dir, doc + ext), path.join(sub, doc + ext));
    const so = score(sub, out);
    all[`${name}-official`] = so;
    summary.push(line(`${name} official`, so));
    summary.push(line(`${name} off.replay`, score(sub, path.join(tmp, `${name}-replay`))));
    const st = score(sub, path.join(tmp, `${name}-tree`));
    all[`${name}-official-tree`] = st;
    summary.push(`${line(`${name} off.+tree`, st)}  (proposals mapped onto the document's own departments)`);
  }
}
console.log(summary.join('\n'));
if (process.argv.includes('--json')) console.log(JSON.stringify(all, null, 1));
if (keep) console.log(`predictions: ${tmp}`);
else fs.rmSync(tmp, { recursive: true, force: true });
