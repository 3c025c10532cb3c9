import { describe, expect, it } from 'vitest';
import { DEFAULT_CANNED_LIBRARY } from '../../../lib/canned/default-library';
import { findByShortcut, searchCanned } from '../../../lib/canned/search';

const ids = (query: string, lang = 'en') => searchCanned(DEFAULT_CANNED_LIBRARY, query, lang).map((r) => r.id);

describe('searchCanned', () => {
  it('lists the whole library in order for an empty query', () => {
    expect(ids('  ')).toEqual(DEFAULT_CANNED_LIBRARY.map((r) => r.id));
  });

  it('puts the reply whose shortcut is typed first', () => {
    expect(ids('/ack')[0]).toBe('ack-query');
    expect(ids('/ackc')[0]).toBe('ack-complaint');
    expect(ids('rti')[0]).toBe('redirect-rti');
  });

  it('ranks a title match above a match in the body text', () => {
    // "delay" is the title of one reply and appears in no other; "regional" is a title word of one
    // reply and only body text elsewhere.
    expect(ids('delay')[0]).toBe('interim-delay');
    const regional = ids('regional');
    expect(regional[0]).toBe('forwarded-regional');
  });

  it('finds replies by keyword and by Hindi title', () => {
    expect(ids('hallmark')[0]).toBe('final-verify-huid');
    expect(ids('शिकायत', 'hi')).toContain('ack-complaint');
    expect(ids('विलंब', 'hi')[0]).toBe('interim-delay');
  });

  it('needs every typed word to match', () => {
    expect(ids('complaint registered')).toEqual(['ack-complaint']);
    expect(ids('zzz')).toEqual([]);
  });

  it('does not match placeholder names', () => {
    expect(ids('contact')).not.toContain('final-information');
  });

  it('finds a reply by its exact shortcut', () => {
    expect(findByShortcut(DEFAULT_CANNED_LIBRARY, '/rti')?.id).toBe('redirect-rti');
    expect(findByShortcut(DEFAULT_CANNED_LIBRARY, '/nope')).toBeUndefined();
  });
});
