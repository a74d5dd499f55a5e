import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { ConflictError, stringifyError } from '@backstage/errors';
import {
  classifyWithDetails,
  type KitDefinition,
} from '@aiml-service-kits/plugin-ml-maturity-common';
import { AssessmentStore } from '../database/AssessmentStore';
import { CatalogReader } from '../catalog/CatalogReader';

/** The scheduler task id, shared by every instance (scope global). */
export const REFRESH_TASK_ID = 'ml-maturity-refresh';

/** A running refresh proves it is alive at least this often... */
const HEARTBEAT_MS = 10_000;
/** ...and is considered dead after this long without a heartbeat. */
export const HEARTBEAT_STALE_MS = 60_000;
/** Catalog pages beat no more often than this. */
const PAGE_HEARTBEAT_MS = 1_000;
/**
 * Classification passes per refresh when attestations keep changing while
 * it runs; each pass reuses the entities already read.
 */
const MAX_PASSES = 5;

const DAY_MS = 24 * 60 * 60 * 1000;

/** How long shutting down waits for a running refresh to end. */
const STOP_WAIT_MS = 15_000;

/** @internal */
export const DEFAULT_REFRESH_SCHEDULE: SchedulerServiceTaskScheduleDefinition =
  {
    frequency: { minutes: 30 },
    timeout: { minutes: 10 },
    initialDelay: { seconds: 15 },
  };

function utcDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/**
 * The scheduled refresh: catalog → classifier → one transaction in the
 * store. A failure records a failed snapshot and keeps the previous results.
 *
 * @internal
 */
export class RefreshService {
  static create(options: {
    logger: LoggerService;
    scheduler: SchedulerService;
    store: AssessmentStore;
    reader: CatalogReader;
    kits: ReadonlyArray<KitDefinition>;
    assetTypeAliases: Record<string, string>;
    retentionDays: number;
    schedule: SchedulerServiceTaskScheduleDefinition;
  }): RefreshService {
    return new RefreshService(options);
  }

  /** Aborts a running refresh when the backend shuts down. */
  private readonly shutdown = new AbortController();

  /** Refreshes running in this instance, settled or not. */
  private readonly running = new Set<Promise<void>>();

  private constructor(
    private readonly options: Parameters<typeof RefreshService.create>[0],
  ) {}

