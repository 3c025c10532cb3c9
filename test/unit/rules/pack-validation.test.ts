import { describe, expect, it } from 'vitest';
import { PackError, parsePack } from '../../../lib/rules/load';
import { compilePattern, patternProblem } from '../../../lib/rules/pattern';

const GOOD_RULE = `{
      "id": "org.case-list",
      "category": "sub_judice",
      "severity": "block",
      "message": { "en": "Case on our sub-judice list", "hi": "विचाराधीन सूची का मामला" },
      "source": "Legal cell list of 01.03.2024",
      "kind": "phrases",
      "phrases": ["Sharma Jewellers"]
    }`;

function pack(rules: string): string {
  return `{
  "id": "bis-org",
  "name": "BIS organisation rules",
  "languages": ["en"],
  "version": "1.0.0",
  "rules": [
    ${rules}
  ]
}`;
}

function problems(text: string) {
  try {
    parsePack(text, 'org.json');
  } catch (error) {
    expect(error).toBeInstanceOf(PackError);
    return (error as PackError).problems;
  }
  throw new Error('pack was accepted');
}

describe('loading a rule pack from JSON', () => {
  it('accepts a valid pack and fills defaults', () => {
    const parsed = parsePack(pack(GOOD_RULE));
    expect(parsed.rules[0]).toMatchObject({ id: 'org.case-list', kind: 'phrases', except: [], examples: { match: [], noMatch: [] } });
  });

  it('names the line and field of a bad value', () => {
    const text = pack(GOOD_RULE.replace('"severity": "block"', '"severity": "critical"'));
    const [problem] = problems(text);
    expect(problem).toMatchObject({ line: 10, path: 'rules.0.severity' });
    expect(text.split('\n')[problem!.line - 1]).toContain('"severity": "critical"');
    expect(problem!.message).toMatch(/info|warn|block/);
  });

  it('names the object of a missing field, and the field in the message', () => {
    const text = pack(GOOD_RULE.replace('"source": "Legal cell list of 01.03.2024",\n', ''));
    const [problem] = problems(text);
    expect(problem).toMatchObject({ path: 'rules.0.source', line: 7 });
  });

  it('rejects a category outside the fixed list', () => {
    const [problem] = problems(pack(GOOD_RULE.replace('"sub_judice"', '"gossip"')));
    expect(problem).toMatchObject({ line: 9, path: 'rules.0.category' });
  });

  it('rejects an unknown kind', () => {
    const [problem] = problems(pack(GOOD_RULE.replace('"kind": "phrases"', '"kind": "magic"')));
    expect(problem).toMatchObject({ line: 13, path: 'rules.0.kind' });
  });

  it('reports JSON syntax errors with their line and column', () => {
    const text = pack(GOOD_RULE.replace('"phrases": ["Sharma Jewellers"]', '"phrases": ["Sharma Jewellers",]'));
    const [problem] = problems(text);
    expect(problem!.line).toBe(14);
    expect(problem!.message).toMatch(/JSON syntax error/);
    expect(new PackError([problem!], 'org.json').message).toMatch(/^org\.json:14:\d+: JSON syntax error/);
  });

  it('rejects duplicate rule ids at the second one', () => {
    const [problem] = problems(pack(`${GOOD_RULE},\n    ${GOOD_RULE}`));
    expect(problem).toMatchObject({ path: 'rules.1.id', line: 17 });
    expect(problem!.message).toMatch(/duplicate/);
  });

  it("rejects a rule that gets its own examples wrong, at the example's line", () => {
    const withExamples = GOOD_RULE.replace(
      '"phrases": ["Sharma Jewellers"]',
      '"phrases": ["Sharma Jewellers"],\n      "examples": {\n        "match": ["Sharma Jewellers case", "Verma Jewellers case"],\n        "noMatch": ["Sharma Jewellers again"]\n      }',
    );
    const found = problems(pack(withExamples));
    expect(found.map((p) => [p.path, p.line])).toEqual([
      ['rules.0.examples.match.1', 16],
      ['rules.0.examples.noMatch.0', 17],
    ]);
    expect(found[0]!.message).toContain('does not find its own example "Verma Jewellers case"');
  });

  it('rejects an invalid regular expression at its pattern field', () => {
    const regexRule = GOOD_RULE.replace('"kind": "phrases",\n      "phrases": ["Sharma Jewellers"]', '"kind": "regex",\n      "pattern": "case (no"');
    const [problem] = problems(pack(regexRule));
    expect(problem).toMatchObject({ path: 'rules.0.pattern', line: 14 });
    expect(problem!.message).toMatch(/invalid regular expression/);
  });

  it('rejects syntax the linear-time engine does not run (lookaround, back-references) at its pattern field', () => {
    const regexRule = GOOD_RULE.replace('"kind": "phrases",\n      "phrases": ["Sharma Jewellers"]', '"kind": "regex",\n      "pattern": "case(?! study)"');
    const [problem] = problems(pack(regexRule));
    expect(problem).toMatchObject({ path: 'rules.0.pattern', line: 14 });
    expect(problem!.message).toMatch(/linear-time engine.*\(\?!/);
  });
});

describe('pack patterns in the linear-time engine', () => {
  // Patterns a backtracking engine takes seconds on for inputs of 30 to 100 characters.
  it.each([
    ['(a+)+$', 'a'.repeat(40) + '!'],
    ['(a|ab)*c', 'ab'.repeat(50)],
    ['(\\w+\\s?)*$', 'word '.repeat(20) + '!'],
    ['(.*,){12}', 'x,'.repeat(11) + 'y'.repeat(60)],
    ['(?:a{1,10}){1,10}b', 'a'.repeat(101)],
  ])('accepts %s and answers on a hostile input', (pattern, input) => {
    expect(patternProblem(pattern, 'u')).toBeUndefined();
    expect(compilePattern(pattern, 'u').first(input)).toBeUndefined();
  });

  it.each([['(?=court)c'], ['(?<!food )court'], ['(a)\\1'], ['[a-']])('rejects %s with the reason', (pattern) => {
    expect(patternProblem(pattern, 'u')).toMatch(/invalid regular expression for the linear-time engine/);
  });

  it('finds every match as string indices, case-insensitively with i', () => {
    expect(compilePattern('\\bFIR\\b', 'i').spans('An fir and a FIR, not firm. 😀 FIR')).toEqual([
      { start: 3, end: 6 },
      { start: 13, end: 16 },
      { start: 31, end: 34 },
    ]);
  });
});
