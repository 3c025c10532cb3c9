import { matchPhrases, tokenLookups, type CompiledRules, type PhraseMatch, type TokenLookups } from './compile';
import { asciiDigits, detectors, isAllowed } from './detectors';
import { overflowStart } from './length';
import { sliceCodePoints } from '../contract/text';
import { foldWithMap, tokenize, type FoldedText, type Token } from './normalise';
import type { SafeContext } from './schema';
import type { Category, CommentFlag, Rule, RulePlatform, Severity } from './schema';

/** The check ran past its time budget (CheckOptions.budgetMs). */
export class CheckOverBudget extends Error {
  constructor(readonly budgetMs: number) {
    super(`the guideline check took longer than ${budgetMs} ms`);
    this.name = 'CheckOverBudget';
  }
}

export type MessageLanguage = 'en' | 'hi';

export interface CheckOptions {
  /** The site the draft is for: length limits and required tags depend on it (skipped when absent). */
  platform?: RulePlatform;
  /** Language of messages and suggestions in the findings (default en). */
  lang?: MessageLanguage;
  /** The comment being answered, when the draft is a reply, and the team's flags on it. */
  context?: { commentText: string; flags?: readonly CommentFlag[] };
  /**
   * Milliseconds the check may take; past it the check throws CheckOverBudget instead of answering
   * late (the guard then holds the post back). Every stage is linear in the text, so this only
   * trips on a starved machine, never on a crafted draft or comment.
   */
  budgetMs?: number;
  /** The organisation's own handles, required by tag rules that name none. */
  orgHandles?: { x?: readonly string[]; facebook?: readonly string[] };
  /**
   * The organisation's own contact numbers, e-mail addresses and domains (One-Point Contacts,
   * helplines): never reported as someone's personal information.
   */
  officialContacts?: readonly string[];
}

export interface Finding {
  ruleId: string;
  category: Category;
  severity: Severity;
  /** JavaScript string indices into the draft (start = end for findings about the whole draft). */
  start: number;
  end: number;
  /** The matched text: from the draft, or from the comment for `scope: 'comment'`. */
  excerpt: string;
  message: string;
  source: string;
  suggestion?: string;
  /** Context rules report what they found in the comment being answered. */
  scope: 'draft' | 'comment';
}

interface RawFinding {
  rule: number;
  start: number;
  end: number;
  excerpt: string;
  scope: 'draft' | 'comment';
  vars?: Record<string, string>;
  /** A context rule's finding for a reply that goes into the substance takes the rule's reply severity. */
  severity?: Severity;
}

/** Fills `{name}` placeholders (e.g. {max}, {tags}) in a rule's message. */
function fill(template: string, vars: Record<string, string> | undefined): string {
  return vars ? template.replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole) : template;
}

function toFinding(rule: Rule, raw: RawFinding, lang: MessageLanguage): Finding {
  const finding: Finding = {
    ruleId: rule.id,
    category: rule.category,
    severity: raw.severity ?? rule.severity,
    start: raw.start,
    end: raw.end,
    excerpt: raw.excerpt,
    message: fill(rule.message[lang], raw.vars),
    source: typeof rule.source === 'string' ? rule.source : rule.source[lang],
    scope: raw.scope,
  };
  if (rule.suggestion) finding.suggestion = fill(rule.suggestion[lang], raw.vars);
  return finding;
}

/** True when two token ranges are at most `within` words apart (or overlap). */
function withinWords(a: PhraseMatch, b: PhraseMatch, within: number): boolean {
  return b.firstToken - a.lastToken <= within && a.firstToken - b.lastToken <= within;
}

/**
 * Main matches of phrase rules that survive their `except`, `near` and `notNear` conditions and the
 * packs' safe contexts, as token ranges. Proximity counts words within one sentence.
 */
function acceptedPhraseMatches(
  matches: PhraseMatch[],
  rules: readonly Rule[],
  lookups: TokenLookups,
  safeContexts: readonly SafeContext[] = [],
): PhraseMatch[] {
  const { sentence, clause } = lookups;
  const byRule = new Map<number, PhraseMatch[]>();
  const safe: PhraseMatch[] = [];
  for (const m of matches) {
    if (m.role === 'safe') {
      safe.push(m);
      continue;
    }
    let list = byRule.get(m.rule);
    if (!list) byRule.set(m.rule, (list = []));
    list.push(m);
  }
  const near = (a: PhraseMatch, b: PhraseMatch, within: number) => sentence[a.firstToken] === sentence[b.firstToken] && withinWords(a, b, within);
  const sameClause = (a: PhraseMatch, b: PhraseMatch, within: number) => clause[a.firstToken] === clause[b.lastToken] && clause[a.lastToken] === clause[b.firstToken] && withinWords(a, b, within);
  const accepted: PhraseMatch[] = [];
  for (const [ruleIndex, list] of byRule) {
    const rule = rules[ruleIndex]!;
    const nearRule = rule.kind === 'phrases' ? rule.near : undefined;
    const notNear = rule.kind === 'phrases' ? rule.notNear : undefined;
    const excepts = list.filter((m) => m.role === 'except');
    const nears = list.filter((m) => m.role === 'near');
    const notNears = list.filter((m) => m.role === 'notNear');
    const safeHere = safe.filter((m) => safeContexts[m.rule]!.categories.includes(rule.category));
    for (const m of list) {
      if (m.role !== 'main') continue;
      if (excepts.some((e) => e.firstToken <= m.firstToken && e.lastToken >= m.lastToken)) continue;
      if (nearRule && !nears.some((n) => n.firstToken !== m.firstToken && near(m, n, nearRule.within))) continue;
      if (notNear && notNears.some((n) => sameClause(m, n, notNear.within))) continue;
      if (safeHere.some((n) => sameClause(m, n, safeContexts[n.rule]!.within))) continue;
      accepted.push(m);
    }
  }
  return accepted;
}

