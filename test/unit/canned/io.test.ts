import { describe, expect, it } from 'vitest';
import { DEFAULT_CANNED_LIBRARY } from '../../../lib/canned/default-library';
import { exportCannedLibrary, importCannedLibrary } from '../../../lib/canned/io';

describe('canned library import and export', () => {
  it('round-trips the default library, Hindi and line breaks included', () => {
    const json = exportCannedLibrary(DEFAULT_CANNED_LIBRARY);
    expect(json).toContain('"format": "samvad-canned-replies"');
    expect(json).toContain('प्रिय');
    expect(importCannedLibrary(json)).toEqual({ ok: true, replies: DEFAULT_CANNED_LIBRARY });
  });

  it('takes a bare list of replies, as in the organisation config', () => {
    expect(importCannedLibrary(JSON.stringify(DEFAULT_CANNED_LIBRARY.slice(0, 2)))).toMatchObject({ ok: true, replies: DEFAULT_CANNED_LIBRARY.slice(0, 2) });
  });

  it('names the field of every problem, an unknown variable with its reply, language and place', () => {
    const broken = [{ ...DEFAULT_CANNED_LIBRARY[0]!, text: { en: 'Dear {{author.fullname}}', hi: 'नमस्ते' } }, { ...DEFAULT_CANNED_LIBRARY[1]!, category: 'misc' }];
    const result = importCannedLibrary(JSON.stringify(broken));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { path: [0, 'text', 'en'], message: expect.stringContaining('reply "ack-query" (en), line 1 column 6: unknown variable "author.fullname"') },
      { path: [1, 'category'], message: expect.any(String) },
    ]);
  });

  it('says so when the file is not JSON or not a canned-reply file', () => {
    expect(importCannedLibrary('{oops')).toMatchObject({ ok: false, problems: [{ path: [], message: expect.stringMatching(/^not JSON/) }] });
    expect(importCannedLibrary('{"format":"other"}')).toMatchObject({ ok: false, problems: [{ path: [] }] });
  });
});
