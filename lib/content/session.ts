import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { MutationOp, Triage } from '../contract/triage';
import { sendMessage, type ContentSession } from '../messaging';
import { refusalFor } from '../triage/permissions';

const SIGNED_OUT: ContentSession = { user: null, clockOffsetMs: 0 };
/** Sign-ins change rarely; the clock offset drifts slowly: read again at this pace. */
const REFRESH_MS = 60_000;

let shared: { current: ContentSession; ready: Promise<ContentSession> } | null = null;

/**
 * Who is signed in (role, department) and the server clock's offset, for the content features of one page:
 * read from the background once, then every minute.
 */
export function contentSession(ctx: ContentScriptContext): { current(): ContentSession; ready: Promise<ContentSession> } {
  if (!shared) {
    const state: { current: ContentSession; ready: Promise<ContentSession> } = { current: SIGNED_OUT, ready: Promise.resolve(SIGNED_OUT) };
    const read = () =>
      sendMessage('contentSession', undefined).then(
        (session) => (state.current = session),
        () => state.current,
      );
    state.ready = read();
    ctx.setInterval(() => void read(), REFRESH_MS);
    ctx.onInvalidated(() => {
      if (shared === state) shared = null;
    });
    shared = state;
  }
  const state = shared;
  return { current: () => state.current, ready: state.ready };
}


/**
 * Whether the signed-in user may take `op` on an item (lib/triage/permissions decides, as on the server);
 * signed out, every action is this browser's own and allowed.
 */
export function mayDo(session: ContentSession, op: MutationOp['type'], triage: Pick<Triage, 'departmentId'> | undefined): boolean {
  return session.user === null || refusalFor(session.user, op, triage) === null;
}

/**
 * Whether what this browser sees is recorded (in the shared store once pushed): for the roles that may
 * record comments (not a department user), and signed out in this browser's own store.
 */
export function recordsWhatItSees(session: ContentSession): boolean {
  return mayDo(session, 'see', undefined);
}
