/**
 * A static check that a pack's regular expression is valid and not prone to catastrophic
 * backtracking. Hand-written because the maintained checkers either miss overlapping alternation
 * (safe-regex2 only measures star height) or are too heavy for a content script (recheck).
 *
 * Rejected: an unbounded quantifier over something that itself contains an unbounded quantifier
 * ((a+)+, (\w+\s?)*), and an unbounded quantifier over alternatives that can start with the same
 * character ((a|ab)*, (\d|\w)+). Both make the number of ways to split the input explode.
 */

type Node =
  | { type: 'chars'; source: string }
  | { type: 'assert' }
  | { type: 'backref' }
  | { type: 'group'; branches: Node[][] }
  | { type: 'quant'; body: Node; min: number; max: number };

class Parser {
  private index = 0;
  constructor(private readonly source: string) {}

  parse(): Node[][] {
    const branches = this.disjunction();
    if (this.index < this.source.length) throw new Error(`unexpected "${this.source[this.index]}"`);
    return branches;
  }

  private disjunction(): Node[][] {
    const branches: Node[][] = [this.alternative()];
    while (this.source[this.index] === '|') {
      this.index++;
      branches.push(this.alternative());
    }
    return branches;
  }

  private alternative(): Node[] {
    const terms: Node[] = [];
    while (this.index < this.source.length && this.source[this.index] !== '|' && this.source[this.index] !== ')') {
      const atom = this.atom();
      terms.push(this.quantifier(atom));
    }
    return terms;
  }

  private atom(): Node {
    const s = this.source;
    const ch = s[this.index]!;
    if (ch === '^' || ch === '$') {
      this.index++;
      return { type: 'assert' };
    }
    if (ch === '(') {
      this.index++;
      let lookaround = false;
      if (s.startsWith('?:', this.index)) this.index += 2;
      else if (s.startsWith('?=', this.index) || s.startsWith('?!', this.index)) {
        this.index += 2;
        lookaround = true;
      } else if (s.startsWith('?<=', this.index) || s.startsWith('?<!', this.index)) {
        this.index += 3;
        lookaround = true;
      } else if (s.startsWith('?<', this.index)) this.index = s.indexOf('>', this.index) + 1;
      const branches = this.disjunction();
      if (s[this.index] !== ')') throw new Error('unclosed group');
      this.index++;
      return lookaround ? { type: 'assert' } : { type: 'group', branches };
    }
    if (ch === '[') {
      const start = this.index;
      this.index++;
      while (this.index < s.length && s[this.index] !== ']') this.index += s[this.index] === '\\' ? 2 : 1;
      this.index++;
      return { type: 'chars', source: s.slice(start, this.index) };
    }
    if (ch === '\\') {
      const start = this.index;
      const next = s[this.index + 1] ?? '';
      this.index += 2;
      if (next === 'b' || next === 'B') return { type: 'assert' };
      if (/[1-9]/.test(next)) {
        while (/[0-9]/.test(s[this.index] ?? '')) this.index++;
        return { type: 'backref' };
      }
      if (next === 'k') {
        this.index = s.indexOf('>', this.index) + 1;
        return { type: 'backref' };
      }
      if ((next === 'p' || next === 'P' || next === 'u') && s[this.index] === '{') this.index = s.indexOf('}', this.index) + 1;
      else if (next === 'u') this.index += 4;
      else if (next === 'x') this.index += 2;
      else if (next === 'c') this.index += 1;
      return { type: 'chars', source: s.slice(start, this.index) };
    }
    this.index++;
    return { type: 'chars', source: ch };
  }

  private quantifier(atom: Node): Node {
    const s = this.source;
    const ch = s[this.index];
    let min: number;
    let max: number;
    if (ch === '*' || ch === '+' || ch === '?') {
      this.index++;
      [min, max] = ch === '*' ? [0, Infinity] : ch === '+' ? [1, Infinity] : [0, 1];
    } else if (ch === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(s.slice(this.index));
      if (!m) return atom;
      this.index += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    } else return atom;
    if (s[this.index] === '?') this.index++; // lazy: same backtracking behaviour on failure
    return { type: 'quant', body: atom, min, max };
  }
}

