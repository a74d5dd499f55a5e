import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { ConflictError, isError, stringifyError } from '@backstage/errors';
import {
  classifyWithDetails,
  DEFAULT_REFRESH_TIMEOUT_MINUTES,
  type ClassificationDetails,
  type KitDefinition,
} from '@aiml-service-kits/plugin-ml-maturity-common';
import { AssessmentStore } from '../database/AssessmentStore';
import { isDatabaseDriverError } from '../database/unavailable';
import { durationMs, ScheduleDuration } from './duration';
import { CatalogReader } from '../catalog/CatalogReader';

/** The scheduler task id, shared by every instance (scope global). */
export const REFRESH_TASK_ID = 'ml-maturity-refresh';

/** A running refresh proves it is alive at least this often... */
const HEARTBEAT_MS = 10_000;
/** The startup refresh waits this much longer than `initialDelay`, so that the scheduler's own first run (on a new database) starts first. */
const STARTUP_REFRESH_GRACE_MS = 2_000;

/** ...and is considered dead after this long without a heartbeat. */
export const HEARTBEAT_STALE_MS = 60_000;
/** Catalog pages beat no more often than this. */
const PAGE_HEARTBEAT_MS = 1_000;
/**
 * Classification passes per refresh when attestations keep changing while
 * it classifies; each pass reuses the entities already read, and only the
 * last is stored.
 */
const MAX_PASSES = 5;
/** Tries at recording a failed refresh, see recordFailure. */
const FAIL_SNAPSHOT_ATTEMPTS = 3;
const FAIL_SNAPSHOT_RETRY_MS = 200;

/** How often a refresh asked for while one runs is tried again... */
const RERUN_RETRY_MS = 5_000;
/** ...and for how long (beyond the longest a refresh may run by default). */
const RERUN_RETRY_FOR_MS = 15 * 60_000;

const DAY_MS = 24 * 60 * 60 * 1000;

/** How long shutting down waits for a running refresh to end. */
const STOP_WAIT_MS = 15_000;

/**
 * How long a refresh asked for with `POST /refresh` counts as queued while
 * no refresh starts, beyond the end of this instance's `initialDelay` (the
 * scheduler starts no run before it): the scheduler looks for due tasks
 * every few seconds. Later, asking again triggers the task again.
 */
const QUEUED_FOR_MS = 60_000;

/** @internal */
export const DEFAULT_REFRESH_SCHEDULE: SchedulerServiceTaskScheduleDefinition =
  {
    frequency: { minutes: 30 },
    timeout: { minutes: DEFAULT_REFRESH_TIMEOUT_MINUTES },
    initialDelay: { seconds: 15 },
  };

/** A schedule duration as config writes it, e.g. `{"minutes":10}` or `PT30S`. */
function describeDuration(duration: ScheduleDuration): string {
  return typeof duration === 'string' ? duration : JSON.stringify(duration);
}

/**
 * An error for the log and `lastError`; for a catalog answer with an error
 * status, with what the catalog said (the cause), not only the status.
 */
function describeError(error: unknown): string {
  const text = stringifyError(error);
  const cause = isError(error) ? error.cause : undefined;
  if (
    isError(error) &&
    error.name === 'ResponseError' &&
    isError(cause) &&
    cause.message &&
    !text.includes(cause.message)
  ) {
    return `${text}: ${withoutMarkup(cause.message)}`;
  }
  return text;
}

/** Longest stored error message: enough to say what failed. */
const MAX_ERROR_LENGTH = 2000;

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

/**
 * How much of a message is read for its text: an HTML page's head (its
 * styles and scripts) can fill far more than the words that are kept.
 */
const MAX_MARKUP_READ = 20_000;

/**
 * The tag of an HTML page's start, as a proxy's error page has it. Not any
 * tag: a message's `Array<string>` or `<name>` placeholder is no markup.
 */
const HTML_PAGE = /<(?:!doctype\s+html|html|head|body)\b[^<>]{0,500}>/i;

/** A `<` that opens a tag, a comment or a declaration, not a comparison. */
const TAG_START = /<[a-z/!?]/gi;

