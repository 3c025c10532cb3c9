import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from 'obscenity';
import type { DetectorName } from './schema';

/** A span of the original text, in JavaScript string indices. */
export interface Span {
  start: number;
  end: number;
}

export interface DetectorInput {
  text: string;
  /** The comment being answered, when the draft is a reply. */
  commentText?: string;
}

// Numbers and identifiers never run into letters or digits on either side ("EE123456789IN",
// "IS 1417:2016" and a PIN code stay quiet), and spaced digit groups must not continue.
const NOT_AFTER_WORD = String.raw`(?<![\p{L}\p{M}\p{N}])`;
const NOT_BEFORE_WORD = String.raw`(?![\p{L}\p{M}\p{N}])`;
const NOT_AFTER_DIGITS = String.raw`(?<![\p{L}\p{M}\p{N}+]|\d[ \-.])`;
const NOT_BEFORE_DIGITS = String.raw`(?![\p{L}\p{M}\p{N}]|[ \-.]\d)`;

/** Ten digits from 6–9, grouped any way with single spaces or hyphens (98765 43210, 987-654-3210, 98 76 54 32 10). */
const MOBILE = new RegExp(
  String.raw`${NOT_AFTER_DIGITS}(?:(?:\+|00)91[ \-]?|\(\+91\)[ \-]?|0)?[6-9](?:[ \-]?\d){9}${NOT_BEFORE_DIGITS}`,
  'gu',
);
/** STD code (2–4 digits after the trunk 0, not starting with 0 or 9) and subscriber number, 10 digits together. */
const LANDLINE = new RegExp(
  String.raw`${NOT_AFTER_DIGITS}(?:(?:\+|00)91[ \-]?\(?0?|\(0|0)([1-8]\d{1,3})\)?[ \-](\d{2,4}[ \-]?\d{2,4}(?:[ \-]?\d{1,4})?)${NOT_BEFORE_DIGITS}`,
  'gu',
);
const EMAIL = /(?<![\w.%+-])[\w.%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?![\w-])/giu;
const AADHAAR = new RegExp(String.raw`${NOT_AFTER_DIGITS}[2-9]\d{3}([ \-]?)\d{4}\1\d{4}${NOT_BEFORE_DIGITS}`, 'gu');
/** Fourth letter: the holder type (P person, C company, H HUF, F firm, A AOP, T trust, B BOI, L local authority, J juridical person, G government). */
const PAN = new RegExp(String.raw`${NOT_AFTER_WORD}[A-Z]{3}[ABCFGHJLPT][A-Z]\d{4}[A-Z]${NOT_BEFORE_WORD}`, 'gu');
const IFSC = new RegExp(String.raw`${NOT_AFTER_WORD}[A-Z]{4}0[A-Z0-9]{6}${NOT_BEFORE_WORD}`, 'gu');
/** Three or more ! or ? in a row read as exasperation. */
const PUNCTUATION_RUN = /[!?]{3,}/g;
/** A quick test that spares the account patterns on drafts with no long number. */
const NINE_DIGITS = /\d{9}/;
const DIGIT_RUN = new RegExp(String.raw`${NOT_AFTER_DIGITS}\d{9,18}${NOT_BEFORE_DIGITS}`, 'gu');
/** Labels of other numbers a reply quotes, which put a following digit run out of an account's reach. */
const OTHER_NUMBER_LABEL =
  /\b(?:order|complaint|ref|reference|tracking|article|consignment|application|docket|ticket|token|receipt|registration)\b|शिकायत|आवेदन|संदर्भ/iu;
const PHONE_WORD = /\b(?:mobile|phone|call|contact|whatsapp|helpline|tel|ph)\b|मोबाइल|फोन|फ़ोन|संपर्क|कॉल/iu;
const ACCOUNT_WORD = /\b(?:a\/c|acct|account|ac no|khata|khate)|खात/giu;
const STATE_CODES =
  'AN|AP|AR|AS|BR|CG|CH|DD|DL|DN|GA|GJ|HP|HR|JH|JK|KA|KL|LA|LD|MH|ML|MN|MP|MZ|NL|OD|OR|PB|PY|RJ|SK|TN|TR|TS|UK|UP|WB';
