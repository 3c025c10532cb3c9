/**
 * The development corpus's own held-out half (test/fixtures/corpus/dev/self-holdout.jsonl): drafts
 * written with the second development half, before the rule changes they measure, split off
 * alternately and never tuned on. Prints the same figures as the corpus parts.
 *
 *   npx tsx test/bench/rules-holdout.ts [--batch a|b|c|d|e|f]
 *
 * Batch a (ids …-r…) was written before the first round of rule changes, batch b (ids …-s…) before
 * the second, batch c (…-t…, mostly Hinglish) before the third; batches d, e and f (…-u…, …-v…,
 * …-w…) before the rounds of the third session's changes (test/fixtures/corpus/dev/README.md).
 *
 * --mistakes is for the development part only (score.ts dev --mistakes); here it is refused, so the
 * half stays a measure of generalisation.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compiledDefaultPacks } from '../../lib/rules';
import { CorpusDraft, formatScore, scoreCorpus } from '../fixtures/corpus/score';

export function loadSelfHoldout(): CorpusDraft[] {
  const text = readFileSync(new URL('../fixtures/corpus/dev/self-holdout.jsonl', import.meta.url), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => CorpusDraft.parse(JSON.parse(line)));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--mistakes')) throw new Error('the self-held-out half lists no mistakes: it is not tuned on');
  const batch = process.argv[process.argv.indexOf('--batch') + 1];
  const marker = ({ a: '-r', b: '-s', c: '-t', d: '-u', e: '-v', f: '-w' } as Record<string, string>)[batch ?? ''] ?? '';
  const drafts = loadSelfHoldout().filter((d) => d.id.includes(marker));
  console.log(formatScore(`dev self-holdout${marker ? ` batch ${batch}` : ''}`, scoreCorpus(compiledDefaultPacks(), drafts)));
}
