/**
 * Hinglish by transliteration: one Hindi lexicon matched in Devanagari and in Latin script. Both
 * sides are reduced to a phonetic key that the common Latin spellings of a Hindi word share: long
 * and short vowels merged (ee = i, oo = u, aa = a), doubled and elongated letters single, aspiration
 * dropped (bh = b, kh = k), ph = f, sh = s, w = v, q = k, z = j, "eh" read as "ah"
 * (kehna = kahna = कहना), a final "in" or "en" read without its n (nahin = nahi = नहीं, mein = में), and every "a" and final vowel left
 * out (the inherent vowel is written or not at will: gopniya, gopaniya, gopneey and गोपनीय are all
 * "gopniy"). Keys with fewer than three consonants are not used: they would collide with English.
 */

/** Latin for folded Devanagari (lib/rules/normalise.ts has merged long and short i and u). */
const CONSONANTS: Record<string, string> = {
  क: 'k', ख: 'kh', ग: 'g', घ: 'gh', ङ: 'n', च: 'ch', छ: 'chh', ज: 'j', झ: 'jh', ञ: 'n', ट: 't', ठ: 'th', ड: 'd', ढ: 'dh', ण: 'n',
  त: 't', थ: 'th', द: 'd', ध: 'dh', न: 'n', प: 'p', फ: 'ph', ब: 'b', भ: 'bh', म: 'm', य: 'y', र: 'r', ल: 'l', व: 'v', श: 'sh',
  ष: 'sh', स: 's', ह: 'h', ळ: 'l',
};
const VOWELS: Record<string, string> = {
  अ: 'a', आ: 'aa', इ: 'i', उ: 'u', ऋ: 'ri', ए: 'e', ऐ: 'ai', ओ: 'o', औ: 'au',
  'ा': 'aa', 'ि': 'i', 'ु': 'u', 'ृ': 'ri', 'े': 'e', 'ै': 'ai', 'ो': 'o', 'ौ': 'au', 'ं': 'n', 'ः': 'h', '्': '',
};

/** A folded Devanagari word in Latin letters, without the inherent vowel (the key drops "a" anyway). */
export function devanagariToLatin(word: string): string | undefined {
  let out = '';
  const chars = [...word];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    // The anusvara sounds like the nasal of the consonant after it: m before म (written "mm"), n elsewhere.
    // A final nasalised i or e (नहीं, में, हैं) is written with or without its n (nahi, nahin): the key leaves it out, as for Latin.
    if (ch === 'ं' && i === chars.length - 1 && (chars[i - 1] === 'ि' || chars[i - 1] === 'े' || chars[i - 1] === 'ै')) continue;
    const latin = ch === 'ं' && chars[i + 1] === 'म' ? 'm' : (CONSONANTS[ch] ?? VOWELS[ch]);
    if (latin === undefined) return undefined; // digits, other scripts: no key
    out += latin;
  }
  return out;
}

const A = 97;
const Z = 122;
const isVowel = (c: number) => c === 97 || c === 101 || c === 105 || c === 111 || c === 117;
/** Consonants whose following "h" only marks aspiration (bh = b); "ph" is f, "ch" stays c. */
const ASPIRATED = new Set([...'bdgjkrtspc'].map((c) => c.charCodeAt(0)));
const LATIN_MAP = new Map([...'qzw'].map((c, i) => [c.charCodeAt(0), 'kjv'.charCodeAt(i)]));
const [CH_A, CH_E, CH_O, CH_H, CH_C, CH_P, CH_M, CH_B, CH_I, CH_U, CH_K, CH_F, CH_N] = [...'aeohcpmbiukfn'].map((c) => c.charCodeAt(0)) as number[];

export interface PhoneticKey {
  key: string;
  consonants: number;
}

const out = new Uint16Array(64);

/**
 * The phonetic key of a lower-case Latin word (undefined for anything else). A loop over char
 * codes rather than a chain of replacements: it runs on every Latin word of every draft checked.
 */
export function phoneticKeyOf(word: string): PhoneticKey | undefined {
  if (word.length > 60) return undefined;
  let n = 0;
  for (let i = 0; i < word.length; ) {
    const c = word.charCodeAt(i);
    if (c < A || c > Z) return undefined;
    let run = 1;
    while (word.charCodeAt(i + run) === c) run++;
    i += run;
    if (c === CH_A) continue;
    const last = n > 0 ? out[n - 1]! : -1;
    const next = word.charCodeAt(i);
    // nahin = nahi, mein = me, karein = kare (a final nasalised i or e, see devanagariToLatin).
    if (c === CH_N && run === 1 && i === word.length && (last === CH_I || last === CH_E)) continue;
    // Hinglish writes the inherent vowel before ह as "e" (kehna, pehle, rehna = कहना, पहले, रहना): "eh" reads as "ah".
    if (c === CH_E && run === 1 && next === CH_H && i + 1 < word.length) continue;
    let emit: number;
    if (c === CH_E && run >= 2) emit = CH_I!;
    else if (c === CH_O && run >= 2) emit = CH_U!;
    else if (c === CH_H && ASPIRATED.has(last)) {
      if (last === CH_P) out[n - 1] = CH_F!;
      continue;
    } else if (c === CH_C) emit = next === CH_H ? CH_C! : CH_K!;
    else if (c === CH_M && (next === CH_B || next === CH_P)) emit = CH_N!;
    else emit = LATIN_MAP.get(c) ?? c;
    // Dropping the a's brings letters together (mamal → mml): single again.
    if (emit !== last) out[n++] = emit;
  }
  if (n > 0 && out[n - 1] === CH_H) n--;
  while (n > 1 && isVowel(out[n - 1]!)) n--;
  let consonants = 0;
  for (let i = 0; i < n; i++) if (!isVowel(out[i]!)) consonants++;
  return { key: String.fromCharCode(...out.subarray(0, n)), consonants };
}

/**
 * phoneticKeyOf, remembered: a moderator's draft is checked again on every pause in typing, with
 * mostly the same words. Bounded, and emptied when full.
 */
const remembered = new Map<string, string | null>();
const REMEMBER_AT_MOST = 20_000;

/** The trie key of a Latin word's phonetic key ("~" and the key), or undefined. */
export function phoneticTrieKey(word: string): string | undefined {
  let key = remembered.get(word);
  if (key === undefined) {
    if (remembered.size >= REMEMBER_AT_MOST) remembered.clear();
    const found = phoneticKeyOf(word);
    key = found ? `~${found.key}` : null;
    remembered.set(word, key);
  }
  return key ?? undefined;
}

/** The key of a Latin word when it has at least three consonants (shorter keys collide with English words). */
export function phoneticKey(word: string): string | undefined {
  const found = phoneticKeyOf(word);
  return found && found.consonants >= 3 ? found.key : undefined;
}

/** The key a phrase word of the Hindi lexicon is matched by in Latin script (Devanagari or a Latin spelling), whatever its length. */
export function phraseWordKey(word: string): PhoneticKey | undefined {
  if (/^[a-z]+$/.test(word)) return phoneticKeyOf(word);
  const latin = devanagariToLatin(word);
  return latin === undefined || latin === '' ? undefined : phoneticKeyOf(latin);
}
