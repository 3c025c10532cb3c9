import { describe, expect, it } from 'vitest';
import { CommentItem, isPlatformPermalink } from '../../../lib/contract/item';

describe('comment permalinks', () => {
  it("accepts only https:// links on the platform's own hosts", () => {
    for (const link of ['https://x.com/a/status/1', 'https://twitter.com/a/status/1', 'https://mobile.x.com/a/status/1']) {
      expect(isPlatformPermalink('x', link), link).toBe(true);
    }
    for (const link of ['https://www.facebook.com/p/posts/1?comment_id=2', 'https://m.facebook.com/story.php?id=1']) {
      expect(isPlatformPermalink('facebook', link), link).toBe(true);
    }
    for (const link of [
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'http://x.com/a/status/1',
      'https://x.com.evil.example/a',
      'https://evil.example/x.com',
      'https://user@x.com/a',
      'https://x.com:8443/a',
      'https://www.facebook.com/p',
      'not a url',
    ]) {
      expect(isPlatformPermalink('x', link), link).toBe(false);
    }
    expect(isPlatformPermalink('facebook', 'https://x.com/a/status/1')).toBe(false);
  });

  it('is part of the comment schema the extension and the server share', () => {
    const item = { platform: 'x', id: '1', author: { name: 'A' }, text: 't', createdAt: '2026-11-20T09:00:00.000Z' };
    expect(CommentItem.safeParse({ ...item, permalink: 'https://x.com/a/status/1' }).success).toBe(true);
    const bad = CommentItem.safeParse({ ...item, permalink: 'javascript:alert(1)//x.com' });
    expect(bad.error?.issues.map((i) => i.path)).toContainEqual(['permalink']);
  });
});
