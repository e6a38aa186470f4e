// Runs the extractor over the dev corpus and scores it with the shared scorer.
// Usage: npm run eval:extract [-- --keep] ; CORPUS_DIR overrides the corpus location (default ../shared/corpus/dev).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extractTasks } from './index.ts';

const corpus = path.resolve(process.env.CORPUS_DIR ?? '../shared/corpus/dev');
const scorer = path.resolve(process.env.SCORER ?? path.join(corpus, '../../tools/score-extraction.mjs'));
if (!fs.existsSync(corpus)) {
  console.error(`找不到语料目录:${corpus}(可用 CORPUS_DIR 指定)`);
  process.exit(2);
}
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-extract-'));
for (const f of fs
  .readdirSync(corpus)
  .filter((n) => n.endsWith('.txt'))
  .sort()) {
  const name = f.replace(/\.txt$/, '');
  const goldFile = path.join(corpus, `${name}.gold.json`);
  const ref = fs.existsSync(goldFile) ? JSON.parse(fs.readFileSync(goldFile, 'utf8')).reference_date : undefined;
  const res = extractTasks(fs.readFileSync(path.join(corpus, f), 'utf8'), { referenceDate: ref });
  fs.writeFileSync(path.join(out, `${name}.json`), JSON.stringify(res, null, 1));
}
const args = [scorer, '--gold', corpus, '--pred', out, ...(process.argv.includes('--json') ? ['--json'] : [])];
process.stdout.write(execFileSync(process.execPath, args, { encoding: 'utf8' }));
if (process.argv.includes('--keep')) console.log(`predictions: ${out}`);
else fs.rmSync(out, { recursive: true, force: true });
