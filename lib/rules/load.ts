import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { z } from 'zod';
import { PackError, type PackProblem } from './errors';
import { failingExamples } from './examples';
import { RulePack } from './schema';

export { formatProblem, PackError, parsePackValue, type PackProblem } from './errors';

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** The node a zod issue path points at, or its deepest existing ancestor (a missing field is reported on its object). */
function nodeForPath(root: Node, path: readonly PropertyKey[]): Node {
  const segments = path.filter((s): s is string | number => typeof s === 'string' || typeof s === 'number');
  for (let length = segments.length; length >= 0; length--) {
    const node = findNodeAtLocation(root, segments.slice(0, length));
    if (node) {
      // Point at the property name for object members, where an editor puts the cursor.
      return node.parent?.type === 'property' && node.parent.children?.[0] ? node.parent.children[0] : node;
    }
  }
  return root;
}

/**
 * Parses and validates a rule pack from JSON text (an organisation's pack, from the options page or
 * the CLI), and runs each rule's examples against it. Errors name the line, column and field.
 */
export function parsePack(jsonText: string, sourceName = 'pack'): RulePack {
  const syntaxErrors: ParseError[] = [];
  const root = parseTree(jsonText, syntaxErrors, { disallowComments: true, allowTrailingComma: false });
  if (syntaxErrors.length > 0 || !root) {
    const problems = syntaxErrors.map((e) => ({
      ...lineColumn(jsonText, e.offset),
      path: '',
      message: `JSON syntax error: ${printParseErrorCode(e.error)}`,
    }));
    throw new PackError(problems.length ? problems : [{ line: 1, column: 1, path: '', message: 'empty pack' }], sourceName);
  }
  const value: unknown = JSON.parse(jsonText);
  const result = RulePack.safeParse(value);
  if (!result.success) throw new PackError(issuesToProblems(result.error, jsonText, root), sourceName);
  // A rule's examples are its tests: a pack whose rules get their own examples wrong is not loaded.
  const failures = failingExamples(result.data);
  if (failures.length > 0) {
    throw new PackError(
      failures.map((f) => {
        const path = ['rules', f.ruleIndex, 'examples', f.list, f.index];
        const message =
          f.list === 'match'
            ? `rule ${f.ruleId} does not find its own example ${JSON.stringify(f.example)}`
            : `rule ${f.ruleId} finds ${JSON.stringify(f.example)}, listed as an example it must not match`;
        return { ...lineColumn(jsonText, nodeForPath(root, path).offset), path: path.join('.'), message };
      }),
      sourceName,
    );
  }
  return result.data;
}

function issuesToProblems(error: z.ZodError, jsonText: string, root: Node): PackProblem[] {
  return error.issues.map((issue) => {
    const node = nodeForPath(root, issue.path);
    return { ...lineColumn(jsonText, node.offset), path: issue.path.map(String).join('.'), message: issue.message };
  });
}
