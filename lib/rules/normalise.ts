/**
 * Folding of text for phrase matching, keeping a map back to the original string so findings
 * point at what the moderator typed.
 *
 * Latin: lower-cased, curly apostrophes straightened. Devanagari: the spelling variants Hindi
 * writers use interchangeably collapse to one form — nukta dropped (ज़ = ज, क़ = क), chandrabindu
 * written as anusvara (हँ = हं), long and short i/u matras merged (की = कि, पूरा = पुरा), candra o
 * merged with o (कॉलेज = कोलेज), a nasal consonant with virama before another consonant written as
 * anusvara (हिन्दी = हिंदी, सम्बन्ध = संबंध), and zero-width joiners removed.
 */

const NUKTA = 0x093c;
const VIRAMA = 0x094d;
const ANUSVARA = 'ं';
const ZERO_WIDTH = new Set([0x200b, 0x200c, 0x200d, 0xfeff]);

/** Single-code-unit replacements. Nasal consonants ङ ञ ण न म with a virama before another consonant are spelt as anusvara (below). */
const CHAR_FOLD: Record<string, string> = {
  'ँ': ANUSVARA, // chandrabindu
  'ी': 'ि',
  'ू': 'ु',
  'ई': 'इ',
  'ऊ': 'उ',
  'ॉ': 'ो',
  'ऑ': 'ओ',
  'ॅ': 'े',
  'ऍ': 'ए',
  // precomposed nukta letters (U+0958–U+095F, U+0929, U+0931, U+0934) → base letter
  '\u0958': '\u0915',
  '\u0959': '\u0916',
  '\u095a': '\u0917',
  '\u095b': '\u091c',
  '\u095c': '\u0921',
  '\u095d': '\u0922',
  '\u095e': '\u092b',
  '\u095f': '\u092f',
  '\u0929': '\u0928',
  '\u0931': '\u0930',
  '\u0934': '\u0933',
  '\u2019': "'",
  '\u2018': "'",
};

function isDevanagariConsonant(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const code = ch.charCodeAt(0);
  return (code >= 0x0915 && code <= 0x0939) || (code >= 0x0958 && code <= 0x095f);
}

export interface FoldedText {
  /** The folded text. */
  text: string;
  /** For each code unit of `text`, the index in the original text where it came from. */
  origin: Int32Array;
  /** For each code unit of `text`, the index just past its source in the original text. */
  originEnd: Int32Array;
}

/** Code-unit replacements as numbers, for the hot loop. */
const CODE_FOLD = new Map<number, number>(Object.entries(CHAR_FOLD).map(([from, to]) => [from.charCodeAt(0), to.charCodeAt(0)]));
const ANUSVARA_CODE = ANUSVARA.charCodeAt(0);

function isNasal(code: number): boolean {
  return code === 0x0919 || code === 0x091e || code === 0x0923 || code === 0x0928 || code === 0x092e;
}

/**
 * Folds `text` for matching and keeps, per folded code unit, its span in the original. Runs on
 * every keystroke's check, so it works on typed arrays and only calls toLowerCase outside ASCII
 * and Devanagari.
 */
export function foldWithMap(text: string): FoldedText {
  let capacity = text.length + 16;
  let codes = new Uint16Array(capacity);
  let origin = new Int32Array(capacity);
  let originEnd = new Int32Array(capacity);
  let n = 0;
  const emit = (code: number, from: number, to: number) => {
    if (n === capacity) {
      capacity *= 2;
      const grow = <T extends Uint16Array | Int32Array>(old: T, fresh: T): T => (fresh.set(old), fresh);
      codes = grow(codes, new Uint16Array(capacity));
      origin = grow(origin, new Int32Array(capacity));
      originEnd = grow(originEnd, new Int32Array(capacity));
    }
    codes[n] = code;
    origin[n] = from;
    originEnd[n] = to;
    n++;
  };
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      emit(code >= 65 && code <= 90 ? code + 32 : code, i, i + 1);
      continue;
    }
    if (code === NUKTA || ZERO_WIDTH.has(code)) {
      // dropped, but still part of the letter before it: a match ending there covers it
      if (n > 0 && originEnd[n - 1] === i) originEnd[n - 1] = i + 1;
      continue;
    }
    if (code >= 0x0900 && code <= 0x097f) {
      // nasal + virama + consonant → anusvara (the virama is consumed)
      if (isNasal(code) && text.charCodeAt(i + 1) === VIRAMA && isDevanagariConsonant(nextConsonant(text, i + 2))) {
        emit(ANUSVARA_CODE, i, i + 2);
        i++;
        continue;
      }
      emit(CODE_FOLD.get(code) ?? code, i, i + 1);
      continue;
    }
    const folded = CODE_FOLD.get(code);
    if (folded !== undefined) {
      emit(folded, i, i + 1);
      continue;
    }
    // other scripts: lower-case by code point (a surrogate pair stays one unit of the original)
    const width = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length ? 2 : 1;
    const lower = text.slice(i, i + width).toLowerCase();
    for (let k = 0; k < lower.length; k++) emit(lower.charCodeAt(k), i, i + width);
    i += width - 1;
  }
  let out = '';
  for (let start = 0; start < n; start += 4096) {
    out += String.fromCharCode.apply(null, codes.subarray(start, Math.min(n, start + 4096)) as unknown as number[]);
  }
  return { text: out, origin: origin.subarray(0, n), originEnd: originEnd.subarray(0, n) };
}

/** The consonant at `index`, skipping zero-width joiners typed between the conjunct parts. */
function nextConsonant(text: string, index: number): string | undefined {
  let j = index;
  while (j < text.length && ZERO_WIDTH.has(text.charCodeAt(j))) j++;
  return text[j];
}

const ASCII_ONLY = /^[\x00-\x7f]*$/;

/** Folds without the index map (for pack phrases at compile time); ASCII needs only lower-casing. */
export function fold(text: string): string {
  return ASCII_ONLY.test(text) ? text.toLowerCase() : foldWithMap(text.normalize('NFC')).text;
}

export interface Token {
  /** Folded token text. */
  text: string;
  /** Start and end in the folded text. */
  start: number;
  end: number;
}

const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;

/**
 * Whether the code point at `index` is a letter, mark or digit, and how many code units it takes.
 * ASCII and Devanagari (nearly all of what replies are written in) are decided by range.
 */
function wordCharAt(text: string, index: number): number {
  const code = text.charCodeAt(index);
  if (code < 0x80) return (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90) ? 1 : 0;
  if (code >= 0x0900 && code <= 0x097f) return code === 0x0964 || code === 0x0965 || code === 0x0970 ? 0 : 1;
  const width = code >= 0xd800 && code <= 0xdbff && index + 1 < text.length ? 2 : 1;
  return WORD_CHAR.test(text.slice(index, index + width)) ? width : 0;
}

/** Splits folded text into words: runs of letters, marks (matras, virama) and digits. */
export function tokenize(folded: string): Token[] {
  const tokens: Token[] = [];
  let start = -1;
  for (let i = 0; i < folded.length; ) {
    const width = wordCharAt(folded, i);
    if (width > 0) {
      if (start < 0) start = i;
      i += width;
      continue;
    }
    if (start >= 0) {
      tokens.push({ text: folded.slice(start, i), start, end: i });
      start = -1;
    }
    i += folded.charCodeAt(i) >= 0xd800 && folded.charCodeAt(i) <= 0xdbff ? 2 : 1;
  }
  if (start >= 0) tokens.push({ text: folded.slice(start), start, end: folded.length });
  return tokens;
}