/** Upper bounds above this count as unbounded: (a+){1,100} backtracks like (a+)+. */
const LARGE_REPEAT = 10;

function consumes(node: Node): boolean {
  switch (node.type) {
    case 'chars':
    case 'backref':
      return true;
    case 'assert':
      return false;
    case 'group':
      return node.branches.some((b) => b.some(consumes));
    case 'quant':
      return node.max > 0 && consumes(node.body);
  }
}

function isRepeating(node: Node): boolean {
  return node.type === 'quant' && node.max > LARGE_REPEAT && consumes(node.body);
}

function containsRepeating(node: Node): boolean {
  if (isRepeating(node)) return true;
  if (node.type === 'group') return node.branches.some((b) => b.some(containsRepeating));
  if (node.type === 'quant') return containsRepeating(node.body);
  return false;
}

/** Characters tried against two alternatives' first characters to see if they overlap. */
const SAMPLE = (() => {
  const chars: string[] = ['\n', '\t', 'अ', 'क', 'ि', 'ं', '्', '।', '०', 'é', 'ß'];
  for (let c = 0x20; c < 0x7f; c++) chars.push(String.fromCharCode(c));
  return chars;
})();

type CharTest = (ch: string) => boolean;

/** What the first character of a sequence may be (undefined: the sequence may match empty). */
function firstChars(terms: Node[], flags: string): CharTest[] {
  const tests: CharTest[] = [];
  for (const term of terms) {
    if (term.type === 'assert') continue;
    if (term.type === 'backref') return [() => true];
    if (term.type === 'chars') {
      const re = new RegExp(`^(?:${term.source})$`, flags.replace(/[gy]/g, ''));
      tests.push((ch) => re.test(ch));
      return tests;
    }
    if (term.type === 'group') {
      for (const branch of term.branches) tests.push(...firstChars(branch, flags));
      if (!term.branches.some((b) => !b.some(consumes))) return tests;
      continue;
    }
    tests.push(...firstChars([term.body], flags));
    if (term.min > 0) return tests;
  }
  return tests;
}

function overlaps(a: CharTest[], b: CharTest[]): boolean {
  return SAMPLE.some((ch) => a.some((t) => t(ch)) && b.some((t) => t(ch)));
}

function findProblem(node: Node, flags: string): string | undefined {
  if (node.type === 'quant') {
    if (isRepeating(node) && containsRepeating(node.body)) {
      return 'nested quantifiers (like (a+)+) can take exponential time on some inputs';
    }
    if (isRepeating(node) && node.body.type === 'group' && node.body.branches.length > 1) {
      const firsts = node.body.branches.map((b) => firstChars(b, flags));
      for (let i = 0; i < firsts.length; i++) {
        for (let j = i + 1; j < firsts.length; j++) {
          if (overlaps(firsts[i]!, firsts[j]!)) {
            return 'alternatives that can start with the same character under a repeating quantifier (like (a|ab)*) can take exponential time';
          }
        }
      }
    }
    return findProblem(node.body, flags);
  }
  if (node.type === 'group') {
    for (const branch of node.branches) {
      for (const term of branch) {
        const problem = findProblem(term, flags);
        if (problem) return problem;
      }
    }
  }
  return undefined;
}

/** Returns why the pattern is rejected, or undefined when it is valid and statically safe. */
export function checkRegexSafety(pattern: string, flags: string): string | undefined {
  try {
    new RegExp(pattern, flags);
  } catch (error) {
    return `invalid regular expression: ${(error as Error).message}`;
  }
  let branches: Node[][];
  try {
    branches = new Parser(pattern).parse();
  } catch (error) {
    return `invalid regular expression: ${(error as Error).message}`;
  }
  return findProblem({ type: 'group', branches }, flags);
}