const VEHICLE = new RegExp(
  String.raw`${NOT_AFTER_WORD}(?:(?:${STATE_CODES})[ \-]?\d{1,2}[ \-]?[A-Z]{1,3}[ \-]?\d{4}|\d{2}[ \-]?BH[ \-]?\d{4}[ \-]?[A-Z]{1,2})${NOT_BEFORE_WORD}`,
  'gu',
);
/** Four or more capitalised words in a row (at least 14 letters) read as shouting. */
// Latin only (Devanagari has no capitals); the leading class lets the engine skip ahead quickly.
const CAPS_RUN = /[A-Z](?<![A-Za-z0-9][A-Z])[A-Z]+(?:[ ,!?']+[A-Z]{2,}){3,}(?![A-Za-z0-9])/g;

/** A house, flat or plot number: someone's residence wherever it appears. */
const HOUSE_NUMBER = /\b(?:flat|house|h\.\s?no|plot|door|quarter|qtr)\.?\s*(?:no\.?\s*|number\s*)?[0-9]+[A-Za-z]?(?:[/-][0-9A-Za-z]+)?\b|(?:मकान|फ्लैट|प्लॉट)\s*(?:नं\.?|नंबर|संख्या)?\s*[0-9]+/giu;
/** A quick test for HOUSE_NUMBER's words, which spares the slower pattern on most drafts. */
const HOUSE_WORDS = /flat|house|h\.|plot|door|quarter|qtr|मकान|फ्लैट|प्लॉट/i;
/** A street address (number, street name, street word), which is someone's address when a person is named near it. */
const STREET_ADDRESS =
  /\b\d{1,4}[A-Za-z]?(?:\/\d+)?,?\s+(?:[A-Z][\w.]*\s+){0,3}(?:Road|Rd|Street|St|Lane|Avenue|Ave|Marg|Nagar|Colony|Sarani|Apartments?|Enclave|Sector)\b|\d{1,4}\s+(?:[\p{L}\p{M}]+\s+){0,2}(?:रोड|मार्ग|गली|नगर|कॉलोनी|कालोनी|सरणी|लेन)/gu;
const PERSON_CUE =
  /\b(?:lives?|living|resides?|residing|residence|resident|home|his|her|their|complainant|applicant|mr|mrs|ms|shri|smt|r\/o|rehte|rehta|rehti|ghar)\b|निवासी|रहत|रहते|रहता|रहती|घर|शिकायतकर्ता|आवेदक|का पता|के पते/iu;

/** The words around a span (a street address counts as someone's only with a person named near it). */
function around(text: string, start: number, end: number): string {
  return text.slice(Math.max(0, start - 60), end + 40);
}

/**
 * Obfuscated English profanity (b!tch, sh1t, a$$hole), found by the obscenity library's English list
 * and its leet-speak transformers. Only words that look obfuscated (a symbol or digit between
 * letters) are handed to it: plain words are the phrase lists' work,
 * and running it over a whole long draft would cost more than the check's budget.
 */
let profanity: RegExpMatcher | undefined;
const WORD_PART = /[A-Za-z*@$!#%0-9]/;
/**
 * Where an obfuscated word may be: a symbol or digit between letters (b!tch, sh1t, a$$hole).
 * Elongated words (fuuuck) need no library: the phrase matcher also tries them with single letters.
 */
const DISGUISED = /[A-Za-z][*@$!#%0-9]+[A-Za-z]/g;

function obfuscatedAbuse(text: string): Span[] {
  // The candidate words, then one pass of the library over them all (its cost is per call and per character).
  const words: Span[] = [];
  for (const m of matchAll(DISGUISED, text)) {
    let { start, end } = m;
    while (start > 0 && WORD_PART.test(text[start - 1]!)) start--;
    while (end < text.length && WORD_PART.test(text[end]!)) end++;
    if (words.some((w) => w.start === start)) continue;
    const word = text.slice(start, end);
    const letters = word.replace(/[^A-Za-z]/g, '').length;
    // Not reference numbers (EE123456789IN), web or e-mail addresses (www.…, name@host.…) or long runs: a disguised word is mostly letters.
    if (letters < 2 * (word.length - letters) || word.length > 24 || (text[end] === '.' && /[A-Za-z]/.test(text[end + 1] ?? ''))) continue;
    words.push({ start, end });
  }
  if (words.length === 0) return [];
  profanity ??= new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });
  let joined = '';
  const offsets: number[] = [];
  for (const w of words) {
    offsets.push(joined.length);
    joined += `${text.slice(w.start, w.end)} `;
  }
  const spans: Span[] = [];
  for (const found of profanity.getAllMatches(joined)) {
    let i = offsets.length - 1;
    while (i > 0 && offsets[i]! > found.startIndex) i--;
    const word = words[i]!;
    if (!spans.some((s) => s.start === word.start)) spans.push(word);
  }
  return spans;
}

function matchAll(re: RegExp, text: string, keep: (m: RegExpExecArray) => boolean = () => true): Span[] {
  const spans: Span[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (keep(m)) spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return spans;
}

const DEVANAGARI_DIGIT = /[\u0966-\u096f]/g;

/**
 * Devanagari digits (०–९) written as ASCII digits, one code unit for one, so spans found in the
 * result are spans of the original. Hindi replies may write numbers either way.
 */
export function asciiDigits(text: string): string {
  return text.replace(DEVANAGARI_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0x0966 + 48));
}

export function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}

// Verhoeff tables: multiplication in the dihedral group D5, the position permutation, the inverse.
const VERHOEFF_D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const VERHOEFF_P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];
const VERHOEFF_INV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];

function verhoeffChecksum(digits: string, offset: number): number {
  let c = 0;
  for (let i = 0; i < digits.length; i++) {
    const digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    c = VERHOEFF_D[c]![VERHOEFF_P[(i + offset) % 8]![digit]!]!;
  }
  return c;
}

