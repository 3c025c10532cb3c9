// The per-function file (typed in lib/canned/twitter-text-parse-tweet.d.ts) keeps the content-script bundle small.
import parseTweet from 'twitter-text/dist/parseTweet.js';
import type { RulePlatform } from './schema';

/** X's current counting (twitter-text config v3): most scripts, Devanagari included, count 1; CJK and emoji 2; links 23. */
const X_COUNTING = {
  version: 3,
  scale: 100,
  defaultWeight: 200,
  emojiParsingEnabled: true,
  transformedURLLength: 23,
  ranges: [
    { start: 0, end: 4351, weight: 100 },
    { start: 8192, end: 8205, weight: 100 },
    { start: 8208, end: 8223, weight: 100 },
    { start: 8242, end: 8247, weight: 100 },
  ],
};

/**
 * Where a draft first goes over `max` on `platform` (a string index), or undefined when it fits.
 * X counts its weighted length; Facebook counts characters (code points).
 */
export function overflowStart(text: string, platform: RulePlatform, max: number): number | undefined {
  if (platform === 'x') {
    const parsed = parseTweet(text, { ...X_COUNTING, maxWeightedTweetLength: max });
    return parsed.weightedLength > max ? parsed.validRangeEnd + 1 : undefined;
  }
  let codePoints = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xdc00 && code <= 0xdfff) continue; // low surrogate: counted with its pair
    codePoints++;
    if (codePoints > max) return i;
  }
  return undefined;
}