/** A character reference: a few named ones, and numeric ones. */
const ENTITY = /&(?:(amp|lt|gt|quot|apos|nbsp)|#(\d{1,7})|#x([\da-f]{1,6}));/gi;

function decodeEntity(
  match: string,
  name?: string,
  decimal?: string,
  hex?: string,
): string {
  if (name) return ENTITIES[name.toLowerCase()] ?? match;
  const code = decimal ? Number(decimal) : parseInt(hex ?? '', 16);
  const valid =
    code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
  return valid ? String.fromCodePoint(code) : match;
}

/**
 * The words of an HTML page: one pass from start to end (each tag, comment
 * and script or style element skipped by searching for its end once), so
 * its cost grows with the length only. What an unterminated tag, comment
 * or script leaves at the end is markup, and dropped.
 */
function htmlText(html: string): string {
  const parts: string[] = [];
  let at = 0;
  while (at < html.length) {
    TAG_START.lastIndex = at;
    const open = TAG_START.exec(html)?.index ?? -1;
    if (open < 0) {
      parts.push(html.slice(at));
      break;
    }
    parts.push(html.slice(at, open), ' ');
    let end = -1;
    if (html.startsWith('<!--', open)) {
      const close = html.indexOf('-->', open + 4);
      end = close < 0 ? -1 : close + 3;
    } else {
      const close = html.indexOf('>', open);
      end = close < 0 ? -1 : close + 1;
      const raw = /^<(script|style)\b/i.exec(html.slice(open, open + 8));
      if (raw && end >= 0) {
        const endTag = new RegExp(`</${raw[1]}`, 'gi');
        endTag.lastIndex = end;
        const closing = endTag.exec(html)?.index ?? -1;
        const closed = closing < 0 ? -1 : html.indexOf('>', closing);
        end = closed < 0 ? -1 : closed + 1;
      }
    }
    if (end < 0) break;
    at = end;
  }
  return parts.join('').replace(ENTITY, decodeEntity);
}

/**
 * The text of an answer's body that is an HTML page (a proxy's "502 Bad
 * Gateway" in front of the catalog): its words, not its markup, which
 * every reader of `lastError` would otherwise see. A message that is no
 * page is left as it is (cut to the stored length), `<` and `>` included.
 * Its start only is read, in one pass, so a long body costs little.
 * @internal
 */
export function withoutMarkup(message: string): string {
  const head = message.slice(0, MAX_MARKUP_READ);
  if (!HTML_PAGE.test(head)) return message.slice(0, MAX_ERROR_LENGTH);
  return htmlText(head).replace(/\s+/g, ' ').trim().slice(0, MAX_ERROR_LENGTH);
}

/**
 * An error as the readers of `lastError` may see it. knex starts the
 * message of a failed query with the statement, its values written in
 * (`<statement> - <what the database said>`): for the snapshot write, the
 * assessments of the teams, naming entities that a reader may not be
 * allowed to read. So an error of the plugin database (any error after the
 * catalog was read, or a database driver's error) keeps only what the
 * database said; the log keeps the statement.
 */
function forReaders(error: unknown, afterRead: boolean): unknown {
  if (!isError(error)) return error;
  const fromDatabase = afterRead || isDatabaseDriverError(error);
  const at = error.message.lastIndexOf(' - ');
  if (!fromDatabase || at < 0) return error;
  const safe = new Error(
    `${error.message.slice(
      at + 3,
    )} (a statement of the plugin database failed; the backend log has it)`,
  );
  safe.name = error.name;
  return safe;
}

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
    /** For tests: how often a rerun asked for while a refresh runs, or the refresh after startup, is tried (see retrying). */
    rerunRetryMs?: number;
    /** For tests: how much longer than `initialDelay` the startup refresh waits. */
    startupRefreshGraceMs?: number;
    /** Wait between tries at recording a failed refresh (tests shorten it). */
    failSnapshotRetryMs?: number;
  }): RefreshService {
    return new RefreshService(options);
  }

  /** Aborts a running refresh when the backend shuts down. */
  private readonly shutdown = new AbortController();

  /** Refreshes running in this instance, settled or not. */
  private readonly running = new Set<Promise<void>>();

  /** The series of tries to start a rerun under way, if any (see requestRerun). */
  private rerun?: Promise<void>;

  /** The refresh after startup, from its wait to its last try (see refreshAfterStartup). */
  private startup?: Promise<void>;

  /** When start() ran. */
  private startedAt?: number;

  /**
   * The refresh this instance triggered for `POST /refresh` that no refresh
   * has started since: when it was asked for, and until when it counts as
   * queued (see trigger).
   */
  private queued?: { at: number; until: number };

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
    // The refresh after startup ends its wait at once on the abort; a
    // database read or trigger it has begun is waited for. (A rerun's
    // series of tries ends its wait too, and tries nothing more.)
    const pending = [...this.running, ...(this.startup ? [this.startup] : [])];
    if (pending.length === 0) return;
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
      await Promise.race([Promise.allSettled(pending), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Registers the global task with the scheduler, and makes sure a refresh
   * follows this startup (see scheduleStartupRefresh).
   */
  async start(): Promise<void> {
    const startedAt = Date.now();
    this.startedAt = startedAt;
    await this.options.scheduler.scheduleTask({
      id: REFRESH_TASK_ID,
      ...this.options.schedule,
      // One refresh at a time across instances, whatever the config says.
      scope: 'global',
      fn: async signal => {
        try {
          await this.refresh(signal);
        } catch (error) {
          // Logged and recorded as a failed snapshot by the refresh. Thrown
          // on so that the scheduler counts a failed run, as a plain Error
          // with the readable message (the original, e.g. a ResponseError,
          // the scheduler logged as `{}`).
          throw new Error(this.failureMessage(error, signal));
        }
      },
    });
    this.startup = this.refreshAfterStartup(startedAt);
  }

  /**
   * A global task keeps its next run time across restarts, so after a
   * restart on an existing database the scheduler alone would not refresh
   * until that time (up to `frequency` later), even when the kits config
   * changed. So `initialDelay` (and a moment) after startup, this instance
   * makes sure a refresh that started after it did runs (see
   * startupRefresh). Not with `trigger: manual`. Ends at once on stop().
   */
  private async refreshAfterStartup(startedAt: number): Promise<void> {
    const { frequency, initialDelay } = this.options.schedule;
    if ('trigger' in frequency) return;
    await this.pause(
      (initialDelay ? durationMs(initialDelay) : 0) +
        (this.options.startupRefreshGraceMs ?? STARTUP_REFRESH_GRACE_MS),
    );
    try {
      await this.startupRefresh(startedAt);
    } catch (error) {
      this.options.logger.warn(
        `Could not start the ML maturity refresh after startup; the schedule runs the next one: ${stringifyError(
          error,
        )}`,
      );
    }
  }

  /**
   * Triggers the task, unless a refresh that started after this instance
   * did has succeeded or is running (one that started before may have
   * used the old kits). While the task cannot start (a refresh is running,
   * here or elsewhere), tries again (see retrying), checking again first.
   */
  private async startupRefresh(startedAt: number): Promise<void> {
    const { store, scheduler, logger } = this.options;
    await this.retrying(async lastTry => {
      const { lastSuccess } = await store.getRefreshStatus();
      if (lastSuccess && Date.parse(lastSuccess.startedAt) >= startedAt) {
        return true;
      }
      const running = await store.getRunningSnapshot({
        since: new Date(Date.now() - HEARTBEAT_STALE_MS),
      });
      if (running && Date.parse(running.startedAt) >= startedAt) return true;
      if (this.shutdown.signal.aborted) return true;
      if (!running) {
        try {
          await scheduler.triggerTask(REFRESH_TASK_ID);
          return true;
        } catch (error) {
          // the scheduler holds the task: a refresh is starting or running
          if ((error as Error)?.name !== 'ConflictError') throw error;
        }
      }
      if (lastTry) {
        logger.warn(
          'Gave up starting the ML maturity refresh after startup: a refresh kept running; the schedule runs the next one',
        );
      }
      return false;
    });
  }

  /**
   * Calls `tryOnce` until it returns true (or throws): again every few
   * seconds, for up to {@link RERUN_RETRY_FOR_MS}, telling it when it is
   * the last try. A wait ends at once when the backend shuts down, and
   * then nothing more is tried.
   */
  private async retrying(
    tryOnce: (lastTry: boolean) => Promise<boolean>,
  ): Promise<void> {
    const retryMs = this.options.rerunRetryMs ?? RERUN_RETRY_MS;
    for (
      let triesLeft = Math.ceil(RERUN_RETRY_FOR_MS / retryMs);
      !this.shutdown.signal.aborted;
      triesLeft--
    ) {
      const lastTry = triesLeft <= 0;
      if ((await tryOnce(lastTry)) || lastTry) return;
      await this.pause(retryMs);
    }
  }

  /** Waits `ms`, or less when the backend shuts down. */
  private pause(ms: number): Promise<void> {
    const { signal } = this.shutdown;
    return new Promise(resolve => {
      if (signal.aborted) {
        resolve();
        return;
      }
      let timer: NodeJS.Timeout | undefined = undefined;
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      timer = setTimeout(done, ms);
      timer.unref?.();
      signal.addEventListener('abort', done);
    });
  }

  /** Whether a refresh is running anywhere (its heartbeat is recent). */
  async isRunning(): Promise<boolean> {
    const running = await this.options.store.getRunningSnapshot({
      since: new Date(Date.now() - HEARTBEAT_STALE_MS),
    });
    return running !== undefined;
  }

  /**
   * `POST /refresh`: runs the task now; ConflictError when one is running,
   * or when one asked for before has not started yet. The scheduler's
   * trigger only marks the task due, and succeeds again until a worker
   * takes it, which none does before `initialDelay` has passed.
   */
  async trigger(): Promise<void> {
    if (await this.isRunning()) {
      throw new ConflictError('An ML maturity refresh is already running');
    }
    await this.forgetTakenTrigger();
    // No await between this check and the mark: of two calls at once, one
    // triggers.
    if (this.queued) {
      throw new ConflictError(
        `An ML maturity refresh was already asked for at ${new Date(
          this.queued.at,
        ).toISOString()} and has not started yet; the scheduler starts it within seconds once mlMaturity.schedule.initialDelay after startup has passed`,
      );
    }
    const now = Date.now();
    const { initialDelay } = this.options.schedule;
    const queued = {
      at: now,
      until:
        Math.max(
          now,
          (this.startedAt ?? now) +
            (initialDelay ? durationMs(initialDelay) : 0),
        ) + QUEUED_FOR_MS,
    };
    this.queued = queued;
    try {
      await this.options.scheduler.triggerTask(REFRESH_TASK_ID);
    } catch (error) {
      if (this.queued === queued) this.queued = undefined;
      if ((error as Error)?.name !== 'ConflictError') throw error;
      // The scheduler holds the task: a refresh is starting, or a backend
      // died during one and the lock lasts until the timeout passes.
      throw new ConflictError(
        `An ML maturity refresh is running, or a backend stopped during one and the scheduler keeps its lock until mlMaturity.schedule.timeout (${describeDuration(
          this.options.schedule.timeout,
        )}) has passed`,
      );
    }
  }

  /**
   * Forgets the refresh asked for when a refresh started since (here, the
   * refresh forgets it when it starts; elsewhere, it is a snapshot started
   * since), or when it has counted as queued long enough.
   */
  private async forgetTakenTrigger(): Promise<void> {
    const queued = this.queued;
    if (!queued) return;
    let taken = Date.now() > queued.until;
    if (!taken) {
      const { lastSuccess, lastFailure } =
        await this.options.store.getRefreshStatus();
      taken = [lastSuccess, lastFailure].some(
        snapshot => snapshot && Date.parse(snapshot.startedAt) >= queued.at,
      );
    }
    if (taken && this.queued === queued) this.queued = undefined;
  }

  /**
   * After an attestation change: run the task now. When a refresh is
   * running (here or in another instance), it may already have classified
   * without the change, so the task is tried again until it can start
   * (see requestRerun). Never throws: the attestation is stored, and the
   * next refresh, asked for or scheduled, applies it.
   */
  async onAttestationsChanged(): Promise<void> {
    await this.requestRerun();
  }

  /**
   * Triggers the task; while it cannot start (a refresh is running), tries
   * again (see retrying). One series of tries at a time, from the first
   * call until a trigger succeeds or the series gives up: a rerun asked for
   * meanwhile is the same rerun. Returns after the first try.
   */
  private async requestRerun(): Promise<void> {
    if (this.rerun || this.shutdown.signal.aborted) return;
    const { scheduler, logger } = this.options;
    let warned = false;
    let firstTried!: () => void;
    const firstTry = new Promise<void>(resolve => {
      firstTried = resolve;
    });
    this.rerun = this.retrying(async lastTry => {
      try {
        await scheduler.triggerTask(REFRESH_TASK_ID);
        return true;
      } catch (error) {
        if (this.shutdown.signal.aborted) return true;
        if (lastTry) {
          logger.warn(
            `Gave up starting an ML maturity refresh for an attestation change; the next scheduled refresh applies it: ${stringifyError(
              error,
            )}`,
          );
        } else if ((error as Error)?.name !== 'ConflictError' && !warned) {
          warned = true;
          logger.warn(
            `Could not start an ML maturity refresh for an attestation change, trying again: ${stringifyError(
              error,
            )}`,
          );
        }
        return false;
      } finally {
        firstTried();
      }
    }).finally(() => {
      this.rerun = undefined;
    });
    await firstTry;
  }

  /** One refresh; the scheduled task's body. */
  async refresh(signal?: AbortSignal): Promise<void> {
    // this run is the one asked for: the scheduler's trigger is used up
    this.queued = undefined;
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

    // The attestations the stored classification saw.
    let version: number;
    // Once the catalog is read, what fails is the database (or the pure
    // classifier): see forReaders.
    let afterRead = false;
    try {
      const entities = await reader.readAll({
        signal: signal
          ? AbortSignal.any([signal, this.shutdown.signal])
          : this.shutdown.signal,
        // one write per second at most, not one per page
        onPage: () =>
          Date.now() - lastBeat >= PAGE_HEARTBEAT_MS ? beat() : undefined,
      });
      afterRead = true;
      const readMs = Date.now() - started;
      // Classified again while the attestations change under it, then
      // stored once: a snapshot's rows never change after it succeeded
      // (readers cache them by snapshot id).
      version = await store.getAttestationsVersion();
      let classified = await this.classify(entities);
      for (let pass = 2; pass <= MAX_PASSES; pass++) {
        const current = await store.getAttestationsVersion();
        if (current === version) break;
        version = current;
        classified = await this.classify(entities);
      }
      const stored = await this.storeResults({
        snapshotId,
        entities,
        classified,
      });
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
      const message = this.failureMessage(error, signal);
      logger.error('ML maturity refresh failed', {
        snapshotId,
        error: message,
      });
      await this.recordFailure({
        snapshotId,
        finishedAt: new Date(),
        // every reader sees it as lastError: not the backend's internal
        // addresses, nor a failed statement's values (the log above keeps
        // them)
        error: withoutAddresses(
          this.failureMessage(forReaders(error, afterRead), signal),
        ),
      });
      throw error;
    } finally {
      clearInterval(timer);
    }
    // An attestation recorded after the last classification began: the
    // trigger it made found this refresh running, so run once more.
    try {
      if ((await store.getAttestationsVersion()) !== version) {
        await this.requestRerun();
      }
    } catch (error) {
      logger.warn(
        `Could not check for attestations recorded during the refresh: ${stringifyError(
          error,
        )}`,
      );
    }
  }

  /**
   * Marks the snapshot failed, trying again a few times: when the database
   * cut the refresh's connection (a restart, a failover), the pool may hand
   * out another connection that died with it before it has noticed. Left
   * running, the snapshot would answer POST /refresh with 409 and keep its
   * error from readers until its heartbeat went stale.
   */
  private async recordFailure(
    failure: Parameters<AssessmentStore['failSnapshot']>[0],
  ): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.options.store.failSnapshot(failure);
        return;
      } catch (error) {
        if (attempt >= FAIL_SNAPSHOT_ATTEMPTS) {
          this.options.logger.warn(
            `Could not record refresh ${
              failure.snapshotId
            } as failed: ${stringifyError(
              error,
            )}; it counts as abandoned once its heartbeat is ${
              HEARTBEAT_STALE_MS / 1000
            } s old`,
          );
          return;
        }
        await new Promise(resolve =>
          setTimeout(
            resolve,
            this.options.failSnapshotRetryMs ?? FAIL_SNAPSHOT_RETRY_MS,
          ),
        );
      }
    }
  }

  /** What the log and `lastError` say about a failed refresh. */
  private failureMessage(error: unknown, signal?: AbortSignal): string {
    return signal?.aborted && !this.shutdown.signal.aborted
      ? `The refresh was stopped before it finished: it ran longer than mlMaturity.schedule.timeout (${describeDuration(
          this.options.schedule.timeout,
        )}), or the scheduler stopped it (${describeError(error)})`
      : describeError(error);
  }

  private async classify(entities: Entity[]): Promise<Classified> {
    const { store, kits, assetTypeAliases } = this.options;
    const attestations = await store.listUnrevokedAttestations();
    const now = Date.now();
    const details = classifyWithDetails({
      entities,
      kits,
      assetTypeAliases,
      attestations,
      now: new Date(now),
    });
    return { details, now, classifyMs: Date.now() - now };
  }

  private async storeResults(options: {
    snapshotId: number;
    entities: Entity[];
    classified: Classified;
  }): Promise<{ teams: number; classifyMs: number; storeMs: number }> {
    const { store, retentionDays } = this.options;
    const { details, now, classifyMs } = options.classified;
    const { assessment, assets, implicitTeamReferrers, shortenedReasonRefs } =
      details;
    const started = Date.now();
    await store.completeSnapshot({
      snapshotId: options.snapshotId,
      finishedAt: new Date(),
      entityCount: options.entities.length,
      payload: {
        generatedAt: assessment.generatedAt,
        unattributedAssets: assessment.unattributedAssets,
        findings: assessment.findings,
      },
      teams: assessment.teams.map(team => {
        const shortened = shortenedReasonRefs[team.entityRef];
        return {
          assessment: team,
          referencedBy: team.implicit
            ? implicitTeamReferrers[team.entityRef] ?? []
            : [],
          ...(shortened && { shortenedReasonRefs: shortened }),
        };
      }),
      assets,
      day: utcDay(now),
      purgeHistoryBefore: utcDay(now - retentionDays * DAY_MS),
    });
    return {
      teams: assessment.teams.length,
      classifyMs,
      storeMs: Date.now() - started,
    };
  }
}

/** One classification of a refresh, and when it was made. */
interface Classified {
  details: ClassificationDetails;
  now: number;
  classifyMs: number;
}

/**
 * An error message without the addresses in it (URLs, IPv4 addresses,
 * bracketed IPv6 addresses, and the host or address a DNS or connection
 * error names), for readers who should not learn the backend's network.
 * Cut first, and with bounded patterns, so a long message costs little.
 * @internal
 */
export function withoutAddresses(message: string): string {
  const HIDDEN = '(address hidden)';
  return message
    .slice(0, MAX_ERROR_LENGTH)
    .replace(/\b[a-z][a-z0-9+.-]{0,20}:\/\/[^\s'"<>]+/gi, HIDDEN)
    .replace(/\[[0-9a-f:.]{2,45}\](?::\d{1,5})?/gi, HIDDEN)
    .replace(/\b(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?\b/g, HIDDEN)
    .replace(/\b(ENOTFOUND|EAI_AGAIN) +[\w.-]{1,253}/g, `$1 ${HIDDEN}`)
    .replace(
      /\b(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH) +[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?::\d{1,5})?(?![\w:])/gi,
      `$1 ${HIDDEN}`,
    );
}
