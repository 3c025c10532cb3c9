import { z } from './zod';

export const PlatformId = z.enum(['x', 'facebook']);
export type PlatformId = z.infer<typeof PlatformId>;

/** "<platform>:<the site's own id>", the key used everywhere (and in `data-samvad-item`). */
export const ItemKey = z.string().check(z.regex(/^(x|facebook):[A-Za-z0-9_:=-]+$/));
export type ItemKey = z.infer<typeof ItemKey>;

export function itemKey(platform: PlatformId, id: string): ItemKey {
  return `${platform}:${id}`;
}

/** A public comment as extracted from the page by a platform adapter. */
export const CommentItem = z.object({
  platform: PlatformId,
  /** The site's own id: X status id, Facebook comment id. */
  id: z.string().check(z.regex(/^[A-Za-z0-9_:=-]+$/)),
  author: z.object({
    name: z.string(),
    handle: z.optional(z.string()),
  }),
  text: z.string().check(z.maxLength(100_000)),
  permalink: z.url(),
  /** ISO 8601; the SLA clock starts here. */
  createdAt: z.iso.datetime({ offset: true }),
  lang: z.optional(z.string().check(z.maxLength(16))),
  /** What this comment answers: the post (X: the tweet replied to; Facebook: the post) or a comment. */
  parent: z.optional(
    z.object({
      kind: z.enum(['post', 'comment']),
      id: z.string(),
    }),
  ),
});
export type CommentItem = z.infer<typeof CommentItem>;
