/**
 * The parse sandbox's pool (lib/sandbox.ts): a job that arrives just as an idle worker is being
 * ended goes to a live worker. The idle timer ended the worker, but the worker stayed in the pool
 * until its exit event, so a job given to it in between failed as 「文件内容过大或结构过于复杂」
 * (seen once in a full test run on a loaded machine). Here the second job is submitted by a timer
 * of the same length set just after the first job finished, so it fires right after the idle timer.
 */
import { expect, it } from 'vitest';
import { Sandbox } from './sandbox.ts';

const IDLE = 50;
const notDocx = () =>
  ({
    data: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]),
    profile: 'report',
    maxChars: 1000,
    what: '述职报告',
    invalid: { code: 'NOT_DOCX', message: '不是 .docx 文件' },
  }) as const;

it('a job submitted as an idle worker is ended runs on a live worker', async () => {
  const box = new Sandbox(64, IDLE);
  const run = () => box.run('docxText', notDocx(), { timeoutMs: 20_000 }).catch((e: { code?: string }) => e.code);
  expect(await run()).toBe('NOT_DOCX');
  const second = await new Promise((resolve) => setTimeout(() => resolve(run()), IDLE));
  expect(second).toBe('NOT_DOCX');
  // And the pool ends its idle workers afterwards.
  while (box.size) await new Promise((r) => setTimeout(r, 20));
});
