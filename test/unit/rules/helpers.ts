import { compilePacks } from '../../../lib/rules/compile';
import { RulePack, type Rule } from '../../../lib/rules/schema';

type RuleInput = Partial<Rule> & Record<string, unknown>;

/** A one-pack compiled matcher built from partial rules (id, category, severity and texts filled in). */
export function compileRules(rules: RuleInput[]) {
  return compilePacks([packOf(rules)]);
}

export function packOf(rules: RuleInput[]): RulePack {
  return RulePack.parse({
    id: 'test',
    name: 'Test pack',
    languages: ['en', 'hi'],
    version: '1.0.0',
    rules: rules.map((r, i) => ({
      id: `r${i}`,
      category: 'tone',
      severity: 'warn',
      message: { en: 'English message', hi: 'हिंदी संदेश' },
      source: 'test',
      ...r,
    })),
  });
}
