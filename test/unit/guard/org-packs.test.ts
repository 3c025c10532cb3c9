import { describe, expect, it } from 'vitest';
import { describeStoredPacks, parseHandles, removePack, splitHandles, upsertPack, validatePackText } from '../../../lib/guard/org-packs';
import { caseListPack as pack } from './case-list-pack';

describe('organisation rule packs', () => {
  it('accepts a valid pack', () => {
    const result = validatePackText(JSON.stringify(pack(), null, 2));
    expect(result.ok && result.pack.rules.map((r) => r.id)).toEqual(['bis.case.sharma']);
  });

  it('reports a bad field at its line and path', () => {
    const text = JSON.stringify(pack({ rules: [{ ...pack().rules[0], severity: 'fatal' }] }), null, 2);
    const result = validatePackText(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const [problem] = result.problems;
    expect(problem?.path).toBe('rules.0.severity');
    expect(text.split('\n')[problem!.line - 1]).toContain('"severity"');
  });

  it('reports JSON syntax errors with their line', () => {
    const result = validatePackText('{\n  "id": "x",\n  "name": \n}');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatchObject({ line: 4, path: '' });
  });

  it('refuses a pack whose rule misses its own example', () => {
    const broken = pack({ rules: [{ ...pack().rules[0], examples: { match: ['Nothing to see'], noMatch: [] } }] });
    const result = validatePackText(JSON.stringify(broken, null, 2));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.path).toBe('rules.0.examples.match.0');
  });

  it('adds, replaces by id and removes packs', () => {
    const first = validatePackText(JSON.stringify(pack()));
    if (!first.ok) throw new Error('pack should be valid');
    const added = upsertPack([{ id: 'other' }], first.pack);
    expect(added).toMatchObject({ replaced: false });
    expect(added.packs.map((p) => p.id)).toEqual(['other', 'bis-cases']);
    const replaced = upsertPack(added.packs, { ...first.pack, version: '1.1.0' });
    expect(replaced.replaced).toBe(true);
    expect(replaced.packs.map((p) => [p.id, p.version])).toEqual([['other', undefined], ['bis-cases', '1.1.0']]);
    expect(removePack(replaced.packs, 'other').map((p) => p.id)).toEqual(['bis-cases']);
  });

  it('lists stored packs, saying why an invalid one is not used', () => {
    const listed = describeStoredPacks([pack(), { id: 'broken', rules: 3 }]);
    expect(listed.map((p) => [p.id, p.ok])).toEqual([['bis-cases', true], ['broken', false]]);
  });
});

describe('organisation handles', () => {
  it('splits lines and commas', () => {
    expect(splitHandles('@IndiaPostOffice, BIS_India\n\n  @PIB_India ')).toEqual(['@IndiaPostOffice', 'BIS_India', '@PIB_India']);
  });

  it('validates X handles with the org config schema, naming the bad value', () => {
    expect(parseHandles({ x: '@IndiaPostOffice', facebook: 'PostOffice.IN' })).toEqual({ ok: true, handles: { x: ['@IndiaPostOffice'], facebook: ['PostOffice.IN'] } });
    const bad = parseHandles({ x: '@IndiaPostOffice\n@not a handle', facebook: '' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems).toEqual([expect.objectContaining({ field: 'x', value: '@not a handle' })]);
  });
});
