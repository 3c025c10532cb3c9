import { matchPhrases, type CompiledRules, type PhraseMatch } from './compile';
import { asciiDigits, detectors, isAllowed } from './detectors';
import { overflowStart } from './length';
import { sliceCodePoints } from '../contract/text';
import { foldWithMap, tokenize, type FoldedText, type Token } from './normalise';
import type { Category, Rule, RulePlatform, Severity } from './schema';

export type MessageLanguage = 'en' | 'hi';

export interface CheckOptions {
  /** The site the draft is for: length limits and required tags depend on it (skipped when absent). */
  platform?: RulePlatform;
  /** Language of messages and suggestions in the findings (default en). */
  lang?: MessageLanguage;
  /** The comment being answered, when the draft is a reply. */
  context?: { commentText: string };
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
}

/** Fills `{name}` placeholders (e.g. {max}, {tags}) in a rule's message. */
function fill(template: string, vars: Record<string, string> | undefined): string {
  return vars ? template.replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole) : template;
}

function toFinding(rule: Rule, raw: RawFinding, lang: MessageLanguage): Finding {
  const finding: Finding = {
    ruleId: rule.id,
    category: rule.category,
    severity: rule.severity,
    start: raw.start,
    end: raw.end,
    excerpt: raw.excerpt,
    message: fill(rule.message[lang], raw.vars),
    source: rule.source,
    scope: raw.scope,
  };
  if (rule.suggestion) finding.suggestion = fill(rule.suggestion[lang], raw.vars);
  return finding;
}

/** True when two token ranges are at most `within` words apart (or overlap). */
function withinWords(a: PhraseMatch, b: PhraseMatch, within: number): boolean {
  return b.firstToken - a.lastToken <= within && a.firstToken - b.lastToken <= within;
}

/** Main matches of phrase rules that survive their `except`, `near` and `notNear` conditions, as token ranges. */
function acceptedPhraseMatches(matches: PhraseMatch[], rules: readonly Rule[]): PhraseMatch[] {
  const byRule = new Map<number, PhraseMatch[]>();
  for (const m of matches) {
    let list = byRule.get(m.rule);
    if (!list) byRule.set(m.rule, (list = []));
    list.push(m);
  }
  const accepted: PhraseMatch[] = [];
  for (const [ruleIndex, list] of byRule) {
    const rule = rules[ruleIndex]!;
    const near = rule.kind === 'phrases' ? rule.near : undefined;
    const notNear = rule.kind === 'phrases' ? rule.notNear : undefined;
    const excepts = list.filter((m) => m.role === 'except');
    const nears = list.filter((m) => m.role === 'near');
    const notNears = list.filter((m) => m.role === 'notNear');
    for (const m of list) {
      if (m.role !== 'main') continue;
      if (excepts.some((e) => e.firstToken <= m.firstToken && e.lastToken >= m.lastToken)) continue;
      if (near && !nears.some((n) => n.firstToken !== m.firstToken && withinWords(m, n, near.within))) continue;
      if (notNear && notNears.some((n) => withinWords(m, n, notNear.within))) continue;
      accepted.push(m);
    }
  }
  return accepted;
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

  if (compiled.phraseRules.length > 0 && text.length > 0) {
    const folded = foldWithMap(text);
    const tokens = tokenize(folded.text);
    for (const m of acceptedPhraseMatches(matchPhrases(compiled.draftTrie, folded.text, tokens), rules)) {
      const span = tokenSpan(folded, tokens, m);
      raw.push({ rule: m.rule, ...span, excerpt: text.slice(span.start, span.end), scope: 'draft' });
    }
  }

  for (const { index, re } of compiled.regexRules) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      raw.push({ rule: index, start: m.index, end: m.index + m[0].length, excerpt: m[0], scope: 'draft' });
    }
  }

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

  if (commentText && compiled.contextRules.length > 0) {
    const folded = foldWithMap(commentText);
    const tokens = tokenize(folded.text);
    const seen = new Set<number>();
    const report = (rule: number, excerpt: string) => {
      if (seen.has(rule)) return; // one finding per context rule: the comment is not highlighted
      seen.add(rule);
      raw.push({ rule, start: 0, end: 0, excerpt, scope: 'comment' });
    };
    for (const m of acceptedPhraseMatches(matchPhrases(compiled.commentTrie, folded.text, tokens), rules)) {
      const span = tokenSpan(folded, tokens, m);
      report(m.rule, commentText.slice(span.start, span.end));
    }
    for (const { index, patterns } of compiled.contextRules) {
      for (const re of patterns) {
        re.lastIndex = 0;
        const m = re.exec(commentText);
        if (m && m[0].length > 0) report(index, m[0]);
      }
    }
  }

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