/** True when the last digit is the Verhoeff check digit of the others (as on every Aadhaar number). */
export function verhoeffValid(digits: string): boolean {
  return /^\d+$/.test(digits) && verhoeffChecksum(digits, 0) === 0;
}

/** The Verhoeff check digit to append to `digits`. */
export function verhoeffCheckDigit(digits: string): number {
  return VERHOEFF_INV[verhoeffChecksum(digits, 1)]!;
}

/** Letters in Devanagari and in Latin script (the two scripts replies are written in). */
function scriptCounts(text: string): { devanagari: number; latin: number } {
  let devanagari = 0;
  let latin = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x0900 && code <= 0x0963) devanagari++;
    else if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) latin++;
  }
  return { devanagari, latin };
}

function mostlyDevanagari(text: string): boolean {
  const { devanagari, latin } = scriptCounts(text);
  return devanagari >= 10 && devanagari >= 0.6 * (devanagari + latin);
}

function mostlyLatin(text: string): boolean {
  const { devanagari, latin } = scriptCounts(text);
  return latin >= 20 && devanagari <= 0.2 * (devanagari + latin);
}

function isMobile(digits: string): boolean {
  return /^(?:91|0)?[6-9]\d{9}$/.test(digits);
}

export const detectors: Record<DetectorName, (input: DetectorInput) => Span[]> = {
  mobile: ({ text }) =>
    matchAll(MOBILE, text, (m) => {
      // "application no. 7890123456" is not a phone number, unless a phone word is also near
      const before = text.slice(Math.max(0, m.index - 30), m.index);
      return !OTHER_NUMBER_LABEL.test(before) || PHONE_WORD.test(before);
    }),
  landline: ({ text }) =>
    matchAll(LANDLINE, text, (m) => (m[1] ?? '').length + digitsOf(m[2] ?? '').length === 10),
  email: ({ text }) => (text.includes('@') ? matchAll(EMAIL, text) : []),
  aadhaar: ({ text }) => matchAll(AADHAAR, text, (m) => verhoeffValid(digitsOf(m[0]))),
  pan: ({ text }) => matchAll(PAN, text),
  ifsc: ({ text }) => matchAll(IFSC, text),
  bank_account: ({ text }) => {
    if (!NINE_DIGITS.test(text)) return [];
    // A 9–18 digit run shortly after an account word, in the same clause, not labelled as another
    // kind of number, and not a phone number. The digit runs are found first: they are rare.
    return matchAll(DIGIT_RUN, text, (m) => {
      if (isMobile(m[0])) return false;
      const from = Math.max(0, m.index - 60);
      return matchAll(ACCOUNT_WORD, text.slice(from, m.index)).some((k) => {
        const end = from + k.end;
        if (m.index - end > 40) return false;
        const gap = text.slice(end, m.index).replace(/\b(?:no|nos|num)\./giu, '');
        return !/[.;!?\u0964\n]/u.test(gap) && !OTHER_NUMBER_LABEL.test(gap);
      });
    });
  },
  repeated_punctuation: ({ text }) => matchAll(PUNCTUATION_RUN, text),
  vehicle_registration: ({ text }) => matchAll(VEHICLE, text),
  address: ({ text }) => [
    ...(HOUSE_WORDS.test(text) ? matchAll(HOUSE_NUMBER, text) : []),
    ...matchAll(STREET_ADDRESS, text, (m) => PERSON_CUE.test(around(text, m.index, m.index + m[0].length))),
  ],
  obfuscated_abuse: ({ text }) => obfuscatedAbuse(text),
  shouting: ({ text }) => matchAll(CAPS_RUN, text, (m) => m[0].replace(/[^A-Z]/g, '').length >= 14),
  language_mismatch: ({ text, commentText }) =>
    commentText && mostlyDevanagari(commentText) && mostlyLatin(text) ? [{ start: 0, end: 0 }] : [],
};

/** The value an `allow` entry is compared with: an address or domain for e-mail, the last ten digits for numbers, the text otherwise. */
export function isAllowed(detector: DetectorName, excerpt: string, allow: readonly string[]): boolean {
  if (allow.length === 0) return false;
  if (detector === 'email') {
    const address = excerpt.toLowerCase();
    const domain = address.slice(address.lastIndexOf('@') + 1);
    return allow.some((a) => {
      const allowed = a.toLowerCase().replace(/^@/, '');
      if (allowed.includes('@')) return address === allowed;
      return domain === allowed || domain.endsWith(`.${allowed}`);
    });
  }
  if (!/^[\d\s+()\-.]+$/.test(excerpt)) return allow.some((a) => a.toUpperCase() === excerpt.toUpperCase());
  // Numbers: compared on their last ten digits, so +91 98100 12345 allows 09810012345 and 9810012345.
  const lastTen = (value: string) => digitsOf(value).slice(-10);
  const digits = lastTen(excerpt);
  return allow.some((a) => /\d/.test(a) && !a.includes('@') && lastTen(a) === digits);
}
