import { z } from 'zod';
import { FLAGS } from '../contract/triage';
import { patternProblem } from './pattern';

/** DESIGN.md's fixed list of finding categories (rules may be finer, categories may not). */
export const CATEGORIES = [
  'sub_judice',
  'confidential',
  'personal_info',
  'criticism_of_institutions',
  'unverified',
  'discriminatory',
  'abusive',
  'political',
  'draft_legislation',
  'copyright',
  'tone',
  'length',
  'required_tag',
  'language',
] as const;
export const Category = z.enum(CATEGORIES);
export type Category = z.infer<typeof Category>;

export const Severity = z.enum(['info', 'warn', 'block']);
export type Severity = z.infer<typeof Severity>;

/** The team's flags on a comment (lib/contract/triage.ts): context rules may be triggered by them. */
export const CommentFlag = z.enum(FLAGS);
export type CommentFlag = z.infer<typeof CommentFlag>;

export const RulePlatform = z.enum(['x', 'facebook']);
export type RulePlatform = z.infer<typeof RulePlatform>;

export const DETECTORS = [
  'mobile',
  'landline',
  'email',
  'aadhaar',
  'pan',
  'ifsc',
  'bank_account',
  'vehicle_registration',
  'address',
  'obfuscated_abuse',
  'shouting',
  'repeated_punctuation',
  'language_mismatch',
] as const;
export const DetectorName = z.enum(DETECTORS);
export type DetectorName = z.infer<typeof DetectorName>;

const Localised = z.object({ en: z.string().min(1), hi: z.string().min(1) });

/** A phrase: one or more words; a trailing `*` on a word matches any word starting with it. */
const Phrase = z
  .string()
  .trim()
  .min(1)
  .refine((p) => /[\p{L}\p{N}]/u.test(p), 'a phrase needs at least one letter or digit');

const RegexFlags = z
  .string()
  .regex(/^(?!.*(.).*\1)[imsu]*$/, 'flags may be any of i, m, s, u, each at most once')
  .default('');

/** A pattern must compile in the linear-time engine the checker runs it in. */
function refinePattern(value: { pattern: string; flags: string }, ctx: z.RefinementCtx): void {
  const problem = patternProblem(value.pattern, value.flags);
  if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['pattern'] });
}
const PatternFields = { pattern: z.string().min(1), flags: RegexFlags };
const Pattern = z.object(PatternFields).superRefine(refinePattern);

const Examples = z.object({
  match: z.array(z.string()).default([]),
  noMatch: z.array(z.string()).default([]),
  /** For context rules the examples are comments; for other rules, the comment the draft answers. */
  commentText: z.string().optional(),
  /** For context rules: the reply the example comments are answered with (a neutral acknowledgement when absent). */
  reply: z.string().optional(),
  /** The platform and organisation handles the examples are checked with (length, required tags). */
  platform: RulePlatform.optional(),
  orgHandles: z.object({ x: z.array(z.string()).default([]), facebook: z.array(z.string()).default([]) }).optional(),
});

const RuleBase = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/, 'lower-case letters, digits, dots, hyphens and underscores'),
  category: Category,
  severity: Severity,
  message: Localised,
  /** The circular and the place in it the rule comes from: in both languages (an organisation's own pack may give one text). */
  source: z.union([z.string().min(1), Localised]),
  suggestion: Localised.optional(),
  examples: Examples.default({ match: [], noMatch: [] }),
});

const PhrasesRule = RuleBase.extend({
  kind: z.literal('phrases'),
  phrases: z.array(Phrase).min(1),
  /** Only a match within `within` words of one of these phrases counts (e.g. an institution near an insult). */
  near: z.object({ phrases: z.array(Phrase).min(1), within: z.number().int().min(1).max(12) }).optional(),
  /** Longer phrases that make a match harmless ("food court" for "court"). */
  except: z.array(Phrase).default([]),
  /** A match within `within` words of one of these phrases does not count (e.g. "fake" near "viral message"). */
  notNear: z.object({ phrases: z.array(Phrase).min(1), within: z.number().int().min(1).max(12) }).optional(),
  /** Only text written in a phrase's own capitals counts ("FIR", not the Hinglish "fir", again). */
  matchCase: z.boolean().default(false),
});

const RegexRule = RuleBase.extend({
  kind: z.literal('regex'),
  ...PatternFields,
}).superRefine(refinePattern);

const DetectorRule = RuleBase.extend({
  kind: z.literal('detector'),
  detector: DetectorName,
  /** Values not reported: e-mail domains (and their subdomains), or phone / account numbers (digits compared). */
  allow: z.array(z.string().min(1)).default([]),
});

