import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Triage } from '../contract/triage';
import { QueuePortMessage, sendMessage, TriageList } from '../messaging';
import { QUEUE_PORT } from '../sites';
import type { ItemNotice } from '../sync/engine';

/** The rows a queue page shows, kept live by the background's QUEUE_PORT; `notice` is the last refusal or conflict. */
export interface LiveTriage {
  triages: Triage[];
  byKey: ReadonlyMap<string, Triage>;
  /** Bumped on every change: a cheap dependency for memoised views. */
  version: number;
  /** Rows changed here (an action's answer) before the background's port says so. */
  put(rows: Triage[]): void;
}

/**
 * Every stored item, read once when the page opens (and again if the background restarts), then kept up
 * to date from the rows the background sends over the port as they change: a push answer, a pull of
 * another moderator's change, a rollback. Never re-read on a timer. While the port is open the
 * background keeps live updates from the team server coming.
 */
export function useLiveTriage({ onNotice, onRows }: { onNotice(notice: ItemNotice): void; onRows?(rows: Triage[]): void }): LiveTriage {
  const rows = useRef(new Map<string, Triage>());
  const [version, setVersion] = useState(0);
  const handlers = useRef({ onNotice, onRows });
  handlers.current = { onNotice, onRows };
  const put = (changed: Triage[]) => {
    for (const row of changed) rows.current.set(row.key, row);
    setVersion((v) => v + 1);
  };
  useEffect(() => {
    let port: ReturnType<typeof browser.runtime.connect> | null = null;
    let closed = false;
    const loadAll = () =>
      void sendMessage('listTriage', undefined).then((list) => {
        rows.current = new Map(TriageList.parse(list).map((row) => [row.key, row]));
        setVersion((v) => v + 1);
      });
    const hold = () => {
      port = browser.runtime.connect({ name: QUEUE_PORT });
      port.onMessage.addListener((message: unknown) => {
        const parsed = QueuePortMessage.safeParse(message);
        if (!parsed.success) return;
        if (parsed.data.type === 'rows') {
          put(parsed.data.rows);
          handlers.current.onRows?.(parsed.data.rows);
        } else handlers.current.onNotice(parsed.data.notice);
      });
      // The background restarted (MV3 stops idle workers): connect again and catch up once.
      port.onDisconnect.addListener(() => {
        if (!closed) setTimeout(() => {
          hold();
          loadAll();
        }, 1_000);
      });
    };
    hold();
    loadAll();
    return () => {
      closed = true;
      port?.disconnect();
    };
  }, []);
  const triages = useMemo(() => [...rows.current.values()], [version]);
  return { triages, byKey: rows.current, version, put };
}
