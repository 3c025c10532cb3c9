import { DEFAULT_SLA_POLICY, type Department, type OrgConfig } from '../contract/org';
import type { CommentItem } from '../contract/item';
import type { Triage } from '../contract/triage';
import type { CannedReply } from './schema';
import { parseTemplate, type TemplateVariable } from './template';

/** What a reply's variables are filled from: the comment, its triage and the organisation. */
export interface RenderContext {
  item: Pick<CommentItem, 'platform' | 'id' | 'author' | 'createdAt'>;
  department: Pick<Department, 'name' | 'contact'> | null;
  /** Hours from the comment to the specific reply (KMC circular: 12). */
  finalHours: number;
  now: Date;
  /** Dates in replies are in the body's time zone, not the moderator's machine's. */
  timeZone: string;
}

export const DEFAULT_TIME_ZONE = 'Asia/Kolkata';

export function buildRenderContext(input: {
  item: RenderContext['item'];
  triage?: Pick<Triage, 'departmentId'> | null;
  org?: Pick<OrgConfig, 'departments' | 'sla'> | null;
  now: Date;
  timeZone?: string;
}): RenderContext {
  const departmentId = input.triage?.departmentId ?? null;
  const department = departmentId ? (input.org?.departments.find((d) => d.id === departmentId) ?? null) : null;
  return {
    item: input.item,
    department,
    finalHours: input.org?.sla.finalHours ?? DEFAULT_SLA_POLICY.finalHours,
    now: input.now,
    timeZone: input.timeZone ?? DEFAULT_TIME_ZONE,
  };
}

/**
 * A short reference the citizen can quote back, the same for every moderator of the team because it
 * is derived from the item key (FNV-1a, base 36), e.g. "SV-0K3M9QZ".
 */
export function ticketReference(platform: string, id: string): string {
  let hash = 0x811c9dc5;
  for (const char of `${platform}:${id}`) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `SV-${hash.toString(36).toUpperCase().padStart(7, '0')}`;
}

/** Words used when a variable has no value and the template gave no fallback. */
const DEFAULT_WORDS: Record<'en' | 'hi', Partial<Record<TemplateVariable, string>>> = {
  en: { 'author.name': 'citizen', 'department.name': 'the concerned department', 'department.contact': 'our helpdesk' },
  hi: { 'author.name': 'नागरिक', 'department.name': 'संबंधित विभाग', 'department.contact': 'हमारी हेल्पडेस्क' },
};

/** An emoji with its modifiers and ZWJ-joined parts (👩‍💻, 👍🏽, 🇮🇳 as two regional indicators). */
const EMOJI = /\p{Extended_Pictographic}(?:[\u{FE0E}\u{FE0F}\u{1F3FB}-\u{1F3FF}\u{20E3}]|\u200D\p{Extended_Pictographic})*|\p{Regional_Indicator}|[\u{FE0E}\u{FE0F}\u{20E3}]/gu;
/** Anything but letters (with their combining marks, as in Devanagari), digits and the punctuation of names. */
const DECORATION = /[^\p{L}\p{M}\p{N}\s.'’\-\u200C\u200D]/gu;

/**
 * A display name as it may go into a salutation: emoji, symbols and decorations dropped ("Sunita Rao 🇮🇳",
 * "★ Priya ★", "꧁Amit꧂"), styled letters made plain (NFKC: "𝓢𝓾𝓷𝓲𝓽𝓪" → "Sunita"), spaces collapsed.
 * Empty when nothing of a name is left (the template's fallback word is used then).
 */
export function cleanDisplayName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(EMOJI, ' ')
    .replace(DECORATION, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.'’-]+|[\s'’-]+$/g, '');
}

function localeFor(lang: string): string {
  return lang.includes('-') ? lang : `${lang}-IN`;
}

export function formatReplyDate(date: Date, lang: string, timeZone: string): string {
  return new Intl.DateTimeFormat(localeFor(lang), { dateStyle: 'long', timeZone }).format(date);
}

export function formatReplyDateTime(date: Date, lang: string, timeZone: string): string {
  return new Intl.DateTimeFormat(localeFor(lang), { dateStyle: 'long', timeStyle: 'short', timeZone }).format(date);
}

function valueOf(variable: TemplateVariable, lang: string, context: RenderContext): string | null {
  const { item, department } = context;
  switch (variable) {
    case 'author.name':
      return cleanDisplayName(item.author.name) || null;
    case 'author.handle': {
      const handle = item.author.handle?.trim();
      if (!handle) return null;
      return item.platform === 'x' && !handle.startsWith('@') ? `@${handle}` : handle;
    }
    case 'department.name':
      if (!department) return null;
      return lang === 'hi' ? department.name.hi : department.name.en;
    case 'department.contact':
      // The One-Point Contact's office and official e-mail; never the officer's name or mobile, which
      // the circular collects for internal use (MeitY: never reveal personal information).
      return department ? `${department.contact.designation} (${department.contact.email})` : null;
    case 'ticket':
      return ticketReference(item.platform, item.id);
    case 'due.final':
      return formatReplyDateTime(new Date(Date.parse(item.createdAt) + context.finalHours * 3_600_000), lang, context.timeZone);
    case 'today':
      return formatReplyDate(context.now, lang, context.timeZone);
  }
}

export interface RenderedReply {
  text: string;
  /** The language actually used (English when the reply has no text in the one asked for). */
  lang: string;
  /** Variables that had no value and were filled by the template's fallback or a default word. */
  missing: TemplateVariable[];
}

export function renderReply(reply: Pick<CannedReply, 'id' | 'text'>, lang: string, context: RenderContext): RenderedReply {
  const usedLang = reply.text[lang] !== undefined ? lang : 'en';
  const source = reply.text[usedLang] ?? reply.text.en;
  const parsed = parseTemplate(source);
  // Libraries are validated when saved or loaded; reaching this means one bypassed the schema.
  if (!parsed.ok) throw new Error(`canned reply "${reply.id}" (${usedLang}) has an invalid template: ${parsed.errors[0]?.message}`);
  const defaults = DEFAULT_WORDS[usedLang === 'hi' ? 'hi' : 'en'];
  const missing: TemplateVariable[] = [];
  const text = parsed.segments
    .map((segment) => {
      if (segment.kind === 'text') return segment.text;
      const value = valueOf(segment.name, usedLang, context);
      if (value !== null) return value;
      missing.push(segment.name);
      if (segment.fallback !== null) return segment.fallback;
      if (segment.name === 'author.handle') return valueOf('author.name', usedLang, context) ?? defaults['author.name'] ?? '';
      return defaults[segment.name] ?? '';
    })
    .join('');
  return { text, lang: usedLang, missing };
}

/**
 * The language to answer a comment in: the comment's own when the reply has it (a Hindi comment gets
 * the Hindi text), else the moderator's choice.
 */
export function replyLanguageFor(item: Pick<CommentItem, 'lang'>, reply: Pick<CannedReply, 'text'>, fallback: string): string {
  const primary = item.lang?.toLowerCase().split('-')[0];
  if (primary && reply.text[primary] !== undefined) return primary;
  return reply.text[fallback] !== undefined ? fallback : 'en';
}
