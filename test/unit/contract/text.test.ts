import { describe, expect, it } from 'vitest';
import { findUnstorable, isStorableText, sliceCodePoints, storableJson, storableText } from '../../../lib/contract/text';

describe('storable text', () => {
  it('tells whole characters from lone surrogates and NUL', () => {
    expect(isStorableText('नमस्ते 😀')).toBe(true);
    expect(isStorableText('cut mid-emoji \ud83d')).toBe(false);
    expect(isStorableText('\ude00 low half first')).toBe(false);
    expect(isStorableText('a\u0000b')).toBe(false);
  });

  it('replaces lone surrogates with U+FFFD and drops NUL, keeping pairs', () => {
    expect(storableText('a\ud83d b\u0000c 😀 \ude00')).toBe('a\ufffd bc 😀 \ufffd');
    expect(storableJson({ text: 'x\ud83d', list: ['\u0000y'], ['k\udc00']: 1 })).toEqual({ text: 'x\ufffd', list: ['y'], ['k\ufffd']: 1 });
  });

  it('cuts text on code-point boundaries', () => {
    expect(sliceCodePoints('ab😀cd', 0, 3)).toBe('ab😀');
    expect(sliceCodePoints('ab😀cd', 3, 5)).toBe('😀c');
    expect(isStorableText(sliceCodePoints('😀😀😀', 1, 4))).toBe(true);
  });

  it('names the path of unstorable text, in values and keys, and of too deep nesting without overflowing', () => {
    expect(findUnstorable({ a: [{ b: 'ok' }, { c: 'x\ud800' }] })).toMatchObject({ path: ['a', 1, 'c'] });
    expect(findUnstorable({ a: { ['k\u0000']: 1 } })?.message).toContain('key');
    let deep: unknown = 'leaf';
    for (let i = 0; i < 7000; i++) deep = { d: [deep] };
    expect(findUnstorable(deep)?.message).toContain('nested deeper');
    expect(findUnstorable({ text: '\ud800' }, { text: false })).toBeNull();
  });
});
