// Every selector the extension uses on www.facebook.com, with the page variant each one matches. Checked
// against the "comet" desktop site (2024–2026) and mirrored by test/fixtures/facebook. Facebook's class names
// are obfuscated and change often, and its labels are localised: only roles, attributes, hrefs and structure.

export const facebookSelectors = {
  // ── Reading comments ──────────────────────────────────────────────────────────────────────────────
  /**
   * Comments and replies on a post permalink page, in the feed's inline comment threads and in the post
   * dialog. aria-label ("Comment by …", "Reply by …", "… द्वारा टिप्पणी") is localised or missing, so it is
   * never used; a feed post that is itself an article has no comment link of its own and is left alone.
   */
  comment: 'div[role="article"]',
  /**
   * The timestamp permalink of a comment (`?comment_id=<id>`, replies also `&reply_comment_id=<id>`); ids are
   * numeric or base64 of "comment:<postId>_<commentId>". Author profile links carry comment_id too, so the
   * timestamp is the comment's last such link outside its text.
   */
  commentLink: 'a[href*="comment_id="]',
  /** Any link: the first one with visible text in the comment is the author's name. */
  link: 'a[href]',
  /** The comment's text: one `div[dir="auto"]` with an inline text-align per paragraph. */
  commentText: 'div[dir="auto"][style*="text-align"]',
  /** The element carrying the language Facebook detected for the text (e.g. lang="hi-IN"). */
  language: '[lang]',
  /** The row of Like, Reply and the timestamp under the bubble. */
  actionList: 'ul',

  // ── Writing (for composer insertion and post interception) ───────────────────────────────────────
  /**
   * The lexical comment and reply boxes (aria-label "Write a comment…", "Reply to <name>", localised).
   * Lexical deletes foreign nodes inside its root: put UI next to its form, never inside.
   */
  composer: 'div[contenteditable="true"][role="textbox"][data-lexical-editor="true"]',
  /** The composer's form (role="presentation"): insert guard UI after it. */
  composerForm: 'form[role="presentation"]',
  /**
   * A comment's Reply action: the second entry of its action row (Like, Reply, time); its text is localised
   * ("Reply", "जवाब दें"). Query it on the comment article. Clicking opens a reply composer under the thread.
   */
  replyAction: 'ul > li:nth-child(2) > div[role="button"]',
} as const;

/** Post ids in link paths: /<page>/posts/<id>, /permalink.php?story_fbid=<id>, /<page>/videos/<id>, /photo/?fbid=<id>. */
export const postPathPattern = /\/(?:posts|videos)\/([A-Za-z0-9_-]+)/;
export const postIdParameters = ['story_fbid', 'fbid'] as const;

export const facebookHosts = ['www.facebook.com', 'facebook.com', 'web.facebook.com'] as const;
export const facebookOrigin = 'https://www.facebook.com';
