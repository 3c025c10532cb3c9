// Every selector the extension uses on www.facebook.com, with the page variant each one matches. Checked
// against real captures of the "comet" desktop site (../shared/real-pages: fb-page-1, a Page timeline of
// 2022; fb-post-1, a post permalink of 2025; test/unit/platforms/facebook-real-pages.test.ts) and mirrored by
// test/fixtures/facebook (English and Hindi interface, both action-row orders). Facebook's class names are
// obfuscated and change often, and its labels are localised: only roles, attributes, hrefs and structure.

export const facebookSelectors = {
  // ── Reading comments ──────────────────────────────────────────────────────────────────────────────
  /**
   * Comments and replies on a post permalink page (fb-post-1), in a Page timeline's inline comment threads
   * (fb-page-1, where replies are not inside their parent's article) and in the post dialog. aria-label
   * ("Comment by …", "Reply by …", "… द्वारा टिप्पणी") is localised or missing, so it is never used; a feed
   * post that is itself an article has no comment link of its own and is left alone.
   */
  comment: 'div[role="article"]',
  /**
   * The timestamp permalink of a comment (`?comment_id=<id>`, replies also `&reply_comment_id=<id>`); ids are
   * numeric or base64 of "comment:<postId>_<commentId>". Author profile links carry comment_id too, so the
   * timestamp is the comment's last such link outside its text. Its text is a relative time ("1w", "2 घं"),
   * a date ("4 December 2022") or, in some 2022 builds, empty. All Comet builds.
   */
  commentLink: 'a[href*="comment_id="]',
  /** Any link: the first one with visible text in the comment is the author's name (all builds). */
  link: 'a[href]',
  /**
   * The author's name where it is not a link (logged-out captures such as fb-page-1): the bubble's first
   * `span[dir="auto"]` with text, before the comment's text.
   */
  authorName: 'span[dir="auto"]',
  /** The comment's text: one `div[dir="auto"]` with an inline text-align per paragraph (2022–2026 builds). */
  commentText: 'div[dir="auto"][style*="text-align"]',
  /** The element carrying the language Facebook detected for the text (lang="hi-IN"; fb-page-1: lang="fr"). */
  language: '[lang]',
  /**
   * The row of actions under the bubble, an `ul` of `li`: time · Like · Reply (both real captures, fb-page-1
   * of 2022 and fb-post-1 of 2025; logged out, they show only the time and "Edited") or Like · Reply · time
   * (older builds); "Edited" last on edited comments. Found from the timestamp link, never by position.
   */
  actionList: 'ul',
  /**
   * The row's actions (Like, Reply, Share, "Edited"): `div[role="button"]` with localised text, in an `li`
   * (all Comet builds). The timestamp in the same row is a link, never a button.
   */
  actionButton: 'li [role="button"]',

  // ── Writing (for composer insertion and post interception) ───────────────────────────────────────
  /**
   * The lexical comment and reply boxes (aria-label "Write a comment…", "Reply to <name>", localised).
   * Lexical deletes foreign nodes inside its root: put UI next to its form, never inside.
   */
  composer: 'div[contenteditable="true"][role="textbox"][data-lexical-editor="true"]',
  /** The composer's form (role="presentation"): insert guard UI after it. */
  composerForm: 'form[role="presentation"]',
  /**
   * The comment box's send arrow (Comet 2023–2026): an icon-only `div[role="button"]` labelled "Comment" /
   * "टिप्पणी करें" (localised), `aria-disabled="true"` while the box is empty, inside a container whose id
   * Facebook repeats for every open box (so an attribute match, not `#id`). Clicking it posts like Enter.
   */
  sendButton: '[id="focused-state-composer-submit"] [role="button"]',
  /** Any button in a composer's form: builds without the send container's id are searched by shape. */
  formButton: '[role="button"]',
} as const;

/**
 * The Reply action's text in the interface languages most used with Samvad. Only a preference: in any other
 * language Reply is found by its place among the row's buttons (after Like).
 */
export const replyLabels = ['reply', 'जवाब दें', 'उत्तर दें', 'উত্তর দিন'] as const;

/** Post ids in link paths: /<page>/posts/<id>, /permalink.php?story_fbid=<id>, /<page>/videos/<id>, /photo/?fbid=<id>. */
export const postPathPattern = /\/(?:posts|videos)\/([A-Za-z0-9_-]+)/;
export const postIdParameters = ['story_fbid', 'fbid'] as const;
/**
 * Whose post a comment's permalink is on: the Page or profile named first in `/<page>/posts/<id>` and
 * `/<page>/videos/<id>` (Comet 2022–2026: fb-page-1, fb-post-1, the fixture), or the `id` of
 * `/permalink.php?story_fbid=<post>&id=<page>` (older links and numeric Pages).
 */
export const postOwnerPathPattern = /^\/([A-Za-z0-9.]+)\/(?:posts|videos)\//;
export const pageIdParameter = 'id';

export const facebookHosts = ['www.facebook.com', 'facebook.com', 'web.facebook.com'] as const;
export const facebookOrigin = 'https://www.facebook.com';
