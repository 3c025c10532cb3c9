/**
 * Trains the learned scorer (lib/rules/scorer.ts) on the development corpus ONLY
 * (test/fixtures/corpus/dev/drafts.jsonl; never the held-out parts) and writes
 * lib/rules/scorer-model.json:
 *
 *   npx tsx lib/rules/scorer-train.ts [--dry-run]
 *
 * One L2-regularised logistic model per category (its drafts against every other draft), trained by
 * full-batch gradient descent from zero, so a run is deterministic. The decision threshold comes from
 * 5-fold cross-validation on the same part: just above the highest out-of-fold logit of a routine
 * draft, and never below 0 (probability ½), so the scorer adds findings without flagging routine
 * replies it did not see. Weights under 0.05 are dropped to keep the file small.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadCorpus, type CorpusDraft } from '../../test/fixtures/corpus/score';
import { compilePacks, tokenLookups } from './compile';
import { foldWithMap, tokenize } from './normalise';
import { defaultPacks } from './packs';
import type { Category } from './schema';
import { scorerFeatures, type ScorerModel } from './scorer';

export const SCORED_CATEGORIES: Category[] = ['criticism_of_institutions', 'tone', 'discriminatory', 'political', 'copyright'];
const L2 = 0.02;
const STEPS = 400;
const RATE = 0.5;
const FOLDS = 5;
const MARGIN = 0.25;
const KEEP_AT_LEAST = 0.05;
const MIN_FEATURE_DRAFTS = 2;

const compiled = compilePacks(defaultPacks());

export function draftFeatures(text: string): string[] {
  const folded = foldWithMap(text);
  return [...scorerFeatures(tokenLookups(folded.text, tokenize(folded.text), compiled.phonetic, compiled.englishWords)).keys()];
}

interface Trained {
  bias: number;
  weights: Map<string, number>;
}

/** Logistic regression on binary features, positives weighted to balance the classes. */
function train(samples: { features: string[]; positive: boolean }[], vocabulary: Set<string>): Trained {
  const positives = samples.filter((s) => s.positive).length;
  const negatives = samples.length - positives;
  const weightOf = (positive: boolean) => (positive ? samples.length / (2 * Math.max(1, positives)) : samples.length / (2 * Math.max(1, negatives)));
  const weights = new Map<string, number>();
  let bias = 0;
  const rows = samples.map((s) => ({ ...s, features: s.features.filter((f) => vocabulary.has(f)) }));
  for (let step = 0; step < STEPS; step++) {
    const gradient = new Map<string, number>();
    let gradientBias = 0;
    for (const row of rows) {
      let z = bias;
      for (const f of row.features) z += weights.get(f) ?? 0;
      const p = 1 / (1 + Math.exp(-z));
      const error = (p - (row.positive ? 1 : 0)) * weightOf(row.positive);
      gradientBias += error;
      for (const f of row.features) gradient.set(f, (gradient.get(f) ?? 0) + error);
    }
    bias -= (RATE * gradientBias) / rows.length;
    for (const f of vocabulary) {
      const w = weights.get(f) ?? 0;
      const g = (gradient.get(f) ?? 0) / rows.length + L2 * w;
      weights.set(f, w - RATE * 40 * g);
    }
  }
  return { bias, weights };
}

function logit(model: Trained, features: readonly string[]): number {
  let z = model.bias;
  for (const f of features) z += model.weights.get(f) ?? 0;
  return z;
}

/** Features seen in at least two drafts of the training drafts (one-off words only memorise). */
function vocabularyOf(drafts: { features: string[] }[]): Set<string> {
  const counts = new Map<string, number>();
  for (const d of drafts) for (const f of d.features) counts.set(f, (counts.get(f) ?? 0) + 1);
  return new Set([...counts].filter(([, n]) => n >= MIN_FEATURE_DRAFTS).map(([f]) => f));
}

export function trainScorer(drafts: readonly CorpusDraft[], log: (line: string) => void = () => {}): ScorerModel {
  const rows = drafts.map((d) => ({ draft: d, features: draftFeatures(d.text) }));
  const model: ScorerModel = { version: 1, categories: {} };
  for (const category of SCORED_CATEGORIES) {
    // Out-of-fold logits: each draft scored by a model that did not see it.
    const outOfFold = new Float64Array(rows.length);
    for (let fold = 0; fold < FOLDS; fold++) {
      const training = rows.filter((_, i) => i % FOLDS !== fold);
      const trained = train(
        training.map((r) => ({ features: r.features, positive: r.draft.categories.includes(category) })),
        vocabularyOf(training),
      );
      rows.forEach((r, i) => {
        if (i % FOLDS === fold) outOfFold[i] = logit(trained, r.features);
      });
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    const pos = rows.map((r, i) => (r.draft.categories.includes(category) ? outOfFold[i]! : NaN)).filter((x) => !Number.isNaN(x));
    const rout = rows.map((r, i) => (r.draft.categories.length === 0 ? outOfFold[i]! : NaN)).filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
    log(`  positives mean ${mean(pos).toFixed(2)}  routine mean ${mean(rout).toFixed(2)} p95 ${rout[Math.floor(rout.length * 0.95)]!.toFixed(2)} p99 ${rout[Math.floor(rout.length * 0.99)]!.toFixed(2)} max ${rout[rout.length - 1]!.toFixed(2)}  positives over p99: ${pos.filter((x) => x >= rout[Math.floor(rout.length * 0.99)]!).length}`);
    const routineMax = Math.max(...rows.map((r, i) => (r.draft.categories.length === 0 ? outOfFold[i]! : -Infinity)));
    const threshold = process.env.SCORER_P99 ? rout[Math.floor(rout.length * 0.99)]! : Math.max(0, routineMax + MARGIN);
    const positives = rows.filter((r) => r.draft.categories.includes(category));
    const found = rows.filter((r, i) => r.draft.categories.includes(category) && outOfFold[i]! >= threshold).length;
    const others = rows.filter((r, i) => r.draft.categories.length > 0 && !r.draft.categories.includes(category) && outOfFold[i]! >= threshold).length;
    log(`${category.padEnd(26)} threshold ${threshold.toFixed(2)}  out-of-fold recall ${found}/${positives.length}  other problem drafts over it ${others}`);
    const trained = train(
      rows.map((r) => ({ features: r.features, positive: r.draft.categories.includes(category) })),
      vocabularyOf(rows),
    );
    const weights: Record<string, number> = {};
    for (const [f, w] of [...trained.weights].sort(([a], [b]) => (a < b ? -1 : 1))) if (Math.abs(w) >= KEEP_AT_LEAST) weights[f] = Math.round(w * 1000) / 1000;
    model.categories[category] = { bias: Math.round(trained.bias * 1000) / 1000, threshold: Math.round(threshold * 1000) / 1000, weights };
  }
  return model;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const model = trainScorer(loadCorpus('dev'), console.log);
  const json = `${JSON.stringify(model)}\n`;
  console.log(`model: ${(json.length / 1024).toFixed(0)} KB, ${Object.values(model.categories).reduce((n, c) => n + Object.keys(c.weights).length, 0)} weights`);
  if (!process.argv.includes('--dry-run')) writeFileSync(new URL('./scorer-model.json', import.meta.url), json);
}
