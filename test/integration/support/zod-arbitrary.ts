import fc from 'fast-check';

/**
 * A fast-check arbitrary for a zod schema (classic or mini: both expose `_zod.def`): values mostly of the
 * schema's shape, with fields valid by its formats and patterns, and at any node, now and then, something
 * hostile instead (a lone surrogate, NUL, a wrong type, deep nesting). Drives the server's fuzz tests from
 * the contract itself, so a route added to lib/contract is fuzzed by the shape it declares.
 */

interface Def {
  type: string;
  [key: string]: unknown;
}
type Schema = { _zod: { def: Def } };

const hostileString = fc.oneof(
  fc.constantFrom('\ud83d', 'cut \ude00', 'a\u0000b', '', ' ', '😀'.repeat(50), 'javascript:alert(1)', "'; DROP TABLE items; --", '__proto__'),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);

// Past the server's depth limit (thousands of levels are tested apart: fast-check's reports recurse).
let deep: unknown = 'leaf';
for (let i = 0; i < 40; i++) deep = [deep];

/** Anything a client could send where a value of some type is expected. */
export const hostile: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(null, true, 0, -1, 1e308, -0, Number.MAX_SAFE_INTEGER + 2, [], {}, deep, 'x'.repeat(200_000)),
  fc.jsonValue({ maxDepth: 3 }),
  fc.object({ maxDepth: 2 }),
);

function checksOf(def: Def): Array<{ _zod: { def: Record<string, unknown> } }> {
  return (def.checks as Array<{ _zod: { def: Record<string, unknown> } }> | undefined) ?? [];
}

function stringArbitrary(def: Def): fc.Arbitrary<unknown> {
  const patterns: RegExp[] = [];
  if (def.pattern instanceof RegExp) patterns.push(def.pattern);
  let maxLength = 60;
  let minLength = 0;
  for (const check of checksOf(def)) {
    const c = check._zod.def;
    if (c.pattern instanceof RegExp) patterns.push(c.pattern);
    if (c.check === 'max_length' && typeof c.maximum === 'number') maxLength = Math.min(maxLength, c.maximum);
    if (c.check === 'min_length' && typeof c.minimum === 'number') minLength = Math.max(minLength, c.minimum);
  }
  maxLength = Math.max(maxLength, minLength);
  if (def.format === 'url') return fc.oneof({ weight: 6, arbitrary: fc.webUrl({ validSchemes: ['https', 'http'] }) }, { weight: 1, arbitrary: hostileString });
  if (def.format === 'datetime') {
    return fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
  }
  const matching = patterns.length > 0 ? stringMatching(patterns[0]!) : null;
  if (matching) return fc.oneof({ weight: 4, arbitrary: matching }, { weight: 1, arbitrary: hostileString });
  return fc.oneof({ weight: 6, arbitrary: fc.string({ minLength, maxLength }) }, { weight: 1, arbitrary: hostileString });
}

/** fast-check cannot generate for every pattern (lookaheads): those get plain strings. */
function stringMatching(pattern: RegExp): fc.Arbitrary<string> | null {
  try {
    return fc.stringMatching(pattern);
  } catch {
    return null;
  }
}

function numberArbitrary(def: Def): fc.Arbitrary<unknown> {
  let isInt = def.format === 'safeint';
  let min = -1000;
  let max = 100_000;
  for (const check of checksOf(def)) {
    const c = check._zod.def;
    if (c.format === 'safeint' || c.format === 'int32') isInt = true;
    if (c.check === 'greater_than' && typeof c.value === 'number') min = c.inclusive ? c.value : c.value + 1;
    if (c.check === 'less_than' && typeof c.value === 'number') max = c.inclusive ? c.value : c.value - 1;
  }
  const inRange = isInt ? fc.integer({ min, max }) : fc.double({ min, max, noNaN: true });
  return fc.oneof({ weight: 6, arbitrary: inRange }, { weight: 1, arbitrary: isInt ? fc.integer() : fc.double() });
}

function typed(schema: Schema, depth: number): fc.Arbitrary<unknown> {
  const def = schema._zod.def;
  const inner = (s: unknown) => arbitraryFor(s as Schema, depth + 1);
  switch (def.type) {
    case 'string':
      return stringArbitrary(def);
    case 'number':
      return numberArbitrary(def);
    case 'boolean':
      return fc.boolean();
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, unknown>));
    case 'optional':
      return fc.option(inner(def.innerType), { nil: undefined });
    case 'nullable':
      return fc.option(inner(def.innerType), { nil: null });
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return inner(def.innerType);
    case 'pipe':
      return inner(def.in);
    case 'lazy':
      return depth > 6 ? fc.constant(null) : inner((def.getter as () => unknown)());
    case 'array':
      return fc.array(inner(def.element), { maxLength: depth > 4 ? 1 : 3 });
    case 'union':
      return fc.oneof(...(def.options as unknown[]).map(inner));
    case 'record':
      return fc.dictionary(fc.string({ maxLength: 8 }), inner(def.valueType), { maxKeys: 3 });
    case 'object': {
      const shape = def.shape as Record<string, unknown>;
      const keys = Object.keys(shape);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const key of keys) record[key] = inner(shape[key]);
      return fc.record(record, { requiredKeys: keys }).map((value) =>
        Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)),
      );
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Mostly `typed`, sometimes `hostile` at this node. */
export function arbitraryFor(schema: unknown, depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 40, arbitrary: typed(schema as Schema, depth) }, { weight: 1, arbitrary: hostile });
}
