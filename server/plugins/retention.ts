import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import fp from 'fastify-plugin';
import { applyRetention } from '../services/backup';
import { getOrg } from '../services/org';

/** Calls `run` now and then every `everyMs`; returns what stops it. Tests pass one they drive by hand. */
export type Scheduler = (run: () => void, everyMs: number) => () => void;

export interface RetentionScheduleOptions {
  /** Where each run writes its retention archive (made if missing): the auditor's copy of what went. */
  archiveDir: string;
  /** Default 24 h. */
  intervalMs?: number;
  scheduler?: Scheduler;
}

export interface RetentionRun {
  file: string;
  counts: Record<string, number>;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Applies the organisation's retention setting now (as the schedule does); null when it removed nothing. */
    applyRetentionNow: () => Promise<RetentionRun | null>;
  }
}

const DAY_MS = 86_400_000;

/** Timers that do not keep the process alive: the server's sockets do. */
const realTimers: Scheduler = (run, everyMs) => {
  const first = setTimeout(run, 0);
  const every = setInterval(run, everyMs);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
};

/**
 * The retention setting takes effect by itself (MeitY framework: data retention and archiving): on start
 * and every day, when the organisation has set `retention.removeAfterDays`, items unchanged that long are
 * written to a new archive in `archiveDir` and only then removed (services/backup.ts applyRetention:
 * one transaction; the trail of what is kept is never touched). Runs never overlap, and closing the
 * server waits for one in progress, so the database is never closed under it.
 */
export default fp<RetentionScheduleOptions>(
  async (app, options) => {
    let running: Promise<RetentionRun | null> | null = null;

    const applyNow = async (): Promise<RetentionRun | null> => {
      const { org } = await getOrg(app.db);
      if (!org.retention) return null;
      const now = app.clock();
      await mkdir(options.archiveDir, { recursive: true, mode: 0o700 });
      const file = join(options.archiveDir, `samvad-retention-${now.toISOString().replace(/[:.]/g, '-')}.jsonl`);
      const counts = await applyRetention(app.db, file, org.retention.removeAfterDays, now);
      if (!counts) return null;
      app.log.info({ file, counts }, 'retention: archived and removed items unchanged for %d days', org.retention.removeAfterDays);
      return { file, counts };
    };

    app.decorate('applyRetentionNow', () => {
      running ??= applyNow().finally(() => {
        running = null;
      });
      return running;
    });

    let stop: (() => void) | null = null;
    app.addHook('onReady', async () => {
      stop = (options.scheduler ?? realTimers)(() => {
        app.applyRetentionNow().catch((error: unknown) => app.log.error({ err: error }, 'retention: the scheduled run failed; the items stay'));
      }, options.intervalMs ?? DAY_MS);
    });
    app.addHook('preClose', async () => {
      stop?.();
      await running?.catch(() => undefined);
    });
  },
  { name: 'samvad-retention', dependencies: ['samvad-db', 'samvad-clock'] },
);
