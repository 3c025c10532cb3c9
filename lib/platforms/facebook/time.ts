// Reading the time Facebook shows under a comment, in whatever language its interface is set to: a relative
// label ("2h", "2 घं", "3 hours ago"), a day word with a time ("Yesterday at 10:15", "कल 10:15 बजे") or an
// absolute date ("4 December 2022", "4 दिसंबर 2022"). Units, day words and month names all come from the
// browser's own Intl data for the page's and the browser's languages, so no language is listed by hand
// except Facebook's own short forms (not CLDR's) below. (any-date-parser reads dates the same way, but
// would add 7 KB gzipped to each content script, past the 60 KB budget.)

const minute = 60_000;
const day = 24 * 60;

/** Intl's relative-time units and their length in minutes (a month and a year as Facebook rounds them). */
const intlUnits: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 0],
  ['minute', 1],
  ['hour', 60],
  ['day', day],
  ['week', 7 * day],
  ['month', 30 * day],
  ['year', 365 * day],
];

/**
 * Facebook's own forms that CLDR (Intl) does not have: Hindi "3 दि", "1 स" (सप्ताह), "2 व" (वर्ष) and some
 * long forms; English plurals "2 hrs", "5 mins". Everything else ("2h", "2 घं", "3 days") Intl knows.
 */
const facebookUnits: ReadonlyArray<[string, number]> = [
  ['mins', 1], ['hrs', 60], ['wks', 7 * day], ['yrs', 365 * day],
  ['दि', day], ['स', 7 * day], ['हफ़्ते', 7 * day], ['हफ्ते', 7 * day], ['महीने', 30 * day], ['व', 365 * day], ['साल', 365 * day],
];

/** "Just now" in the languages Facebook's Indian audience uses, beside Intl's own "now". */
const facebookNow = ['just now', 'अभी-अभी', 'अभी'];

interface LocaleWords {
  /** Unit word (lower case, no trailing dot) → minutes. */
  units: Map<string, number>;
  /** Words that only say "ago" ("ago", "पहले", "hace"), found with every unit. */
  ago: Set<string>;
  /** Day words and how many days back they are: "today" 0, "yesterday" 1, "कल" 1. */
  days: Map<string, number>;
  now: Set<string>;
  /** Month names, long and short, standalone and as written in a date ("दिसंबर", "Dec", "grudnia") → 1–12. */
  months: Map<string, number>;
}

const localeWords = new Map<string, LocaleWords | null>();

/** Lower case without a trailing abbreviation mark ("घं॰", "hr.", "Std."). */
function unitToken(word: string): string {
  return word.toLowerCase().replace(/[.\u0970\u0964]+$/u, '');
}

function wordsOf(text: string): string[] {
  return text.split(/[\s\u00a0\u202f]+/u).map(unitToken).filter(Boolean);
}

/** The words Intl uses in `locale` for relative times, learnt once per locale from formatToParts. */
function wordsFor(locale: string): LocaleWords | null {
  if (localeWords.has(locale)) return localeWords.get(locale)!;
  let words: LocaleWords | null = null;
  try {
    const units = new Map<string, number>();
    /** Words seen with more than one unit ("ago", "पहले", "hace"): they say nothing about the unit. */
    const ago = new Set<string>();
    for (const style of ['long', 'short', 'narrow'] as const) {
      const always = new Intl.RelativeTimeFormat(locale, { style, numeric: 'always' });
      for (const [unit, minutes] of intlUnits) {
        for (const n of [1, 2, 5]) {
          const literal = always.formatToParts(-n, unit).filter((part) => part.type === 'literal').map((part) => part.value).join(' ');
          for (const word of wordsOf(literal)) {
            const known = units.get(word);
            if (known !== undefined && known !== minutes) ago.add(word);
            else units.set(word, minutes);
          }
        }
      }
    }
    for (const word of ago) units.delete(word);
    const auto = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    const days = new Map<string, number>();
    for (const back of [0, 1]) days.set(auto.format(-back, 'day').toLowerCase(), back);
    const now = new Set([auto.format(0, 'second').toLowerCase()]);
    const months = new Map<string, number>();
    for (const month of ['long', 'short'] as const) {
      for (const options of [{ month }, { month, day: 'numeric' as const }]) {
        const format = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
        for (let index = 0; index < 12; index++) {
          const name = format.formatToParts(Date.UTC(2021, index, 15)).find((part) => part.type === 'month')?.value;
          if (name && !/\d/.test(name)) months.set(unitToken(name), index + 1);
        }
      }
    }
    words = { units, ago, days, now, months };
  } catch {
    words = null;
  }
  localeWords.set(locale, words);
  return words;
}

const DIGIT_ZEROS = [0x660, 0x6f0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xe50, 0x1040];

/** Every script's decimal digits as ASCII ("२ घं" → "2 घं", Bengali "২" → "2"). */
function asciiDigits(text: string): string {
  return text.replace(/\p{Nd}/gu, (digit) => {
    const code = digit.codePointAt(0)!;
    const zero = DIGIT_ZEROS.find((base) => code >= base && code < base + 10);
    return zero === undefined ? digit : String(code - zero);
  });
}

const atMinute = (time: number) => new Date(Math.floor(time / minute) * minute).toISOString();

