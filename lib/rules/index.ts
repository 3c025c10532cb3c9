/** Guideline engine: pure TypeScript, shared by the content scripts, the server and the CLI. */
export { CheckOverBudget, checkDraft, type CheckOptions, type Finding, type MessageLanguage } from './check';
export { compilePacks, type CompiledRules } from './compile';
export { detectors, verhoeffCheckDigit, verhoeffValid } from './detectors';
export { checkExample, failingExamples, type ExampleFailure } from './examples';
export { formatProblem, PackError, parsePackValue, type PackProblem } from './errors';
export { parsePack } from './load';
export { defaultPacks } from './packs';
export { compilePattern, patternProblem, type LinearPattern } from './pattern';
export { CATEGORIES, DETECTORS, RulePack, type Category, type Rule, type Severity } from './schema';

import { compilePacks, type CompiledRules } from './compile';
import { defaultPacks } from './packs';

let compiledDefaults: CompiledRules | undefined;

/** The default packs compiled once per process (content script, server, CLI). */
export function compiledDefaultPacks(): CompiledRules {
  compiledDefaults ??= compilePacks(defaultPacks());
  return compiledDefaults;
}
