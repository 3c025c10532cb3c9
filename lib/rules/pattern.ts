import { RE2JS } from 're2js';

/**
 * Rule packs' regular expressions run in RE2JS, a port of RE2: matching takes time linear in the
 * text whatever the pattern, so neither a pack author nor a comment's writer can freeze the check
 * (a backtracking engine takes seconds on patterns like (a|ab)*c over a hundred characters).
 * RE2 syntax: no lookahead, lookbehind or back-references; \b is an ASCII word boundary.
 */
export interface LinearPattern {
  /** Every non-empty match in `text`, as JavaScript string indices. */
  spans(text: string): { start: number; end: number }[];
  /** The first non-empty match, or undefined. */
  first(text: string): { start: number; end: number } | undefined;
}

const FLAG_BITS: Record<string, number> = { i: RE2JS.CASE_INSENSITIVE, m: RE2JS.MULTILINE, s: RE2JS.DOTALL, u: 0 };

function flagBits(flags: string): number {
  let bits = 0;
  for (const flag of flags) bits |= FLAG_BITS[flag] ?? 0;
  return bits;
}

/** Compiles a pack pattern; throws with RE2's reason when it is malformed or uses syntax RE2 does not have. */
export function compilePattern(pattern: string, flags: string): LinearPattern {
  const re = RE2JS.compile(pattern, flagBits(flags));
  const spans = (text: string, limit: number) => {
    const found: { start: number; end: number }[] = [];
    // The DFA answers whether there is a match at all several times faster than finding where.
    if (!re.test(text)) return found;
    const matcher = re.matcher(text);
    while (found.length < limit && matcher.find()) {
      if (matcher.end() > matcher.start()) found.push({ start: matcher.start(), end: matcher.end() });
    }
    return found;
  };
  return { spans: (text) => spans(text, Infinity), first: (text) => spans(text, 1)[0] };
}

/** Why a pattern is rejected (invalid, or syntax outside RE2), or undefined when it compiles. */
export function patternProblem(pattern: string, flags: string): string | undefined {
  try {
    compilePattern(pattern, flags);
    return undefined;
  } catch (error) {
    const reason = (error as Error).message.replace(/^error parsing regexp: /, '');
    return `invalid regular expression for the linear-time engine (RE2 syntax: no lookaround or back-references): ${reason}`;
  }
}
