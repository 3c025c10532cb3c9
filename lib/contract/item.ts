import { z } from './zod';

export const PlatformId = z.enum(['x', 'facebook']);
export type PlatformId = z.infer<typeof PlatformId>;

/** "<platform>:<the site's own id>", the key used everywhere (and in `data-samvad-item`). */
export const ItemKey = z.string().check(z.regex(/^(x|facebook):[A-Za-z0-9_:=-]+$/));
export type ItemKey = z.infer<typeof ItemKey>;

export function itemKey(platform: PlatformId, id: string): ItemKey {
  return `${platform}:${id}`;
}

/**
 * The hosts whose https:// links a comment's permalink may be: the platform's own (desktop and mobile).
 * Anything else (javascript:, data:, another site) is refused by the extension and the server alike,
 * since every moderator's side panel opens it.
 */
export const PERMALINK_HOSTS: Record<PlatformId, readonly string[]> = {
  x: ['x.com', 'www.x.com', 'mobile.x.com', 'twitter.com', 'www.twitter.com', 'mobile.twitter.com'],
  facebook: ['www.facebook.com', 'facebook.com', 'm.facebook.com', 'mobile.facebook.com', 'web.facebook.com', 'mbasic.facebook.com', 'touch.facebook.com'],
};

export function isPlatformPermalink(platform: PlatformId, permalink: string): boolean {
  const hosts = PERMALINK_HOSTS[platform] as readonly string[] | undefined;
  let url: URL;
  try {
    url = new URL(permalink);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && !url.username && !url.password && !url.port && hosts !== undefined && hosts.includes(url.hostname);
}

const SITE_ID = /^[A-Za-z0-9_:=-]+$/;
const MAX_TEXT = 100_000;
const MAX_LANG = 16;
/** Names, handles and ids are short on both platforms; the bounds keep a hostile push small. */
const MAX_NAME = 500;
const MAX_ID = 200;

/** A public comment as extracted from the page by a platform adapter. */
export const CommentItem = z
  .object({
    platform: PlatformId,
    /** The site's own id: X status id, Facebook comment id. */
    id: z.string().check(z.regex(SITE_ID), z.maxLength(MAX_ID)),
    author: z.object({
      name: z.string().check(z.maxLength(MAX_NAME)),
      handle: z.optional(z.string().check(z.maxLength(MAX_NAME))),
    }),
    text: z.string().check(z.maxLength(MAX_TEXT)),
    permalink: z.url().check(z.maxLength(2048)),
    /** ISO 8601; the SLA clock starts here. */
    createdAt: z.iso.datetime({ offset: true }),
    lang: z.optional(z.string().check(z.maxLength(MAX_LANG))),
    /** What this comment answers: the post (X: the tweet replied to; Facebook: the post) or a comment. */
    parent: z.optional(
      z.object({
        kind: z.enum(['post', 'comment']),
        id: z.string().check(z.maxLength(MAX_ID)),
      }),
    ),
  })
  .check(
    z.refine((item) => isPlatformPermalink(item.platform, item.permalink), {
      message: "not an https:// link on the platform's own site",
      path: ['permalink'],
    }),
  );
export type CommentItem = z.infer<typeof CommentItem>;

/**
 * Whether an item a platform adapter built passes the checks of `CommentItem` that a page can make it
 * fail: the id's characters and the lengths of text and language. Its other fields come from parsed
 * URLs and dates. A full parse per comment was a quarter of the cost of reading one off the page; every
 * item is parsed in full again when it reaches the background.
 */
export function isPlausibleItem(item: CommentItem): boolean {
  return SITE_ID.test(item.id) && item.text.length <= MAX_TEXT && (item.lang === undefined || item.lang.length <= MAX_LANG);
}
