import type { CommentItem } from '../contract/item';
import { CheckTimedOut, GUARD_CHECK_TIMEOUT_MS, withinTime } from '../guard/decide';
import type { GuardFinding } from '../guard/protocol';
import { replayModeratorAction } from './moderator-actions';

/**
 * The checks a post passes, in this order whatever order their features start in: the guideline guard
 * (its findings are the approval check's input), the approval check, and the reply recording, which
 * only notes the post as it goes.
 */
export const CHECK_ORDER = ['guard', 'approval', 'recording'] as const;
export type CheckName = (typeof CHECK_ORDER)[number];
/** Without these registered no post goes out: a page whose guard has not started yet holds every post. */
const REQUIRED: readonly CheckName[] = ['guard', 'approval'];

/** One press of Post (button, keyboard, mobile textarea), as the checks see it. */
export interface PostAttempt {
  /** The composer posted: its editable root (contenteditable or `<textarea>`). */
  readonly editor: HTMLElement;
  /** The draft when Post was pressed. */
  readonly text: string;
  /** The comment the draft answers; null for a new post, or for a reply whose comment is not known. */
  readonly item: CommentItem | null;
  /**
   * A reply (opened by a comment's Reply action) whose comment could not be identified: never a new post
   * to the checks, which fail closed where the item matters.
   */
  readonly replyToUnidentified?: boolean;
  /** Set by the guard for the checks after it: the draft's guideline findings. */
  findings: GuardFinding[];
}

export type Verdict = 'pass' | 'hold';

/** Given to a check that may hold a post (e.g. behind a dialog). */
export interface Hold {
  /** Lets the held post go on to the next check (and out, if they all pass). */
  resume(): void;
  /** Aborted when the gate gave up on this attempt (no answer in time): show nothing for it then. */
  readonly signal: AbortSignal;
}

export interface PostCheck {
  readonly name: CheckName;
  /**
   * The verdict when it is known without asking the background (e.g. the draft's last check still
   * holds), else undefined and the gate holds the post and asks `decide`. A `hold` means the check
   * tells the moderator why (its dialog) and calls `hold.resume()` if the post may go after all.
   */
  quick?(attempt: PostAttempt, hold: Hold): Verdict | undefined;
  decide?(attempt: PostAttempt, hold: Hold): Promise<Verdict>;
  /** The post goes out now (called just before the gate lets the site post it). */
  posted?(attempt: PostAttempt): void;
}

/** A post held because a check could not decide: the moderator is told why. */
export interface HeldUnchecked {
  attempt: PostAttempt;
  check: CheckName;
  reason: 'timeout' | 'failed' | 'not-ready';
  /** The check's error message ('failed'), or the seconds waited ('timeout'). */
  detail: string;
}

export interface PostGateOptions {
  /** How long a check may take before the post is held unchecked (fail closed). */
  timeoutMs?: number;
}

/**
 * The one post gate of a page (DESIGN.md, "Approvals and the post gate"): every post attempt on the
 * page comes here (lib/gate/listen.ts), and goes out only when every registered check, asked in
 * CHECK_ORDER, lets it. A check that cannot answer in time holds the post: it fails closed.
 */
export class PostGate {
  readonly #checks: PostCheck[] = [];
  readonly #heldListeners = new Set<(held: HeldUnchecked) => void>();
  /** Composers whose post is being decided right now: another press meanwhile is held too. */
  readonly #deciding = new WeakSet<HTMLElement>();
  readonly #timeoutMs: number;

  constructor(options: PostGateOptions = {}) {
    this.#timeoutMs = options.timeoutMs ?? GUARD_CHECK_TIMEOUT_MS;
  }

