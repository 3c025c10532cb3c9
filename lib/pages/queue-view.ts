import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { QueuePortMessage, QueueViewAnswer, sendMessage } from '../messaging';
import { QUEUE_PORT } from '../sites';
import type { ItemNotice } from '../sync/engine';
import type { QueueFilters } from '../triage/queue';

/**
 * The rows a queue page draws, kept live: the background sorts and counts every row (5,000 open items
 * are not copied into the page) and answers the first `limit` of the view; the page asks again when the
 * background says over its QUEUE_PORT that rows changed (a push answer, a pull of another moderator's
 * change, a rollback), when the filters change, or when `refreshKey` does (the clock's tick). Never on a
 * timer of its own. While the port is open the background keeps live updates from the team server coming.
 */
export function useQueueView(
  filters: QueueFilters,
  limit: number,
  refreshKey: unknown,
  { onNotice, onChanged }: { onNotice(notice: ItemNotice): void; onChanged(keys: string[]): void },
): { answer: QueueViewAnswer | null; refresh(): void } {
  const [answer, setAnswer] = useState<QueueViewAnswer | null>(null);
  const request = useRef({ filters, limit });
  request.current = { filters, limit };
  const handlers = useRef({ onNotice, onChanged });
  handlers.current = { onNotice, onChanged };
  // One request at a time; changes meanwhile fold into one more.
  const state = useRef({ running: false, again: false });
  const refresh = () => {
    if (state.current.running) {
      state.current.again = true;
      return;
    }
    state.current.running = true;
    void sendMessage('queueView', request.current)
      .then((view) => setAnswer(QueueViewAnswer.parse(view)))
      .finally(() => {
        state.current.running = false;
        if (state.current.again) {
          state.current.again = false;
          refresh();
        }
      });
  };
  useEffect(refresh, [filters, limit, refreshKey]);
  useEffect(() => {
    let port: ReturnType<typeof browser.runtime.connect> | null = null;
    let closed = false;
    const hold = () => {
      port = browser.runtime.connect({ name: QUEUE_PORT });
      port.onMessage.addListener((message: unknown) => {
        const parsed = QueuePortMessage.safeParse(message);
        if (!parsed.success) return;
        if (parsed.data.type === 'changed') {
          refresh();
          handlers.current.onChanged(parsed.data.keys);
        } else handlers.current.onNotice(parsed.data.notice);
      });
      // The background restarted (MV3 stops idle workers): connect again and catch up.
      port.onDisconnect.addListener(() => {
        if (!closed)
          setTimeout(() => {
            hold();
            refresh();
          }, 1_000);
      });
    };
    hold();
    return () => {
      closed = true;
      port?.disconnect();
    };
  }, []);
  return { answer, refresh };
}
