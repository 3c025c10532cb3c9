import { compilePacks } from '../../../lib/rules/compile';
import { RulePack, type Rule } from '../../../lib/rules/schema';

type RuleInput = Partial<Rule> & Record<string, unknown>;

/** A one-pack compiled matcher built from partial rules (id, category, severity and texts filled in). */
export function compileRules(rules: RuleInput[], pack: Record<string, unknown> = {}) {
  return compilePacks([packOf(rules, pack)]);
}

export function packOf(rules: RuleInput[], pack: Record<string, unknown> = {}): RulePack {
  return RulePack.parse({
    id: 'test',
    name: 'Test pack',
    languages: ['en', 'hi'],
    version: '1.0.0',
    ...pack,
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
