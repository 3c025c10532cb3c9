import { describe, expect, it } from 'vitest';
import { checkXLength, xWeightedLength } from '../../../lib/canned/length';

describe('X weighted length', () => {
  it('counts Latin text one per character', () => {
    expect(xWeightedLength('Thank you')).toBe(9);
  });

  it('counts any URL as 23, however long', () => {
    expect(xWeightedLength('See https://www.bis.gov.in/index.php/standards/technical-department/very/long/path')).toBe(4 + 23);
    expect(xWeightedLength('https://x.co')).toBe(23);
  });

  it('counts Devanagari by code point, vowel signs and viramas included, as X does', () => {
    expect(xWeightedLength('नमस्ते')).toBe(6);
    expect(xWeightedLength('धन्यवाद, Ramesh')).toBe(7 + 8);
  });

  it('counts CJK characters and emoji double', () => {
    expect(xWeightedLength('日本')).toBe(4);
    expect(xWeightedLength('👍')).toBe(2);
  });

  it('says when a reply would go over 280', () => {
    expect(checkXLength('a'.repeat(280))).toMatchObject({ weighted: 280, remaining: 0, over: false });
    expect(checkXLength('क'.repeat(279) + '日')).toMatchObject({ weighted: 281, remaining: -1, over: true });
  });
});
