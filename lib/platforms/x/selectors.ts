// Every selector the extension uses on x.com / twitter.com, with the page variant each one matches.
// Checked against the desktop web app (2024–2026) and mirrored by test/fixtures/x. X's class names are
// generated (css-175oi2r, r-…) and change on every deploy: only data-testid, role, href and tag names here.

export const xSelectors = {
  // ── Reading tweets ────────────────────────────────────────────────────────────────────────────────
  /** Every tweet: timeline tweets (tabindex="0"), replies, and the focused tweet of a /status/ page (tabindex="-1"). */
  tweet: 'article[data-testid="tweet"]',
  /** The focused tweet of a /<handle>/status/<id> page: the post the replies below it answer. */
  focusedTweet: 'article[data-testid="tweet"][tabindex="-1"]',
  /** Timeline and conversation cells, absolutely positioned with translateY and recycled for other tweets. */
  cell: 'div[data-testid="cellInnerDiv"]',
  /** Promoted tweets: the article sits inside (or, in older builds, contains) placementTracking. */
  promoted: '[data-testid="placementTracking"]',
  /**
   * A quoted tweet inside another: a card that is one big `div[role="link"]` (tabindex="0") with its own
   * User-Name, text and /status/ link. Its contents belong to the quote, never to the outer tweet.
   */
  quoteCard: 'div[role="link"][tabindex="0"]',
  /**
   * Name block: display-name link, @handle link, and on timeline tweets and replies the time permalink.
   * `User-Name` in the 2024–2026 app (x-home-1, x-profile-1 captures), `User-Names` in 2022–2023 builds
   * (x-status-1, x-status-2 captures): one prefix match for both.
   */
  userName: '[data-testid^="User-Name"]',
  /**
   * The permalink with the tweet's time: inside User-Name on timeline tweets and replies; on the focused
   * tweet of a status page it sits in the row below the text. Both are `a[href="/<handle>/status/<id>"]`.
   */
  timeLink: 'a[href*="/status/"]',
  time: 'time[datetime]',
  /** Tweet text, with `lang`; links for #hashtags and @mentions, `<img alt>` for emoji. */
  tweetText: '[data-testid="tweetText"]',
  /**
   * Links to a profile, `a[href="/<handle>"]`: inside tweetText they are @mentions (all builds); outside the
   * text and User-Name, with "@<handle>" as their text, they are the "Replying to @<handle>" line that X
   * shows above a reply's text in timelines and on profiles (2023–2026 app; the fixture mirrors it).
   */
  profileLink: 'a[href^="/"]',
  /** "Pinned" or "<name> reposted" above a tweet. */
  socialContext: '[data-testid="socialContext"]',
  /** The action row (reply, repost, like, views, bookmark, share) at the bottom of every tweet. */
  actionGroup: 'div[role="group"]',

  // ── Writing (for composer insertion and post interception) ───────────────────────────────────────
  /**
   * The draft-js editor's contenteditable (`.public-DraftEditor-content`, role="textbox"); X puts
   * data-testid on it through draft-js's webDriverTestID. Inline composers (home, status page) and the
   * reply dialog each have one; all are numbered _0 while composing a single tweet.
   */
  composer: '[data-testid="tweetTextarea_0"]',
  /** The draft-js editor's container: insert UI beside it, never inside the editor. */
  composerContainer: '[data-testid="tweetTextarea_0RichTextInputContainer"]',
  /** Post buttons: `tweetButtonInline` (home and status-page inline composer), `tweetButton` (reply dialog, /compose/post). Disabled until the editor state has text. */
  postButton: '[data-testid="tweetButtonInline"], [data-testid="tweetButton"]',
  /** Same, as a prefix match for intercepting clicks anywhere inside either button. */
  postButtonAny: '[data-testid^="tweetButton"]',
  /** A tweet's reply action: opens the reply dialog. */
  replyAction: '[data-testid="reply"]',
  /** The reply (and compose) dialog with its own composer. */
  replyDialog: 'div[role="dialog"]',
  /** Mobile web's plain textarea composer (set the value with the native setter, then fire `input`). */
  mobileComposer: 'textarea[data-testid="tweetTextarea_0"]',
} as const;

/** `/<handle>/status/<id>` with optional suffixes such as /photo/1 or /analytics. Handles are at most 15 characters today; old accounts may have longer ones. */
export const statusPathPattern = /^\/([A-Za-z0-9_]{1,50})\/status\/(\d{1,25})(?:\/|$)/;

/** A profile link's path, `/<handle>` (no further segments). */
export const profilePathPattern = /^\/([A-Za-z0-9_]{1,50})\/?$/;

/** Hosts this adapter serves; permalinks are always written as https://x.com/... */
export const xHosts = ['x.com', 'twitter.com', 'mobile.x.com', 'mobile.twitter.com'] as const;
export const xOrigin = 'https://x.com';