  /**
   * For the backend's shutdown: aborts a refresh in progress (at its next
   * catalog page; it then records a failed snapshot) and waits for it to
   * end, at most {@link STOP_WAIT_MS}, so that it does not outlive the
   * database connections it writes to. Refreshes asked for afterwards do
   * nothing.
   */
  async stop(): Promise<void> {
    this.shutdown.abort(new Error('Backend is shutting down'));
    if (this.running.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>(resolve => {
      timer = setTimeout(() => {
        this.options.logger.warn(
          `ML maturity refresh still running ${STOP_WAIT_MS} ms after shutdown began; not waiting longer`,
        );
        resolve();
      }, STOP_WAIT_MS);
    });
    try {
      await Promise.race([Promise.allSettled([...this.running]), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Registers the global task with the scheduler. */
  async start(): Promise<void> {
    await this.options.scheduler.scheduleTask({
      id: REFRESH_TASK_ID,
      ...this.options.schedule,
      // One refresh at a time across instances, whatever the config says.
      scope: 'global',
      fn: async signal => {
        await this.refresh(signal);
      },
    });
  }

  /** Whether a refresh is running anywhere (its heartbeat is recent). */
  async isRunning(): Promise<boolean> {
    const running = await this.options.store.getRunningSnapshot({
      since: new Date(Date.now() - HEARTBEAT_STALE_MS),
    });
    return running !== undefined;
  }

  /** `POST /refresh`: runs the task now; ConflictError when one is running. */
  async trigger(): Promise<void> {
    if (await this.isRunning()) {
      throw new ConflictError('An ML maturity refresh is already running');
    }
    await this.options.scheduler.triggerTask(REFRESH_TASK_ID);
  }

  /**
   * After an attestation change: run the task now, or, when one is running,
   * let it see the change (it re-classifies when the attestations changed
   * during its run).
   */
  async onAttestationsChanged(): Promise<void> {
    try {
      await this.options.scheduler.triggerTask(REFRESH_TASK_ID);
    } catch (error) {
      if ((error as Error)?.name !== 'ConflictError') throw error;
    }
  }

  /** One refresh; the scheduled task's body. */
  async refresh(signal?: AbortSignal): Promise<void> {
    if (this.shutdown.signal.aborted) {
      this.options.logger.debug(
        'ML maturity refresh skipped: the backend is shutting down',
      );
      return;
    }
    const run = this.run(signal);
    this.running.add(run);
    try {
      await run;
    } finally {
      this.running.delete(run);
    }
  }

  private async run(signal?: AbortSignal): Promise<void> {
    const { store, logger, reader } = this.options;
    const started = Date.now();
    const snapshotId = await store.startSnapshot({
      startedAt: new Date(started),
      abandonedBefore: new Date(started - HEARTBEAT_STALE_MS),
    });
    let lastBeat = started;
    const beat = () => {
      lastBeat = Date.now();
      return store.heartbeat({ snapshotId, at: new Date(lastBeat) });
    };
    const timer = setInterval(
      () => beat().catch(e => logger.warn(`Heartbeat failed: ${e}`)),
      HEARTBEAT_MS,
    );
    timer.unref?.();

    try {
      const entities = await reader.readAll({
        signal: signal
          ? AbortSignal.any([signal, this.shutdown.signal])
          : this.shutdown.signal,
        // one write per second at most, not one per page
        onPage: () =>
          Date.now() - lastBeat >= PAGE_HEARTBEAT_MS ? beat() : undefined,
      });
      const readMs = Date.now() - started;
      let stored = { teams: 0, classifyMs: 0, storeMs: 0 };
      for (let pass = 1; pass <= MAX_PASSES; pass++) {
        const version = await store.getAttestationsVersion();
        stored = await this.classifyAndStore({ snapshotId, entities });
        if ((await store.getAttestationsVersion()) === version) break;
      }
      logger.info('Refreshed ML maturity', {
        teams: stored.teams,
        entities: entities.length,
        ms: Date.now() - started,
        // the phases of the last pass, for tuning
        readMs,
        classifyMs: stored.classifyMs,
        storeMs: stored.storeMs,
      });
    } catch (error) {
      const message = stringifyError(error);
      logger.error(`ML maturity refresh failed: ${message}`);
      await store.failSnapshot({
        snapshotId,
        finishedAt: new Date(),
        error: message,
      });
      throw error;
    } finally {
      clearInterval(timer);
    }
  }

  private async classifyAndStore(options: {
    snapshotId: number;
    entities: Entity[];
  }): Promise<{ teams: number; classifyMs: number; storeMs: number }> {
    const { store, kits, assetTypeAliases, retentionDays } = this.options;
    const attestations = await store.listUnrevokedAttestations();
    const now = Date.now();
    const { assessment, assets, implicitTeamReferrers } = classifyWithDetails({
      entities: options.entities,
      kits,
      assetTypeAliases,
      attestations,
      now: new Date(now),
    });
    const classified = Date.now();
    await store.completeSnapshot({
      snapshotId: options.snapshotId,
      finishedAt: new Date(),
      entityCount: options.entities.length,
      payload: {
        generatedAt: assessment.generatedAt,
        unattributedAssets: assessment.unattributedAssets,
        findings: assessment.findings,
      },
      teams: assessment.teams.map(team => ({
        assessment: team,
        referencedBy: team.implicit
          ? implicitTeamReferrers[team.entityRef] ?? []
          : [],
      })),
      assets,
      day: utcDay(now),
      purgeHistoryBefore: utcDay(now - retentionDays * DAY_MS),
    });
    return {
      teams: assessment.teams.length,
      classifyMs: classified - now,
      storeMs: Date.now() - classified,
    };
  }
}
