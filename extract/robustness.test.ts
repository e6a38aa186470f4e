import { describe, expect, it } from 'vitest';
import { extractTasks } from './index.ts';
import { normalizeText } from './normalize.ts';

const REF = { referenceDate: '2024-02-20' };

describe('robustness', () => {
  it('handles empty and whitespace-only input with a warning', () => {
    for (const t of ['', '   \n\r\n\t ']) {
      const r = extractTasks(t, REF);
      expect(r.tasks).toEqual([]);
      expect(r.warnings.join()).toMatch(/为空/);
    }
  });

  it('rejects binary garbage with a clear message instead of inventing tasks', () => {
    let g = '';
    for (let i = 0; i < 5000; i++) g += String.fromCharCode((i * 7919) % 65536);
    const r = extractTasks(g, REF);
    expect(r.tasks).toEqual([]);
    expect(r.warnings.length).toBeGreaterThan(0);
  });

  it('warns on an invalid reference date and falls back to today', () => {
    const r = extractTasks('县财政局要年底前完成资金拨付。', { referenceDate: '2024-02-30' });
    expect(r.warnings.join()).toMatch(/参考日期无效/);
    expect(r.tasks).toHaveLength(1);
  });

  it('reads traditional characters and keeps offsets into the original', () => {
    const trad = '各級黨組織要認真學習貫徹會議精神。縣財政局要在今年底前完成專項資金撥付,確保資金到位率達到95%以上。';
    const { tasks } = extractTasks(trad, REF);
    expect(tasks).toHaveLength(2);
    for (const t of tasks) expect(trad.slice(t.start, t.end)).toBe(t.text);
    expect(tasks[1].units).toEqual(['縣財政局']);
    expect(tasks[1].deadline).toMatchObject({ text: '今年底前', to: '2024-12-31' });
    expect(tasks[1].targets.map((x) => x.text)).toEqual(['達到95%以上']);
  });

  it('normalisation is length-preserving', () => {
    const s = '縣委組織部（牽頭）：１２３，ＡＢＣ\r\n　完成';
    const n = normalizeText(s);
    expect(n.length).toBe(s.length);
    expect(n).toBe('县委组织部(牵头):123,abc\n\n 完成');
  });

  it('treats full-width and half-width punctuation alike, and CRLF like LF', () => {
    const a = extractTasks('县发改局要加快编制规划，年底前报县政府审定；县财政局要做好资金保障。', REF).tasks;
    const b = extractTasks('县发改局要加快编制规划,年底前报县政府审定;县财政局要做好资金保障。', REF).tasks;
    expect(a.map((t) => [t.start, t.end, t.units])).toEqual(b.map((t) => [t.start, t.end, t.units]));
    const c = extractTasks('一、工作要求\r\n县发改局要加快编制规划。\r\n县财政局要做好资金保障。\r\n', REF).tasks;
    expect(c.map((t) => t.units)).toEqual([['县发改局'], ['县财政局']]);
  });

  it('survives text without punctuation', () => {
    const t = '县发改局要加快编制规划 县财政局要做好资金保障 '.repeat(200);
    const r = extractTasks(t, REF);
    expect(r.tasks.length).toBeGreaterThan(0);
    for (const x of r.tasks) expect(t.slice(x.start, x.end)).toBe(x.text);
  });

  it('processes 5 MB in linear time', () => {
    const para =
      '县财政局要在今年底前完成专项资金拨付,确保资金到位率达到95%以上。各镇要按每村不少于3名的标准储备村级后备干部。去年全县新建党组织4家,取得了明显成效。\n';
    const small = para.repeat(200);
    const big = para.repeat(Math.ceil(5e6 / para.length));
    // CPU time of this process, not wall time: the machine may be busy with other work
    const cpu = () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    };
    extractTasks(small, REF); // warm-up: JIT and lazy tables, so that the small run measures steady-state cost
    const t0 = cpu();
    const r1 = extractTasks(small, REF);
    const t1 = cpu();
    const r2 = extractTasks(big, REF);
    const t2 = cpu();
    expect(big.length).toBeGreaterThanOrEqual(5e6);
    expect(r2.tasks.length / r1.tasks.length).toBeCloseTo(big.length / small.length, -1);
    // linear: 5 MB does not cost much more per char than 15 KB (a quadratic pass would cost ~300 times more)
    expect((t2 - t1) / big.length).toBeLessThan(((t1 - t0) / small.length) * 8 + 0.001);
  }, 60000);

  it('bounds unclosed quotes and brackets', () => {
    const t = `要“加快${'推进项目建设,'.repeat(500)}县财政局要做好资金保障。`;
    const r = extractTasks(t, REF);
    expect(r.tasks.some((x) => x.units.includes('县财政局'))).toBe(true);
  });

  it('keeps placeholders (x县, x%)', () => {
    const [t] = extractTasks('x县要确保x%的村集体经济收入达到x万元以上。', REF).tasks;
    expect(t.units).toEqual(['x县']);
    expect(t.targets.map((x) => x.text)).toEqual(['x%', '达到x万元以上']);
  });
});

