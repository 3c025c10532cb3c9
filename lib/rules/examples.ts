import { checkDraft, type CheckOptions, type Finding } from './check';
import { compilePacks, type CompiledRules } from './compile';
import type { Rule, RulePack } from './schema';

/** The reply a context rule's example comments are answered with. */
const NEUTRAL_REPLY = 'Thank you, we will look into it.';

/**
 * Checks one of a rule's examples the way the rule reads it: a context rule's examples are comments
 * being answered; other rules' examples are drafts (answering `examples.commentText` when given),
 * on the examples' platform and with their organisation handles.
 */
export function checkExample(compiled: CompiledRules, rule: Rule, example: string): Finding[] {
  const options: CheckOptions = { platform: rule.examples.platform, orgHandles: rule.examples.orgHandles };
  if (rule.kind === 'context') return checkDraft(compiled, rule.examples.reply ?? NEUTRAL_REPLY, { ...options, context: { commentText: example } });
  if (rule.examples.commentText !== undefined) options.context = { commentText: rule.examples.commentText };
  return checkDraft(compiled, example, options);
}

export interface ExampleFailure {
  ruleIndex: number;
  ruleId: string;
  list: 'match' | 'noMatch';
  index: number;
  example: string;
}

/** Every example of the pack's rules that its own rule gets wrong (missed, or found when it must not be). */
export function failingExamples(pack: RulePack): ExampleFailure[] {
  const compiled = compilePacks([pack]);
  const failures: ExampleFailure[] = [];
  pack.rules.forEach((rule, ruleIndex) => {
    const found = (example: string) => checkExample(compiled, rule, example).some((f) => f.ruleId === rule.id);
    rule.examples.match.forEach((example, index) => {
      if (!found(example)) failures.push({ ruleIndex, ruleId: rule.id, list: 'match', index, example });
    });
    rule.examples.noMatch.forEach((example, index) => {
      if (found(example)) failures.push({ ruleIndex, ruleId: rule.id, list: 'noMatch', index, example });
    });
  });
  return failures;
}
