// Where the development corpus lives: CORPUS_ROOT, else the nearest `shared/corpus` above the working directory
// (the main checkout sits beside `shared/`, worktrees one level deeper).
import fs from 'node:fs';
import path from 'node:path';

export function corpusRoot(from = process.cwd()): string | null {
  if (process.env.CORPUS_ROOT) return path.resolve(process.env.CORPUS_ROOT);
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const c = path.join(dir, 'shared', 'corpus');
    if (fs.existsSync(path.join(c, 'dev'))) return c;
    if (path.dirname(dir) === dir) return null;
  }
}

/** A corpus set by name (dev, dev2), or null when the corpus is not on this machine. */
export function corpusDir(name: string, from?: string): string | null {
  const root = corpusRoot(from);
  const dir = root && path.join(root, name);
  return dir && fs.existsSync(dir) ? dir : null;
}
