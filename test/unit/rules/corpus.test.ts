// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { compiledDefaultPacks } from '../../../lib/rules';
import { loadCorpus, scoreCorpus } from '../../fixtures/corpus/score';

describe('labelled corpus of replies by BIS, India Post and KMC teams', () => {
  const drafts = loadCorpus();

  it('has at least 150 drafts in English, Hindi and Hinglish, routine and problematic', () => {
    expect(drafts.length).toBeGreaterThanOrEqual(150);
    for (const lang of ['en', 'hi', 'hinglish'] as const) {
      expect(drafts.filter((d) => d.lang === lang && d.categories.length === 0).length, lang).toBeGreaterThanOrEqual(10);
      expect(drafts.filter((d) => d.lang === lang && d.categories.length > 0).length, lang).toBeGreaterThanOrEqual(10);
    }
    expect(new Set(drafts.map((d) => d.id)).size).toBe(drafts.length);
  });

  it('is caught by the default packs with precision and recall of at least 0.9', () => {
    const score = scoreCorpus(compiledDefaultPacks(), drafts);
    const report = score.mistakes.map((m) => `${m.id}: missed [${m.missed}] extra [${m.extra}] ${m.text}`);
    expect(score.overall.precision, report.join('\n')).toBeGreaterThanOrEqual(0.9);
    expect(score.overall.recall, report.join('\n')).toBeGreaterThanOrEqual(0.9);
  });

  it('leaves routine replies without a blocking finding', () => {
    const score = scoreCorpus(compiledDefaultPacks(), drafts.filter((d) => d.categories.length === 0));
    expect(score.overall.fp).toBeLessThanOrEqual(Math.floor(drafts.length * 0.02));
  });
});