describe('robustness: pathological layouts', () => {
  it('handles many 分工 items on one line', () => {
    const item = (n: number) => `${n}.加快推进第${n}批项目建设,年底前全部开工。(牵头单位:县发改局;配合单位:县财政局)`;
    const line = Array.from({ length: 50 }, (_, i) => item(i + 1)).join('');
    const { tasks } = extractTasks(line, REF);
    expect(tasks).toHaveLength(50);
    for (const t of tasks) {
      expect(t.units).toEqual(['县发改局']);
      expect(t.cooperating).toEqual(['县财政局']);
      expect(line.slice(t.start, t.end)).toBe(t.text);
    }
  });
  it('stays linear with unclosed quotes and no punctuation', () => {
    const t = `“${'要加快推进'.repeat(100)}`.repeat(1000);
    const t0 = performance.now();
    extractTasks(t, REF);
    expect(performance.now() - t0).toBeLessThan(10000);
  }, 30000);
});

describe('traditional characters: one-to-many', () => {
  it('reads 著力 as 着力 and 瞭解 as 了解 (context of the next character)', () => {
    expect(normalizeText('著力推進,瞭解情況,顯著提高,瞭望塔')).toBe('着力推进,了解情况,显著提高,瞭望塔');
  });
});

describe('traditional = simplified', () => {
  it('gives the same tasks, offsets and units for a traditional rendering of a speech', async () => {
    const OpenCC = await import('opencc-js/cn2t');
    const toT = OpenCC.Converter({ from: 'cn', to: 'tw' });
    const s =
      '各镇党委要着力加强产业链党组织建设。县委组织部要会同县委政研室、县扶贫办,研究制定党建扶贫的思路和措施。' +
      '今年上半年,各镇要按每村不少于3名的标准储备村级后备干部。春节前,县财政局要完成专项资金拨付。要了解群众诉求,及时回应关切。';
    const t = toT(s);
    expect(t).not.toBe(s);
    expect(t.length).toBe(s.length);
    const a = extractTasks(s, REF).tasks,
      b = extractTasks(t, REF).tasks;
    expect(
      b.map((x) => [x.start, x.end, x.units.length, x.cooperating.length, x.deadline?.to ?? null, x.targets.length]),
    ).toEqual(
      a.map((x) => [x.start, x.end, x.units.length, x.cooperating.length, x.deadline?.to ?? null, x.targets.length]),
    );
    for (const x of b) expect(t.slice(x.start, x.end)).toBe(x.text);
  });
});

describe('random input', () => {
  it('never throws and always returns offsets into the input', () => {
    const alphabet =
      '要必须各县镇局委办的了年月日底前内春节中秋,。;:、()“”《》\t\n 0123456789x%万亿个名一二三四五十牵头单位配合责任完成时限工作任务|是就不对在把将我们大家会同负责';
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    let tasks = 0;
    for (let k = 0; k < 800; k++) {
      let s = '';
      const len = Math.floor(rnd() * 300);
      for (let i = 0; i < len; i++) s += alphabet[Math.floor(rnd() * alphabet.length)];
      if (k % 50 === 0) s += '\ud800';
      const r = extractTasks(s, { referenceDate: '2024-02-29' });
      for (const t of r.tasks) {
        expect(t.end).toBeGreaterThan(t.start);
        expect(s.slice(t.start, t.end)).toBe(t.text);
        tasks++;
      }
    }
    expect(tasks).toBeGreaterThan(100); // the alphabet is made to trigger the rules
  });
});

describe('lines without final punctuation', () => {
  it('keeps a short unpunctuated line with a modal as a task, not a title', () => {
    const { tasks } = extractTasks('工作要求\n县财政局要做好资金保障\n各乡镇要落实属地责任\n', REF);
    expect(tasks.map((t) => t.units)).toEqual([['县财政局'], ['各乡镇']]);
  });
});

describe('decoding a cut-off file', () => {
  it('UTF-8 that ends inside a multi-byte character is still read as UTF-8; GB18030 stays GB18030', async () => {
    const { decodeText } = await import('./io.ts');
    const iconv = (await import('iconv-lite')).default;
    const full = Buffer.from('各镇要在年底前完成排查整顿。', 'utf8');
    const cut = full.subarray(0, full.length - 2); // "。" is 3 bytes: keep only its first
    expect(decodeText(cut)).toEqual({ text: '各镇要在年底前完成排查整顿', encoding: 'utf-8' });
    const gb = iconv.encode('各镇要在年底前完成排查整顿。', 'gb18030');
    expect(decodeText(gb)).toEqual({ text: '各镇要在年底前完成排查整顿。', encoding: 'gb18030' });
  });
});
