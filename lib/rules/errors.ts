import { RulePack } from './schema';

export interface PackProblem {
  /** 1-based line and column in the pack's JSON text (the nearest existing node for a missing field). */
  line: number;
  column: number;
  /** Dotted path of the field, e.g. rules.3.severity; empty for syntax errors. */
  path: string;
  message: string;
}

export class PackError extends Error {
  constructor(
    readonly problems: PackProblem[],
    readonly sourceName = 'pack',
  ) {
    super(problems.map((p) => formatProblem(p, sourceName)).join('\n'));
    this.name = 'PackError';
  }
}

export function formatProblem(problem: PackProblem, sourceName = 'pack'): string {
  const where = problem.line > 0 ? `${sourceName}:${problem.line}:${problem.column}:` : `${sourceName}:`;
  const field = problem.path ? ` ${problem.path}:` : '';
  return `${where}${field} ${problem.message}`;
}

/** Validates an already-parsed pack (e.g. from storage); problems carry paths but no positions. */
export function parsePackValue(value: unknown): RulePack {
  const result = RulePack.safeParse(value);
  if (result.success) return result.data;
  throw new PackError(
    result.error.issues.map((issue) => ({ line: 0, column: 0, path: issue.path.map(String).join('.'), message: issue.message })),
  );
}
