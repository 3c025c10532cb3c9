// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { CATEGORIES, compiledDefaultPacks } from '../../../lib/rules';
import { loadCorpus, scoreCorpus } from '../../fixtures/corpus/score';

// The development part only: the held-out test part (test/fixtures/corpus/test/) is measured by
// `npm run bench`, never asserted on, so nothing is tuned to it.
describe('development corpus of replies by BIS, India Post and KMC teams', () => {
  const drafts = loadCorpus('dev');
  // Scored once for the three checks below: the part has grown to nearly a thousand drafts.
  let scored: ReturnType<typeof scoreCorpus> | undefined;
  const score = () => (scored ??= scoreCorpus(compiledDefaultPacks(), drafts));

  it('has at least 200 drafts in English, Hindi and Hinglish covering every category, at least 40 % routine', () => {
    expect(drafts.length).toBeGreaterThanOrEqual(200);
    expect(drafts.filter((d) => d.categories.length === 0).length / drafts.length).toBeGreaterThanOrEqual(0.4);
    for (const lang of ['en', 'hi', 'hinglish'] as const) {
      expect(drafts.filter((d) => d.lang === lang && d.categories.length === 0).length, lang).toBeGreaterThanOrEqual(10);
      expect(drafts.filter((d) => d.lang === lang && d.categories.length > 0).length, lang).toBeGreaterThanOrEqual(10);
    }
    for (const category of CATEGORIES) expect(drafts.some((d) => d.categories.includes(category)), category).toBe(true);
    expect(drafts.filter((d) => d.commentFlags?.length).length).toBeGreaterThanOrEqual(5);
    expect(new Set(drafts.map((d) => d.id)).size).toBe(drafts.length);
  });

  it('is caught by the default packs with precision and recall of at least 0.9', () => {
    const { overall, mistakes } = score();
    const report = mistakes.map((m) => `${m.id}: missed [${m.missed}] extra [${m.extra}] ${m.text}`);
    expect(overall.precision, report.join('\n')).toBeGreaterThanOrEqual(0.9);
    expect(overall.recall, report.join('\n')).toBeGreaterThanOrEqual(0.9);
  }, 30_000); // the first test to score checks every draft: slow on a shared machine

  it('flags at most 5 % of routine replies in each language', () => {
    for (const [lang, s] of Object.entries(score().perLanguage)) expect(s.routineFlagged.rate, lang).toBeLessThanOrEqual(0.05);
  });

  it('holds back what the circulars forbid outright with a block finding', () => {
    const { mistakes, held } = score();
    const notHeld = mistakes.filter((m) => m.notHeld).map((m) => `${m.id}: ${m.text}`);
    expect(held.rate, notHeld.join('\n')).toBeGreaterThanOrEqual(0.9);
  });
});
