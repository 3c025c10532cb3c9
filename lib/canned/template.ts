/**
 * The template language of canned replies: literal text with `{{variable}}` or
 * `{{variable | "fallback"}}` placeholders. Only the variables listed here exist: anything else, and any
 * `{{` that does not form a placeholder, is an error found when the library is parsed, so a posted
 * reply never carries a literal `{{…}}`.
 */

export const TEMPLATE_VARIABLES = [
  'author.name',
  'author.handle',
  'department.name',
  'department.contact',
  'ticket',
  'due.final',
  'today',
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

export type TemplateSegment =
  | { kind: 'text'; text: string }
  | { kind: 'variable'; name: TemplateVariable; fallback: string | null };

export interface TemplatePosition {
  /** UTF-16 offset of the opening `{{`. */
  offset: number;
  /** 1-based line and column, as an editor shows them. */
  line: number;
  column: number;
}

export interface TemplateError extends TemplatePosition {
  message: string;
}

export type ParsedTemplate = { ok: true; segments: TemplateSegment[] } | { ok: false; errors: TemplateError[] };

// `{{ name }}` or `{{ name | "fallback" }}`; the fallback is a double-quoted string without quotes,
// braces or line breaks (it is literal reply text, nothing more).
const PLACEHOLDER = /^\{\{\s*([A-Za-z_][\w.]*)\s*(?:\|\s*"([^"{}\n]*)"\s*)?\}\}/;

const KNOWN = new Set<string>(TEMPLATE_VARIABLES);

function positionOf(source: string, offset: number): TemplatePosition {
  const before = source.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return { offset, line, column };
}

export function parseTemplate(source: string): ParsedTemplate {
  const segments: TemplateSegment[] = [];
  const errors: TemplateError[] = [];
  let literal = '';
  let index = 0;
  while (index < source.length) {
    const open = source.indexOf('{{', index);
    if (open === -1) {
      literal += source.slice(index);
      break;
    }
    literal += source.slice(index, open);
    const match = PLACEHOLDER.exec(source.slice(open));
    if (!match) {
      const close = source.indexOf('}}', open + 2);
      const shown = close === -1 ? source.slice(open, open + 20) : source.slice(open, close + 2);
      errors.push({ ...positionOf(source, open), message: `malformed placeholder "${shown}"` });
      index = close === -1 ? source.length : close + 2;
      continue;
    }
    const name = match[1] ?? '';
    if (!KNOWN.has(name)) {
      errors.push({
        ...positionOf(source, open),
        message: `unknown variable "${name}" (known: ${TEMPLATE_VARIABLES.join(', ')})`,
      });
    } else {
      if (literal) segments.push({ kind: 'text', text: literal });
      literal = '';
      segments.push({ kind: 'variable', name: name as TemplateVariable, fallback: match[2] ?? null });
    }
    index = open + match[0].length;
  }
  if (literal) segments.push({ kind: 'text', text: literal });
  return errors.length ? { ok: false, errors } : { ok: true, segments };
}
