import type { TokenLookups } from './compile';
import type { Category } from './schema';

/**
 * A learned scorer for what phrase lists cannot reach (criticism of institutions, tone,
 * discriminatory generalisation, political remarks, copied content): one logistic model per
 * category over a draft's words, trained by lib/rules/scorer-train.ts on the development corpus
 * only and shipped as data (lib/rules/scorer-model.json). Its features are the folded words, their
 * first five letters (inflections: corrupt, corruption), Latin words' phonetic keys (Hinglish
 * spellings, lib/rules/transliterate.ts) and word pairs, so a finding can name the words that
 * weighed most. Looking up about two features a word keeps it linear and fast.
 */
export interface ScorerModel {
  version: number;
  /** Per category: bias, decision threshold (on the logit) and the weights of the features kept. */
  categories: Partial<Record<Category, { bias: number; threshold: number; weights: Record<string, number> }>>;
}

export interface CompiledScorer {
  categories: { category: Category; bias: number; threshold: number }[];
  /** Feature → weight per category (same order as `categories`; 0 where the category has none). */
  weights: Map<string, Float64Array>;
}

export function compileScorer(model: ScorerModel): CompiledScorer {
  const categories = (Object.entries(model.categories) as [Category, NonNullable<ScorerModel['categories'][Category]>][]).map(([category, m]) => ({
    category,
    bias: m.bias,
    threshold: m.threshold,
  }));
  const weights = new Map<string, Float64Array>();
  categories.forEach(({ category }, i) => {
    for (const [feature, w] of Object.entries(model.categories[category]!.weights)) {
      let row = weights.get(feature);
      if (!row) weights.set(feature, (row = new Float64Array(categories.length)));
      row[i] = w;
    }
  });
  return { categories, weights };
}

const STEM_LENGTH = 5;

/**
 * The features of a text's words, each with the token range it comes from. Shared by training and
 * checking so both see the same thing. Each feature counts once per text (the first place it occurs).
 */
export function scorerFeatures(lookups: TokenLookups): Map<string, [number, number]> {
  const { tokens, alternatives, sentence } = lookups;
  const features = new Map<string, [number, number]>();
  const add = (feature: string, first: number, last: number) => {
    if (!features.has(feature)) features.set(feature, [first, last]);
  };
  for (let i = 0; i < tokens.length; i++) {
    const text = tokens[i]!.text;
    if (text.length < 2 || (text.charCodeAt(0) >= 48 && text.charCodeAt(0) <= 57)) continue; // numbers say nothing about tone
    add(`w:${text}`, i, i);
    if (text.length > STEM_LENGTH + 1) add(`s:${text.slice(0, STEM_LENGTH)}`, i, i);
    const key = alternatives[i]?.find((a) => a.startsWith('~'));
    if (key) add(`p:${key.slice(1)}`, i, i);
    const next = tokens[i + 1];
    if (next && sentence[i + 1] === sentence[i]) add(`b:${text} ${next.text}`, i, i + 1);
  }
  return features;
}

export interface ScorerHit {
  category: Category;
  /** Token range of the feature that weighed most, and the words of the top features. */
  firstToken: number;
  lastToken: number;
  words: string[];
  logit: number;
}

/** The categories whose logit reaches its threshold, each with what weighed most for it. */
export function scoreDraft(scorer: CompiledScorer, lookups: TokenLookups): ScorerHit[] {
  const n = scorer.categories.length;
  const logits = Float64Array.from(scorer.categories, (c) => c.bias);
  const top: { weight: number; range: [number, number]; feature: string }[][] = scorer.categories.map(() => []);
  for (const [feature, range] of scorerFeatures(lookups)) {
    const row = scorer.weights.get(feature);
    if (!row) continue;
    for (let i = 0; i < n; i++) {
      const w = row[i]!;
      if (w === 0) continue;
      logits[i] = logits[i]! + w;
      if (w > 0) top[i]!.push({ weight: w, range, feature });
    }
  }
  const hits: ScorerHit[] = [];
  scorer.categories.forEach(({ category, threshold }, i) => {
    if (logits[i]! < threshold) return;
    const best = top[i]!.sort((a, b) => b.weight - a.weight);
    if (best.length === 0) return;
    const words = [...new Set(best.slice(0, 3).map((b) => b.range))].map(([a, z]) =>
      lookups.tokens
        .slice(a, z + 1)
        .map((t) => t.text)
        .join(' '),
    );
    hits.push({ category, firstToken: best[0]!.range[0], lastToken: best[0]!.range[1], words: [...new Set(words)], logit: logits[i]! });
  });
  return hits;
}
