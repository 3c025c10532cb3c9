import { z } from '../contract/zod';
import { parseTemplate } from './template';

/**
 * MeitY framework: routine queries get a fixed response. A canned reply is one such response, in
 * every language the team answers in. The organisation config stores these (OrgConfig.cannedReplies
 * keeps them as opaque blobs; this module owns their shape).
 */

export const CANNED_CATEGORIES = [
  'acknowledgement',
  'interim',
  'forwarded',
  'final',
  /** To a grievance portal, RTI, or another body. */
  'redirect',
  /** For sub-judice or confidential matters, where the body must not answer on substance. */
  'holding',
  'closure',
] as const;
export const CannedCategory = z.enum(CANNED_CATEGORIES);
export type CannedCategory = z.infer<typeof CannedCategory>;

export const CannedId = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and hyphens'));

/** Typed in a composer and expanded with Tab: a slash and a short word, e.g. `/ack`. */
export const CannedShortcut = z
  .string()
  .check(z.regex(/^\/[a-z0-9][a-z0-9-]{0,23}$/, 'a slash followed by lower-case letters, digits or hyphens, e.g. /ack'));

/** BCP 47 primary language (optionally with region): en, hi, bn, ta, en-IN … */
export const ReplyLanguage = z.string().check(z.regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'a language code such as en or hi'));
export type ReplyLanguage = z.infer<typeof ReplyLanguage>;

const ReplyText = z.string().check(z.trim(), z.minLength(1, 'the reply text is empty'), z.maxLength(5_000));

/** English and Hindi are required (Department of Posts: use local languages); others may be added. */
export const CannedTexts = z.catchall(z.object({ en: ReplyText, hi: ReplyText }), ReplyText).check(
  z.superRefine((texts, ctx) => {
    for (const lang of Object.keys(texts)) {
      if (!ReplyLanguage.safeParse(lang).success) {
        ctx.addIssue({ code: 'custom', message: `"${lang}" is not a language code such as en or hi`, path: [lang] });
      }
    }
  }),
);

const TitleText = z.string().check(z.trim(), z.minLength(1), z.maxLength(120));

export const CannedReply = z
  .object({
    id: CannedId,
    title: z.object({ en: TitleText, hi: TitleText }),
    category: CannedCategory,
    keywords: z._default(z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(60))).check(z.maxLength(40)), []),
    shortcut: z.optional(CannedShortcut),
    text: CannedTexts,
  })
  .check(z.superRefine((reply, ctx) => {
    for (const [lang, source] of Object.entries(reply.text)) {
      const parsed = parseTemplate(source);
      if (parsed.ok) continue;
      for (const error of parsed.errors) {
        ctx.addIssue({
          code: 'custom',
          message: `reply "${reply.id}" (${lang}), line ${error.line} column ${error.column}: ${error.message}`,
          path: ['text', lang],
        });
      }
    }
  }));
export type CannedReply = z.infer<typeof CannedReply>;
export type CannedReplyInput = z.input<typeof CannedReply>;

export const CannedLibrary = z.array(CannedReply).check(z.superRefine((replies, ctx) => {
  const ids = new Map<string, number>();
  const shortcuts = new Map<string, string>();
  replies.forEach((reply, index) => {
    if (ids.has(reply.id)) {
      ctx.addIssue({ code: 'custom', message: `duplicate reply id "${reply.id}"`, path: [index, 'id'] });
    }
    ids.set(reply.id, index);
    if (reply.shortcut) {
      const owner = shortcuts.get(reply.shortcut);
      if (owner) {
        ctx.addIssue({
          code: 'custom',
          message: `shortcut ${reply.shortcut} is already used by reply "${owner}"`,
          path: [index, 'shortcut'],
        });
      }
      shortcuts.set(reply.shortcut, reply.id);
    }
  });
}));
export type CannedLibrary = z.infer<typeof CannedLibrary>;

/** One problem per line, "path: message", so the options page can show it against the field. */
export interface CannedProblem {
  path: (string | number)[];
  message: string;
}

export class CannedLibraryError extends Error {
  constructor(readonly problems: CannedProblem[]) {
    super(`Invalid canned replies:\n${problems.map((p) => `${p.path.join('.') || '(root)'}: ${p.message}`).join('\n')}`);
    this.name = 'CannedLibraryError';
  }
}

function problemsOf(error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }): CannedProblem[] {
  return error.issues.map((issue) => ({ path: issue.path.map((p) => (typeof p === 'number' ? p : String(p))), message: issue.message }));
}

/** Parses a library as loaded from storage, the org config or an imported JSON file; throws with every problem. */
export function parseCannedLibrary(input: unknown): CannedLibrary {
  const result = CannedLibrary.safeParse(input);
  if (!result.success) throw new CannedLibraryError(problemsOf(result.error));
  return result.data;
}

/** For editing one reply (options page): the problems, or the parsed reply. */
export function validateCannedReply(input: unknown): { ok: true; reply: CannedReply } | { ok: false; problems: CannedProblem[] } {
  const result = CannedReply.safeParse(input);
  return result.success ? { ok: true, reply: result.data } : { ok: false, problems: problemsOf(result.error) };
}