const NOT_LETTER = /[^\p{L}\p{M}\p{N}]/gu;

/** Whether a match is written in the capitals of one of the phrases (their letters, ignoring dots and spaces). */
function writtenAsPhrase(excerpt: string, phrases: readonly string[]): boolean {
  const letters = excerpt.replace(NOT_LETTER, '');
  return phrases.some((phrase) => letters === phrase.replace(NOT_LETTER, ''));
}

/** The folded words of a text, ready for the tries. */
function lookupsOf(compiled: CompiledRules, text: string): { folded: FoldedText; lookups: TokenLookups } {
  const folded = foldWithMap(text);
  return { folded, lookups: tokenLookups(folded.text, tokenize(folded.text), compiled.phonetic, compiled.englishWords) };
}

function tokenSpan(folded: FoldedText, tokens: readonly Token[], m: PhraseMatch): { start: number; end: number } {
  return { start: folded.origin[tokens[m.firstToken]!.start]!, end: folded.originEnd[tokens[m.lastToken]!.end - 1]! };
}

/** The organisation's tag in the form written in posts: handles get an @, hashtags keep their #. */
function asTag(handle: string): string {
  return handle.startsWith('#') || handle.startsWith('@') ? handle : `@${handle}`;
}

function hasTag(text: string, tag: string): boolean {
  const lower = text.toLowerCase();
  const wanted = tag.toLowerCase();
  for (let at = lower.indexOf(wanted); at !== -1; at = lower.indexOf(wanted, at + 1)) {
    const after = lower[at + wanted.length];
    const before = lower[at - 1];
    if ((after === undefined || !/[\w]/.test(after)) && (before === undefined || !/[\w@#]/.test(before))) return true;
  }
  return false;
}

/** Checks a draft against compiled packs. Findings are sorted by start, then by severity (worst first). */
export function checkDraft(compiled: CompiledRules, text: string, options: CheckOptions = {}): Finding[] {
  const lang = options.lang ?? 'en';
  const raw: RawFinding[] = [];
  const { rules } = compiled;
  const { budgetMs } = options;
  const deadline = budgetMs === undefined ? Infinity : performance.now() + budgetMs;
  /** Called between stages: a check that ran out of time says so rather than answering late. */
  const inTime = () => {
    if (performance.now() > deadline) throw new CheckOverBudget(budgetMs!);
  };

  let draftMatches: PhraseMatch[] = [];
  let draftSentence: Int32Array | undefined;
  if ((compiled.phraseRules.length > 0 || compiled.contextRules.length > 0) && text.length > 0) {
    const { folded, lookups } = lookupsOf(compiled, text);
    draftMatches = matchPhrases(compiled.draftTrie, lookups);
    draftSentence = lookups.sentence;
    for (const m of acceptedPhraseMatches(draftMatches, rules, lookups, compiled.safeContexts)) {
      const span = tokenSpan(folded, lookups.tokens, m);
      const excerpt = text.slice(span.start, span.end);
      const rule = rules[m.rule]!;
      if (rule.kind === 'phrases' && rule.matchCase && !writtenAsPhrase(excerpt, rule.phrases)) continue;
      raw.push({ rule: m.rule, ...span, excerpt, scope: 'draft' });
    }
  }

  inTime();
  for (const { index, re } of compiled.regexRules) {
    for (const span of re.spans(text)) raw.push({ rule: index, ...span, excerpt: text.slice(span.start, span.end), scope: 'draft' });
  }

  inTime();
  const commentText = options.context?.commentText;
  const detectorText = compiled.detectorRules.length > 0 ? asciiDigits(text) : text;
  for (const { index, rule } of compiled.detectorRules) {
    for (const span of detectors[rule.detector]({ text: detectorText, commentText })) {
      const excerpt = text.slice(span.start, span.end);
      const value = detectorText.slice(span.start, span.end);
      if (isAllowed(rule.detector, value, rule.allow) || isAllowed(rule.detector, value, options.officialContacts ?? [])) continue;
      raw.push({ rule: index, ...span, excerpt, scope: 'draft' });
    }
  }

  inTime();
  for (const { index, rule } of compiled.lengthRules) {
    const platforms = options.platform ? [options.platform] : (Object.keys(rule.max) as RulePlatform[]);
    for (const platform of platforms) {
      const max = rule.max[platform];
      if (max === undefined) continue;
      const start = overflowStart(text, platform, max);
      if (start === undefined) continue;
      raw.push({
        rule: index,
        start,
        end: text.length,
        excerpt: sliceCodePoints(text, start, start + 40),
        scope: 'draft',
        vars: { max: String(max), platform: platform === 'x' ? 'X' : 'Facebook' },
      });
    }
  }

  if (options.platform && text.trim().length > 0) {
    const platform = options.platform;
    const isReply = options.context !== undefined;
    for (const { index, rule } of compiled.tagRules) {
      if ((rule.appliesTo === 'post' && isReply) || (rule.appliesTo === 'reply' && !isReply)) continue;
      const tags = (rule.tags[platform] ?? options.orgHandles?.[platform] ?? []).map(asTag);
      if (tags.length === 0) continue;
      const missing = tags.filter((t) => !hasTag(text, t));
      const satisfied = rule.require === 'all' ? missing.length === 0 : missing.length < tags.length;
      if (satisfied) continue;
      raw.push({ rule: index, start: text.length, end: text.length, excerpt: '', scope: 'draft', vars: { tags: missing.join(' ') } });
    }
  }

  if (options.context && compiled.contextRules.length > 0) {
    const flags = options.context.flags ?? [];
    /** The context rules the comment triggers, with what in it did (empty for a flag). */
    const triggered = new Map<number, string>();
    if (commentText) {
      const { folded, lookups } = lookupsOf(compiled, commentText);
      for (const m of acceptedPhraseMatches(matchPhrases(compiled.commentTrie, lookups), rules, lookups)) {
        const span = tokenSpan(folded, lookups.tokens, m);
        if (!triggered.has(m.rule)) triggered.set(m.rule, commentText.slice(span.start, span.end));
      }
      for (const { index, patterns } of compiled.contextRules) {
        for (const re of patterns) {
          const span = triggered.has(index) ? undefined : re.first(commentText);
          if (span) triggered.set(index, commentText.slice(span.start, span.end));
        }
      }
    }
    for (const { index, rule } of compiled.contextRules) {
      if (!triggered.has(index) && rule.flags.some((flag) => flags.includes(flag))) triggered.set(index, '');
      const excerpt = triggered.get(index);
      if (excerpt === undefined) continue;
      // One finding per context rule: the comment is not highlighted.
      const finding: RawFinding = { rule: index, start: 0, end: 0, excerpt, scope: 'comment' };
      const { reply } = rule;
      if (reply) {
        const mine = draftMatches.filter((m) => m.rule === index);
        // A substance word in the sentence that holds the matter back is not going into it
        // ("the inquiry report cannot be shared here").
        const holdingSentences = new Set(mine.filter((m) => m.role === 'holding').map((m) => draftSentence![m.firstToken]));
        const substantive =
          mine.some((m) => m.role === 'substance' && !holdingSentences.has(draftSentence![m.firstToken])) ||
          raw.some((f) => f.scope === 'draft' && rules[f.rule]!.severity !== 'info' && reply.substanceCategories.includes(rules[f.rule]!.category));
        if (substantive) finding.severity = reply.severity;
        else if (reply.onlySubstance || mine.some((m) => m.role === 'holding')) continue;
      }
      raw.push(finding);
    }
  }

  inTime();
  return mergeFindings(raw, rules, lang);
}

const SEVERITY_RANK: Record<Severity, number> = { block: 0, warn: 1, info: 2 };

/** One finding per rule and overlapping span (the earliest, then longest), sorted by start. */
function mergeFindings(raw: RawFinding[], rules: readonly Rule[], lang: MessageLanguage): Finding[] {
  raw.sort((a, b) => a.start - b.start || b.end - a.end);
  const lastEndByRule = new Map<number, number>();
  const kept: RawFinding[] = [];
  for (const f of raw) {
    const lastEnd = lastEndByRule.get(f.rule);
    const overlaps = lastEnd !== undefined && (f.start < lastEnd || (f.start === f.end && f.start === lastEnd));
    if (overlaps && f.scope === 'draft') continue;
    lastEndByRule.set(f.rule, Math.max(lastEnd ?? 0, f.end));
    kept.push(f);
  }
  return kept
    .map((f) => toFinding(rules[f.rule]!, f, lang))
    .sort((a, b) => a.start - b.start || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.end - b.end);
}