  /** Adds a check in its place in CHECK_ORDER; returns its removal. */
  register(check: PostCheck): () => void {
    if (this.#checks.some((registered) => registered.name === check.name)) throw new Error(`a ${check.name} check is already registered`);
    this.#checks.push(check);
    this.#checks.sort((a, b) => CHECK_ORDER.indexOf(a.name) - CHECK_ORDER.indexOf(b.name));
    return () => {
      const index = this.#checks.indexOf(check);
      if (index >= 0) this.#checks.splice(index, 1);
    };
  }

  /** Who shows the moderator why a post was held unchecked. */
  onHeldUnchecked(listener: (held: HeldUnchecked) => void): () => void {
    this.#heldListeners.add(listener);
    return () => this.#heldListeners.delete(listener);
  }

  /**
   * A post action on a composer. `pass`: every check passed at once and the caller lets the event go on
   * untouched; `hold`: the caller stops the event, and `post` replays it once every check has passed.
   * A post the moderator did not make (`byModerator` false: an event the site's scripts dispatched) is
   * held and never released.
   */
  attempt(attempt: PostAttempt, byModerator: boolean, post: () => void): Verdict {
    if (!byModerator || this.#deciding.has(attempt.editor)) return 'hold';
    const missing = REQUIRED.find((name) => !this.#checks.some((check) => check.name === name));
    if (missing) {
      this.#tell({ attempt, check: missing, reason: 'not-ready', detail: '' });
      return 'hold';
    }
    const checks = [...this.#checks];
    for (let index = 0; index < checks.length; index++) {
      const check = checks[index]!;
      const { hold } = this.#holdFor(checks, index, attempt, post);
      let verdict: Verdict | undefined;
      try {
        verdict = check.quick?.(attempt, hold) ?? (check.decide ? undefined : 'pass');
      } catch (error) {
        this.#tell({ attempt, check: check.name, reason: 'failed', detail: messageOf(error) });
        return 'hold';
      }
      if (verdict === 'hold') return 'hold';
      if (verdict === undefined) {
        void this.#decideFrom(checks, index, attempt, post, { askQuick: false });
        return 'hold';
      }
    }
    this.#posted(checks, attempt);
    return 'pass';
  }

  /** Asks the checks from `from` on, each within the time allowed, and posts if they all pass. */
  async #decideFrom(checks: PostCheck[], from: number, attempt: PostAttempt, post: () => void, { askQuick }: { askQuick: boolean }): Promise<void> {
    this.#deciding.add(attempt.editor);
    try {
      for (let index = from; index < checks.length; index++) {
        const check = checks[index]!;
        const { hold, abandon } = this.#holdFor(checks, index, attempt, post);
        let verdict: Verdict;
        try {
          const quick = askQuick || index > from ? check.quick?.(attempt, hold) : undefined;
          verdict = quick ?? (check.decide ? await withinTime(check.decide(attempt, hold), this.#timeoutMs) : 'pass');
        } catch (error) {
          abandon();
          const timedOut = error instanceof CheckTimedOut;
          this.#tell({
            attempt,
            check: check.name,
            reason: timedOut ? 'timeout' : 'failed',
            detail: timedOut ? String(error.timeoutMs / 1000) : messageOf(error),
          });
          return;
        }
        if (verdict === 'hold') return;
      }
    } finally {
      this.#deciding.delete(attempt.editor);
    }
    this.#posted(checks, attempt);
    replayModeratorAction(post);
  }

  #holdFor(checks: PostCheck[], index: number, attempt: PostAttempt, post: () => void): { hold: Hold; abandon: () => void } {
    const controller = new AbortController();
    let resumed = false;
    const hold: Hold = {
      signal: controller.signal,
      resume: () => {
        // Once only, and never for an attempt the gate gave up on.
        if (resumed || controller.signal.aborted) return;
        resumed = true;
        void this.#decideFrom(checks, index + 1, attempt, post, { askQuick: true });
      },
    };
    return { hold, abandon: () => controller.abort() };
  }

  #posted(checks: PostCheck[], attempt: PostAttempt): void {
    for (const check of checks) {
      try {
        check.posted?.(attempt);
      } catch (error) {
        // Recording a post must not stop it: what was checked goes out.
        console.error(`[samvad] the ${check.name} check failed to note a post`, error);
      }
    }
  }

  #tell(held: HeldUnchecked): void {
    if (!this.#heldListeners.size) console.warn(`[samvad] a post was held: ${held.check} ${held.reason} ${held.detail}`);
    for (const listener of this.#heldListeners) listener(held);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
