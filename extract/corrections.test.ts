import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusDir } from './corpus.ts';
import { defaultFunctions } from './functions.ts';
import { extractTasks } from './index.ts';
import { deriveCorrections, remainingMistakes } from './replay.ts';

const REF = { referenceDate: '2024-03-01' };

describe('lessons from corrections', () => {
  it('reads a taught alias as a unit and maps it', () => {
    const text = '城管要加强夜市占道经营整治。';
    expect(extractTasks(text, REF).tasks[0].units).toEqual([]); // 城管 alone is not recognisable as a unit
    const [t] = extractTasks(text, {
      ...REF,
      corrections: { aliases: [{ text: '城管', unit: '县综合行政执法局' }] },
    }).tasks;
    expect(t.units).toEqual(['城管']);
    expect(t.unitsMapped).toEqual([{ text: '城管', name: '县综合行政执法局' }]);
    expect(t.reasons).toContain('correction');
  });
  it('drops rows people deleted as not tasks, also when re-wrapped or re-punctuated', () => {
    const text = '各乡镇要进一步加强宣传引导,营造浓厚氛围。\n各乡镇要在6月底前完成危房排查。';
    const before = extractTasks(text, REF);
    expect(before.tasks).toHaveLength(2);
    const r = extractTasks(text.replace(',', ','), {
      ...REF,
      corrections: { notTasks: [before.tasks[0].text] },
    });
    expect(r.tasks.map((t) => t.text)).toEqual(['各乡镇要在6月底前完成危房排查']);
    expect(r.warnings.join()).toMatch(/1 条不再作为任务/);
  });
  it('proposes the lead chosen before for a row on the same topic', () => {
    const lessons = { topics: [{ words: ['老旧小区', '城市更新'], unit: '县城市更新中心' }] };
    const [t] = extractTasks('2024年重点工作任务分解表\n5.推进城市更新,改造老旧小区8个。', {
      ...REF,
      corrections: lessons,
    }).tasks;
    expect(t.units).toEqual(['县城市更新中心']);
    expect(t.unitSource).toBe('correction');
    expect(t.proposals?.[0]).toMatchObject({ source: 'correction', keywords: ['老旧小区', '城市更新'] });
  });
  it('re-assigns a department type people always change', () => {
    const lessons = { types: [{ type: '投资促进', unit: '经开区招商服务部' }] };
    const [t] = extractTasks('2024年重点工作任务分解表\n3.开展产业链招商,引进亿元以上项目10个。', {
      ...REF,
      corrections: lessons,
    }).tasks;
    expect(t.units).toEqual(['经开区招商服务部']);
  });
  it('never replaces a unit the text names', () => {
    const [t] = extractTasks('县住建局要改造老旧小区8个。', {
      ...REF,
      corrections: { topics: [{ words: ['老旧小区'], unit: '县城市更新中心' }] },
    }).tasks;
    expect(t.units).toEqual(['县住建局']);
  });
});

describe('replay: the same mistakes do not recur', () => {
  const own = {
    text: [
      '2024年县政府重点工作任务分解表',
      '1.开展产业链招商,新引进亿元以上项目12个。',
      '2.推进老旧小区改造,完成改造15个。',
      '3.会议要求大家高度重视。',
    ].join('\n'),
    gold: [
      { text: '开展产业链招商,新引进亿元以上项目12个', units: ['县投资促进中心'] },
      { text: '推进老旧小区改造,完成改造15个', units: ['县城建中心'] },
    ],
  };
  const replay = (text: string, gold: { text: string; units?: string[] }[], ref: string) => {
    const first = extractTasks(text, { referenceDate: ref });
    const lessons = deriveCorrections(text, gold, first.tasks, defaultFunctions(), first.level ?? null);
    const again = extractTasks(text, { referenceDate: ref, corrections: lessons });
    return {
      lessons,
      before: remainingMistakes(text, gold, first.tasks, lessons),
      after: remainingMistakes(text, gold, again.tasks, lessons),
    };
  };
  it('on a document of our own', () => {
    const r = replay(own.text, own.gold, '2024-03-01');
    expect(r.before.units).toBe(2);
    expect(r.after).toEqual({ notTasks: 0, units: 0 });
  });
  // The dev2 corpus lives beside the repository (../shared/corpus); on a machine without it the document of our
  // own above is the replay.
  const dev2 = corpusDir('dev2');
  const name = 'official_huoshan_kaifaqu_zerenqingdan_2025';
  it.runIf(!!dev2)(`on the dev2 document ${name}`, () => {
    const text = fs.readFileSync(path.join(dev2!, `${name}.txt`), 'utf8');
    const gold = JSON.parse(fs.readFileSync(path.join(dev2!, `${name}.gold.json`), 'utf8'));
    const r = replay(text, gold.tasks, gold.reference_date);
    expect(r.before.units).toBeGreaterThan(0);
    expect(r.after).toEqual({ notTasks: 0, units: 0 });
  });
});
