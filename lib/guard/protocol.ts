import { z } from '../contract/zod';
import { PlatformId } from '../contract/item';
import { Flag } from '../contract/triage';

/**
 * The guard's message to the background: a composer's draft to check. The rule engine stays in the
 * service worker (the content scripts have a size budget), so every live check is one message.
 */
export const CheckDraftRequest = z.object({
  text: z.string().check(z.maxLength(100_000)),
  platform: PlatformId,
  /** Language of the findings' messages and suggestions: the moderator's UI language. */
  lang: z.enum(['en', 'hi']),
  /** The comment being answered, when the draft is a reply (context rules read it). */
  commentText: z.optional(z.string().check(z.maxLength(100_000))),
  /** The team's flags on that comment (sub judice, confidential, …): context rules read them too. */
  commentFlags: z.optional(z.array(Flag)),
});
export type CheckDraftRequest = z.infer<typeof CheckDraftRequest>;

/** A finding as the content script receives it (lib/rules Finding; category kept as text here). */
export const GuardFinding = z.object({
  ruleId: z.string(),
  category: z.string(),
  severity: z.enum(['info', 'warn', 'block']),
  start: z.int().check(z.nonnegative()),
  end: z.int().check(z.nonnegative()),
  excerpt: z.string(),
  message: z.string(),
  source: z.string(),
  suggestion: z.optional(z.string()),
  scope: z.enum(['draft', 'comment']),
});
export type GuardFinding = z.infer<typeof GuardFinding>;

export const GuardFindings = z.array(GuardFinding);