const LengthRule = RuleBase.extend({
  kind: z.literal('length'),
  /** Maximum length per platform; X counts with its weighted length (twitter-text). */
  max: z.object({ x: z.number().int().positive().optional(), facebook: z.number().int().positive().optional() }),
});

const RequiredTagRule = RuleBase.extend({
  kind: z.literal('required_tag'),
  /** Handles or hashtags per platform; when absent for a platform, the organisation's handles are required. */
  tags: z.object({ x: z.array(z.string().min(2)).optional(), facebook: z.array(z.string().min(2)).optional() }).default({}),
  require: z.enum(['all', 'any']).default('all'),
  /** Department of Posts asks for tags on posts; replies to a comment usually need none. */
  appliesTo: z.enum(['post', 'reply', 'any']).default('post'),
});

/**
 * What the reply does with the matter: a reply that goes into the substance (one of `substance` in
 * the draft, or a warn or block finding of one of `substanceCategories`) gets `severity`; a holding
 * reply (one of `holding`, and no substance) gets no finding.
 */
const ContextReply = z.object({
  substance: z.array(Phrase).default([]),
  substanceCategories: z.array(Category).default([]),
  holding: z.array(Phrase).default([]),
  severity: Severity,
  /** Only a reply that goes into the substance gets a finding (a neutral acknowledgement gets none). */
  onlySubstance: z.boolean().default(false),
});

const ContextRule = RuleBase.extend({
  kind: z.literal('context'),
  /** Matched against the comment being answered. */
  phrases: z.array(Phrase).default([]),
  except: z.array(Phrase).default([]),
  patterns: z.array(Pattern).default([]),
  /** The team's flags on the comment that trigger the rule as its phrases do. */
  flags: z.array(CommentFlag).default([]),
  reply: ContextReply.optional(),
}).refine((r) => r.phrases.length > 0 || r.patterns.length > 0 || r.flags.length > 0, {
  message: 'a context rule needs phrases, patterns or flags',
  path: ['phrases'],
});

const RULE_KINDS = {
  phrases: PhrasesRule,
  regex: RegexRule,
  detector: DetectorRule,
  length: LengthRule,
  required_tag: RequiredTagRule,
  context: ContextRule,
} as const;
export type RuleKind = keyof typeof RULE_KINDS;

export const Rule = z.discriminatedUnion('kind', [PhrasesRule, RegexRule, DetectorRule, LengthRule, RequiredTagRule, ContextRule]);

type RuleOf<K extends RuleKind> = z.infer<(typeof RULE_KINDS)[K]>;
export type PhrasesRule = RuleOf<'phrases'>;
export type RegexRule = RuleOf<'regex'>;
export type DetectorRule = RuleOf<'detector'>;
export type LengthRule = RuleOf<'length'>;
export type RequiredTagRule = RuleOf<'required_tag'>;
export type ContextRule = RuleOf<'context'>;
export type Rule = PhrasesRule | RegexRule | DetectorRule | LengthRule | RequiredTagRule | ContextRule;

/**
 * Negation and safe context, for every phrase rule of the listed categories: a match within `within`
 * words of one of these phrases, in the same sentence, does not count ("we cannot comment on matters
 * before the court", "beware of fake WhatsApp messages").
 */
export const SafeContext = z.object({
  phrases: z.array(Phrase).min(1),
  categories: z.array(Category).min(1),
  within: z.number().int().min(1).max(12).default(8),
});
export type SafeContext = z.infer<typeof SafeContext>;

export const RulePack = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/, 'lower-case letters, digits, dots, hyphens and underscores'),
    name: z.string().min(1),
    /** Languages the pack's phrases are written in (Hinglish counts as hi). */
    languages: z.array(z.enum(['en', 'hi'])).min(1),
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'a version like 1.0.0'),
    /** A Hindi lexicon: its phrases are also matched in Latin script by sound (lib/rules/transliterate.ts). */
    transliterate: z.boolean().default(false),
    /**
     * English words that sound like one of the lexicon's Hindi words (part, पार्टी): written in
     * Latin they are read as English, matched only as spelt.
     */
    englishWords: z.array(z.string().regex(/^[a-z]+$/, 'a lower-case Latin word')).default([]),
    safeContexts: z.array(SafeContext).default([]),
    rules: z.array(Rule),
  })
  .superRefine((pack, ctx) => {
    const seen = new Set<string>();
    pack.rules.forEach((rule, index) => {
      if (seen.has(rule.id)) {
        ctx.addIssue({ code: 'custom', message: `duplicate rule id "${rule.id}"`, path: ['rules', index, 'id'] });
      }
      seen.add(rule.id);
    });
  });
export type RulePack = z.infer<typeof RulePack>;
