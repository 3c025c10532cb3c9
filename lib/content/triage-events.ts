import type { Triage } from '../contract/triage';

type Listener = (rows: Triage[]) => void;

const listeners = new Set<Listener>();

/**
 * The page's rows as the background announces them (`triageChanged` has one listener per script, in
 * triage-ui): other content features that follow items (proof of posting) subscribe here.
 */
export const pageTriageEvents = {
  emit(rows: Triage[]): void {
    for (const listener of listeners) listener(rows);
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
