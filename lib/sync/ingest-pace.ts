/**
 * The pace at which comments seen while scrolling reach the team server (DESIGN.md: recorded in batches;
 * a moderator scrolling 1,000 comments sends a handful of pushes, not 1,000). The page hands what it saw to
 * the background once per `flushMs`; the background pushes `quietMs` after the last batch, at most
 * `maxWaitMs` after the first of a spell, each push carrying up to the engine's batch size. A moderator's
 * own action syncs at once and takes whatever waits along. Measured by `npm run bench` (test/bench/ingest.ts).
 */
export const INGEST_PACE = { flushMs: 1_000, quietMs: 2_000, maxWaitMs: 10_000 } as const;
