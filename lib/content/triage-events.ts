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

type AnswerListener = (elements: Element[]) => void;

const answerListeners = new Set<AnswerListener>();

/**
 * The body's own posts and replies as triage-ui finds them (it classifies every comment it reads): proof of
 * posting reads these instead of watching the page and classifying every comment a second time.
 */
export const pageAnswers = {
  emit(elements: Element[]): void {
    for (const listener of answerListeners) listener(elements);
  },
  subscribe(listener: AnswerListener): () => void {
    answerListeners.add(listener);
    return () => answerListeners.delete(listener);
  },
};
