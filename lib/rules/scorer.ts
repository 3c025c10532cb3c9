import { fold, tokenize, type Token } from './normalise';
import { phoneticTrieKey } from './transliterate';
import type { Category } from './schema';

/**
 * A learned scorer for the categories phrase lists reach least (criticism of institutions,
 * discriminatory generalisation, prejudging, tone …): one logistic model per category over the
 * draft's words, their phonetic keys (Hinglish spellings share a key), word pairs and character
 * n-grams of each word (inflections share n-grams). Trained on the development corpus only by
 * test/fixtures/corpus/train-scorer.ts and shipped as data: hashed features, one byte a weight.
 */
export interface ScorerData {
  /** Feature hashing: a feature's weights are at hash(feature) mod buckets. */
  buckets: number;
  categories: { category: Category; bias: number; threshold: number; /** weight = byte × scale */ scale: number }[];
  /** base64 of an Int8Array of buckets × categories weights, a bucket's categories side by side. */
  weights: string;
}

export interface Scorer {
  data: ScorerData;
  weights: Int8Array;
}

const NGRAM_MIN = 3;
const NGRAM_MAX = 5;

/** FNV-1a, 32-bit, over part of a string (no slices allocated). */
function hashRange(prefix: number, text: string, start: number, end: number): number {
  let h = (0x811c9dc5 ^ prefix) >>> 0;
  h = Math.imul(h, 0x01000193);
  for (let i = start; i < end; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const WORD = 1;
const KEY = 2;
const PAIR = 3;
const NGRAM = 4;

/**
 * Calls `emit(bucket, token)` for each feature of the folded text's tokens: the word, a Latin
 * word's phonetic key, the word with the next one, and the n-grams of the word padded with spaces.
 */
export function forEachFeature(folded: string, tokens: readonly Token[], buckets: number, emit: (bucket: number, token: number) => void): void {
  for (let t = 0; t < tokens.length; t++) {
    const word = tokens[t]!.text;
    emit(hashRange(WORD, word, 0, word.length) % buckets, t);
    const code = word.charCodeAt(0);
    if (code >= 97 && code <= 122) {
      const key = phoneticTrieKey(word);
      if (key) emit(hashRange(KEY, key, 0, key.length) % buckets, t);
    }
    const next = tokens[t + 1];
    if (next) {
      const pair = `${word} ${next.text}`;
      emit(hashRange(PAIR, pair, 0, pair.length) % buckets, t);
    }
    const padded = ` ${word} `;
    for (let n = NGRAM_MIN; n <= NGRAM_MAX; n++) {
      for (let i = 0; i + n <= padded.length; i++) emit(hashRange(NGRAM, padded, i, i + n) % buckets, t);
    }
  }
}

/** The distinct feature buckets of a text (what the model is trained on). */
export function featureBuckets(text: string, buckets: number): number[] {
  const folded = fold(text);
  const seen = new Set<number>();
  forEachFeature(folded, tokenize(folded), buckets, (bucket) => seen.add(bucket));
  return [...seen];
}

export function loadScorer(data: ScorerData): Scorer {
  const binary = atob(data.weights);
  const weights = new Int8Array(binary.length);
  for (let i = 0; i < binary.length; i++) weights[i] = (binary.charCodeAt(i) << 24) >> 24;
  if (weights.length !== data.buckets * data.categories.length) throw new Error('scorer weights do not match its buckets and categories');
  return { data, weights };
}

export interface Score {
  category: Category;
  probability: number;
  /** The tokens whose features pushed the score up most (at most three), for the highlight. */
  topTokens: number[];
}

/** The categories the model finds at or above their thresholds, with the words that weighed most. */
export function scoreTokens(scorer: Scorer, folded: string, tokens: readonly Token[]): Score[] {
  const { data, weights } = scorer;
  const n = data.categories.length;
  const sums = new Float64Array(n);
  const perToken = new Float64Array(tokens.length * n);
  const seen = new Set<number>();
  forEachFeature(folded, tokens, data.buckets, (bucket, token) => {
    if (seen.has(bucket)) return; // each distinct feature counts once, as in training
    seen.add(bucket);
    const base = bucket * n;
    for (let c = 0; c < n; c++) {
      const w = weights[base + c]!;
      if (w === 0) continue;
      sums[c] += w;
      perToken[token * n + c] += w;
    }
  });
  const scale = 1 / Math.sqrt(Math.max(1, seen.size));
  const scores: Score[] = [];
  data.categories.forEach((c, i) => {
    const z = c.bias + sums[i]! * c.scale * scale;
    const probability = 1 / (1 + Math.exp(-z));
    if (probability < c.threshold) return;
    const top: number[] = [];
    for (let t = 0; t < tokens.length; t++) if (perToken[t * n + i]! > 0) top.push(t);
    top.sort((a, b) => perToken[b * n + i]! - perToken[a * n + i]!);
    scores.push({ category: c.category, probability, topTokens: top.slice(0, 3) });
  });
  return scores;
}

export function scoreText(scorer: Scorer, text: string): Score[] {
  const folded = fold(text);
  return scoreTokens(scorer, folded, tokenize(folded));
}