/** "2h", "2 घं.", "3 hours ago", "hace 2 h": a number and one unit word, any "ago" words aside. */
function readRelative(text: string, now: number, locales: LocaleWords[]): string | null {
  const lower = text.toLowerCase();
  if (facebookNow.includes(lower) || locales.some((words) => words.now.has(lower))) return atMinute(now);
  const match = /^(\D*?)(\d+)(\D*)$/u.exec(text);
  if (!match) return null;
  const rest = wordsOf(`${match[1]} ${match[3]}`).filter((word) => !locales.some((words) => words.ago.has(word)));
  if (rest.length !== 1) return null;
  const unit = rest[0]!;
  const minutes =
    facebookUnits.find(([word]) => word === unit)?.[1] ?? locales.map((words) => words.units.get(unit)).find((value) => value !== undefined);
  if (minutes === undefined) return null;
  return atMinute(now - Number(match[2]) * minutes * minute);
}

/** "10:15", "10:15 AM", "3:05 pm": the time of day in a label, as hours and minutes. */
function timeOfDay(text: string): { hour: number; minute: number } | null {
  const match = /(\d{1,2})[:.](\d{2})(?:\s*([ap])\.?\s*m\.?)?/iu.exec(text);
  if (!match) return null;
  let hour = Number(match[1]);
  const meridiem = match[3]?.toLowerCase();
  if (meridiem === 'p' && hour < 12) hour += 12;
  if (meridiem === 'a' && hour === 12) hour = 0;
  return hour < 24 ? { hour, minute: Number(match[2]) } : null;
}

/** "Yesterday at 10:15", "कल", "Today": a day word, with the time of day when the label has one. */
function readDayWord(text: string, now: number, locales: LocaleWords[]): string | null {
  const lower = text.toLowerCase();
  for (const words of locales) {
    for (const [word, back] of words.days) {
      if (!lower.startsWith(word)) continue;
      const date = new Date(now);
      date.setDate(date.getDate() - back);
      const time = timeOfDay(text.slice(word.length));
      date.setHours(time?.hour ?? 0, time?.minute ?? 0, 0, 0);
      return date.toISOString();
    }
  }
  return null;
}

/**
 * "4 December 2022", "December 4 at 10:15 AM", "4 दिसंबर 2022": a month name, a day and perhaps a year and a
 * time, with at most a short word between them ("at", "को", "de"); never a date in the future.
 */
function readAbsolute(text: string, now: number, locales: LocaleWords[]): string | null {
  const time = timeOfDay(text);
  const rest = text.replace(/(\d{1,2})[:.](\d{2})(?:\s*[ap]\.?\s*m\.?)?/iu, ' ');
  const words = rest.toLowerCase().split(/[\s,]+/u).map(unitToken).filter(Boolean);
  let month: number | undefined;
  const numbers: number[] = [];
  let other = '';
  for (const word of words) {
    const known = /^\d+$/.test(word) ? undefined : locales.map((locale) => locale.months.get(word)).find((value) => value !== undefined);
    if (known !== undefined && month === undefined) month = known;
    else if (/^\d+$/.test(word)) numbers.push(Number(word));
    else other += word;
  }
  if (month === undefined || other.length > 6) return null;
  const year = numbers.find((value) => value >= 1990 && value <= 2100);
  const days = numbers.filter((value) => value !== year);
  if (days.length !== 1 || days[0]! < 1 || days[0]! > 31) return null;
  const current = new Date(now);
  const at = (y: number) => new Date(y, month - 1, days[0]!, time?.hour ?? 0, time?.minute ?? 0);
  let date = at(year ?? current.getFullYear());
  // "4 December" without a year, read in January, is last December's.
  if (year === undefined && date.getTime() > now + day * minute) date = at(current.getFullYear() - 1);
  if (date.getDate() !== days[0] || date.getTime() > now + day * minute) return null;
  return date.toISOString();
}

/**
 * When a comment was written, from the label under it, read in `localeNames` (the page's and the browser's
 * languages, most likely first); null when no reading is certain. Relative labels are rounded down to the
 * minute and are only as precise as the unit shown: callers keep the first value they saw.
 */
export function parseCommentTime(label: string, now: number, localeNames: readonly string[] = ['en']): string | null {
  // A thread shows the same few labels ("2d", "1w") on many comments, read within the same minute.
  const key = `${Math.floor(now / minute)}\u0000${localeNames.join(',')}\u0000${label}`;
  const cached = readings.get(key);
  if (cached !== undefined) return cached;
  const text = asciiDigits(label.normalize('NFC')).replace(/[\s\u00a0\u202f]+/gu, ' ').trim();
  let reading: string | null = null;
  if (text && text.length <= 60) {
    // English and Hindi always: the interface languages of the teams Samvad serves, whatever the browser's.
    const names = [...new Set([...localeNames, 'en', 'hi'])];
    const locales = names.map(wordsFor).filter((words): words is LocaleWords => words !== null);
    reading = readRelative(text, now, locales) ?? readDayWord(text, now, locales) ?? readAbsolute(text, now, locales);
  }
  if (readings.size >= 256) readings.clear();
  readings.set(key, reading);
  return reading;
}

/** Recent readings, by minute, locales and label. */
const readings = new Map<string, string | null>();

/** The languages a Facebook page is read in: its interface language (`<html lang>`), then the browser's. */
export function pageLocales(doc: Document): string[] {
  const names = [doc.documentElement.lang, ...(typeof navigator === 'undefined' ? [] : navigator.languages ?? [navigator.language])];
  return [...new Set(names.filter((name): name is string => typeof name === 'string' && /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(name)))];
}
