import type { CannedReply } from './schema';

/**
 * The picker's filter: every word typed must match the reply somewhere (shortcut, title, keyword,
 * category or text, in any language); replies rank by where the words matched, titles and shortcuts
 * first, body text last, then by their order in the library.
 */

function normalise(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase();
}

function words(text: string): string[] {
  return normalise(text).split(/[\s\p{P}]+/u).filter(Boolean);
}

/** Placeholders are not words the moderator sees; `{{department.name}}` should not match "name". */
function withoutPlaceholders(template: string): string {
  return template.replace(/\{\{[^}]*\}\}/g, ' ');
}

interface Field {
  text: string;
  words: string[];
  /** Score for a whole-field prefix, a word prefix, and a substring match. */
  weights: [number, number, number];
}

function fieldsOf(reply: CannedReply, lang: string): Field[] {
  const field = (text: string, weights: Field['weights']): Field => ({ text: normalise(text), words: words(text), weights });
  const otherTitles = Object.entries(reply.title).filter(([l]) => l !== lang).map(([, t]) => t);
  const ownTitle = lang === 'hi' ? reply.title.hi : reply.title.en;
  return [
    field(ownTitle, [100, 60, 30]),
    ...otherTitles.map((t) => field(t, [80, 50, 25])),
    ...reply.keywords.map((k) => field(k, [80, 50, 25])),
    field(reply.category, [20, 20, 0]),
    ...Object.values(reply.text).map((t) => field(withoutPlaceholders(t), [15, 15, 10])),
  ];
}

function tokenScore(token: string, fields: Field[]): number {
  let best = 0;
  for (const field of fields) {
    const [whole, word, substring] = field.weights;
    let score = 0;
    if (field.text.startsWith(token)) score = whole;
    else if (field.words.some((w) => w.startsWith(token))) score = word;
    else if (field.text.includes(token)) score = substring;
    if (score > best) best = score;
  }
  return best;
}

export function searchCanned(library: readonly CannedReply[], query: string, lang: string): CannedReply[] {
  const trimmed = normalise(query.trim());
  if (!trimmed) return [...library];
  const tokens = trimmed.split(/\s+/);
  const ranked: { reply: CannedReply; score: number; index: number }[] = [];
  library.forEach((reply, index) => {
    let score = 0;
    if (reply.shortcut && tokens.length === 1) {
      if (reply.shortcut === trimmed) score += 1000;
      else if (reply.shortcut.startsWith(trimmed) || reply.shortcut.slice(1).startsWith(trimmed)) score += 500;
    }
    const fields = fieldsOf(reply, lang);
    for (const token of tokens) {
      const bare = token.startsWith('/') ? token.slice(1) : token;
      const matched = Math.max(tokenScore(token, fields), bare ? tokenScore(bare, fields) : 0);
      if (matched === 0 && score < 500) return;
      score += matched;
    }
    ranked.push({ reply, score, index });
  });
  ranked.sort((a, b) => b.score - a.score || a.index - b.index);
  return ranked.map((r) => r.reply);
}

/** The reply a typed shortcut (e.g. `/ack`) stands for. */
export function findByShortcut(library: readonly CannedReply[], shortcut: string): CannedReply | undefined {
  return library.find((reply) => reply.shortcut === shortcut);
}
