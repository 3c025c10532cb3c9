import { describe, expect, it } from 'vitest';
import { DEFAULT_CANNED_LIBRARY } from '../../../lib/canned/default-library';
import { cannedLibraryOf } from '../../../lib/canned/org-library';
import { DEMO_ORG } from '../../../lib/org/demo-org';

describe('cannedLibraryOf', () => {
  it('ships the default library in the demo organisation', () => {
    const { replies, problems } = cannedLibraryOf(DEMO_ORG);
    expect(problems).toEqual([]);
    expect(replies.map((r) => r.id)).toEqual(DEFAULT_CANNED_LIBRARY.map((r) => r.id));
  });

  it('uses the default library for an organisation without replies', () => {
    expect(cannedLibraryOf({}).replies).toBe(DEFAULT_CANNED_LIBRARY);
  });

  it('leaves out an invalid reply and says why, keeping the rest', () => {
    const good = DEFAULT_CANNED_LIBRARY[0]!;
    const bad = { ...DEFAULT_CANNED_LIBRARY[1]!, text: { en: 'Hi {{author.nmae}}', hi: 'नमस्ते' } };
    const { replies, problems } = cannedLibraryOf({ cannedReplies: [good, bad] });
    expect(replies.map((r) => r.id)).toEqual([good.id]);
    expect(problems).toEqual([
      { path: [1, 'text', 'en'], message: expect.stringContaining(`reply "${bad.id}" (en), line 1 column 4: unknown variable "author.nmae"`) },
    ]);
  });
});
