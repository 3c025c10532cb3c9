import parseTweet from 'twitter-text/dist/parseTweet.js';

/** X's limit for a post or reply, in weighted characters. */
export const X_LIMIT = 280;

/**
 * X's own count (twitter-text, the library X publishes): a URL counts 23 whatever its length; code
 * points up to U+10FF count 1 — Latin, and also Devanagari, where every vowel sign and virama is a
 * code point of its own ("नमस्ते" is 6) — while CJK and other scripts beyond count 2, an emoji 2.
 */
export function xWeightedLength(text: string): number {
  return parseTweet(text).weightedLength;
}

export interface XLengthCheck {
  /** Weighted length of the draft as it would be after inserting. */
  weighted: number;
  limit: number;
  /** Weighted characters left; negative when over. */
  remaining: number;
  over: boolean;
}

export function checkXLength(text: string): XLengthCheck {
  const weighted = xWeightedLength(text);
  return { weighted, limit: X_LIMIT, remaining: X_LIMIT - weighted, over: weighted > X_LIMIT };
}
