import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { ConflictError, ResponseError } from '@backstage/errors';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DEFAULT_KITS } from '@aiml-service-kits/plugin-ml-maturity-common';
import { CatalogReader } from '../catalog/CatalogReader';
import { DatabaseAssessmentStore } from '../database/DatabaseAssessmentStore';
import {
  RefreshService,
  REFRESH_TASK_ID,
  withoutAddresses,
  withoutMarkup,
} from './RefreshService';

/** Retries `check` until it passes (at most about 2 s). */
async function waitFor(check: () => void): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      check();
      return;
    } catch (error) {
      if (i >= 200) throw error;
      await new Promise(resolve => setTimeout(resolve, 10));
    }
  }
}

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'vision', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'images', namespace: 'default' },
    spec: { type: 'dataset', owner: 'vision' },
  },
];

describe('RefreshService', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function setup(
    stream: () => AsyncIterable<Entity[]>,
    schedule: SchedulerServiceTaskScheduleDefinition = {
      frequency: { minutes: 30 },
      timeout: { minutes: 10 },
    },
  ) {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseAssessmentStore.create({
      database: mockServices.database({ knex }),
    });
    const scheduler = mockServices.scheduler.mock();
    const catalog = catalogServiceMock.mock({
      streamEntities: jest.fn(stream),
    });
    const logger = mockServices.logger.mock();
    const refresh = RefreshService.create({
      logger,
      scheduler,
      store,
      reader: CatalogReader.create({
        catalog,
        auth: mockServices.auth(),
        kits: DEFAULT_KITS,
      }),
      kits: DEFAULT_KITS,
      assetTypeAliases: {},
      retentionDays: 400,
      schedule,
      rerunRetryMs: 5,
      startupRefreshGraceMs: 5,
      failSnapshotRetryMs: 5,
    });
    return { store, scheduler, refresh, logger, knex };
  }

  const attestation = {
    id: '8b0e3c4c-5f0e-4f7a-9a55-0d6f7a3c1e11',
    teamRef: 'group:default/vision',
    itemId: 'starter.process.use-cases',
    url: 'https://wiki.example.com/use-cases',
    by: 'user:default/alice',
    at: new Date().toISOString(),
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
  };

  const attestedItem = async (ctx: { store: DatabaseAssessmentStore }) =>
    (await ctx.store.getTeam('group:default/vision'))?.assessment.items.find(
      i => i.id === attestation.itemId,
    );

  it('classifies again when attestations change while it classifies, and stores once', async () => {
    const ctx = await setup(async function* pages() {
      yield entities;
    });
    // an attestation recorded right after the first pass read them
    const list = ctx.store.listUnrevokedAttestations.bind(ctx.store);
    let calls = 0;
    jest
      .spyOn(ctx.store, 'listUnrevokedAttestations')
      .mockImplementation(async () => {
        const listed = await list();
        if (++calls === 1) await ctx.store.createAttestation(attestation);
        return listed;
      });
    jest.spyOn(ctx.store, 'completeSnapshot');

    await ctx.refresh.refresh();

    expect(calls).toBe(2);
    // one write per snapshot: readers cache a snapshot's rows by its id
    expect(ctx.store.completeSnapshot).toHaveBeenCalledTimes(1);
    expect(await attestedItem(ctx)).toMatchObject({
      status: 'attested',
      evidence: [attestation.url],
    });
    expect((await ctx.store.listSnapshots()).map(s => s.status)).toEqual([
      'succeeded',
    ]);
    expect(ctx.scheduler.triggerTask).not.toHaveBeenCalled();
  });

  it('runs again for an attestation recorded while it stores', async () => {
    const ctx = await setup(async function* pages() {
      yield entities;
    });
    const complete = ctx.store.completeSnapshot.bind(ctx.store);
    jest.spyOn(ctx.store, 'completeSnapshot').mockImplementation(async r => {
      await complete(r);
      await ctx.store.createAttestation(attestation);
    });
    // as the real scheduler does, a trigger from inside the running task
    // conflicts; the next try, after the task ended, starts it
    ctx.scheduler.triggerTask.mockRejectedValueOnce(
      new ConflictError('running'),
    );
    await ctx.refresh.refresh();

    expect(ctx.store.completeSnapshot).toHaveBeenCalledTimes(1);
    expect(await attestedItem(ctx)).toMatchObject({ status: 'unmet' });
    // the attestation's own trigger is not called here: the refresh asks
    await waitFor(() =>
      expect(ctx.scheduler.triggerTask).toHaveBeenCalledTimes(2),
    );
    expect(ctx.scheduler.triggerTask).toHaveBeenCalledWith(REFRESH_TASK_ID);
    await ctx.refresh.stop();
  });

  it('keeps trying to start a rerun while a refresh runs elsewhere, then stops', async () => {
    const ctx = await setup(async function* pages() {
      yield entities;
    });
    const conflict = new ConflictError('running');
    ctx.scheduler.triggerTask
      .mockRejectedValueOnce(conflict)
      .mockRejectedValueOnce(conflict)
      .mockRejectedValueOnce(new Error('database connection lost'));
    // never throws: the attestation is stored either way
    await expect(ctx.refresh.onAttestationsChanged()).resolves.toBeUndefined();
    // a second change while one rerun is pending is the same rerun
    await ctx.refresh.onAttestationsChanged();
    await waitFor(() =>
      expect(ctx.scheduler.triggerTask).toHaveBeenCalledTimes(4),
    );
    expect(ctx.logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('database connection lost'),
    );
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(ctx.scheduler.triggerTask).toHaveBeenCalledTimes(4);
    await ctx.refresh.stop();
  });

  it('starts one rerun for changes that come together', async () => {
    const ctx = await setup(async function* pages() {
      yield entities;
    });
    const conflict = new ConflictError('running');
    let running = false;
    let started = 0;
    ctx.scheduler.triggerTask.mockImplementation(async () => {
      await new Promise(resolve => setTimeout(resolve, 2));
      if (running) throw conflict;
      running = true;
      started++;
      setTimeout(() => {
        running = false;
      }, 40);
    });
    await Promise.all([
      ctx.refresh.onAttestationsChanged(),
      ctx.refresh.onAttestationsChanged(),
    ]);
    await new Promise(resolve => setTimeout(resolve, 120));
    expect(started).toBe(1);
    await ctx.refresh.stop();
  });

  it('keeps with each stored team the full lists of its shortened reasons', async () => {
    const names = ['e', 'd', 'c', 'b', 'a'];
    const ctx = await setup(async function* pages() {
      yield [
        {
          ...entities[0],
          spec: { type: 'team', children: [], members: names },
        },
        ...names.map(name => ({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'User',
          metadata: {
            name,
            namespace: 'default',
            annotations: { 'ml-maturity.io/role': 'data-scientist' },
          },
          spec: {},
        })),
      ];
    });
    await ctx.refresh.refresh();
    const team = await ctx.store.getTeam('group:default/vision');
    const full = [...names].sort().map(n => `user:default/${n}`);
    expect(team?.assessment.challenges.professionalSkills.reason).toContain(
      'and 2 more',
    );
    expect(team?.shortenedReasonRefs).toEqual({ professionalSkills: [full] });
  });

  it('stores the entities naming each implicit team as owner', async () => {
    const ownedBy = (name: string, owner: string): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name, namespace: 'default' },
      spec: { type: 'dataset', owner },
      relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
    });
    const ctx = await setup(async function* pages() {
      yield [...entities, ownedBy('b', 'ghosts'), ownedBy('a', 'ghosts')];
    });
    await ctx.refresh.refresh();

    expect(await ctx.store.getTeam('group:default/ghosts')).toMatchObject({
      assessment: { implicit: true },
      referencedBy: ['resource:default/a', 'resource:default/b'],
    });
    expect(await ctx.store.getTeam('group:default/vision')).toMatchObject({
      assessment: { implicit: false },
      referencedBy: [],
    });
  });

  it('records a failed snapshot when aborted, keeping the previous results', async () => {
    const controller = new AbortController();
    let run = 0;
    const ctx = await setup(async function* pages() {
      run++;
      yield entities;
      if (run === 2) controller.abort(new Error('timed out'));
      yield [];
    });
    await ctx.refresh.refresh();
    await expect(ctx.refresh.refresh(controller.signal)).rejects.toThrow(
      'timed out',
    );

    const status = await ctx.store.getRefreshStatus();
    expect(status.lastSuccess?.teamCount).toBe(1);
    expect(status.lastFailure?.error).toMatch(/timed out/);
    // says what most likely stopped it, naming the setting
    expect(status.lastFailure?.error).toMatch(
      /^The refresh was stopped before it finished: it ran longer than mlMaturity\.schedule\.timeout \(\{"minutes":10\}\), or the scheduler stopped it \(Error: timed out\)$/,
    );
    expect(await ctx.store.getTeam('group:default/vision')).toBeDefined();
  });

  /** A service whose first refresh succeeds and second fails: 'catalog down'. */
  async function setupFailingSecondRefresh() {
    let run = 0;
    const ctx = await setup(async function* pages() {
      run++;
      if (run === 2) throw new Error('catalog down');
      yield entities;
    });
    await ctx.refresh.refresh();
    return ctx;
  }

  it('records a failed refresh even when the first tries at it fail (a connection that died with the refresh)', async () => {
    const ctx = await setupFailingSecondRefresh();
    const failSnapshot = ctx.store.failSnapshot.bind(ctx.store);
    const spy = jest
      .spyOn(ctx.store, 'failSnapshot')
      .mockRejectedValueOnce(new Error('Connection terminated unexpectedly'))
      .mockRejectedValueOnce(new Error('Connection terminated unexpectedly'))
      .mockImplementation(failSnapshot);

    await expect(ctx.refresh.refresh()).rejects.toThrow('catalog down');

    expect(spy).toHaveBeenCalledTimes(3);
    const snapshots = await ctx.store.listSnapshots();
    expect(snapshots.map(s => s.status)).toEqual(['succeeded', 'failed']);
    expect((await ctx.store.getRefreshStatus()).lastFailure?.error).toMatch(
      /catalog down/,
    );
    // not blocked by a snapshot left running
    expect(await ctx.refresh.isRunning()).toBe(false);
  });

  it('gives up recording a failed refresh after three tries, saying so, and still fails the run', async () => {
    const ctx = await setupFailingSecondRefresh();
    jest
      .spyOn(ctx.store, 'failSnapshot')
      .mockRejectedValue(new Error('Connection terminated unexpectedly'));

    await expect(ctx.refresh.refresh()).rejects.toThrow('catalog down');

    expect(ctx.store.failSnapshot).toHaveBeenCalledTimes(3);
    expect(ctx.logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Could not record refresh \d+ as failed: Error: Connection terminated unexpectedly; it counts as abandoned once its heartbeat is 60 s old$/,
      ),
    );
  });

  it('refreshes once after startup when the schedule would not before its next run', async () => {
    const schedule = {
      frequency: { minutes: 30 },
      timeout: { minutes: 10 },
      initialDelay: { milliseconds: 1 },
    };
    // a database with results from before this start
    const ctx = await setup(async function* pages() {
      yield entities;
    }, schedule);
    await ctx.refresh.refresh();
    await new Promise(resolve => setTimeout(resolve, 5));
    await ctx.refresh.start();
    expect(ctx.scheduler.scheduleTask).toHaveBeenCalledTimes(1);
    await waitFor(() =>
      expect(ctx.scheduler.triggerTask).toHaveBeenCalledWith(REFRESH_TASK_ID),
    );
    await ctx.refresh.stop();

    // not when a refresh succeeded since this instance started
    const fresh = await setup(async function* pages() {
      yield entities;
    }, schedule);
    await fresh.refresh.start();
    await fresh.refresh.refresh();
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(fresh.scheduler.triggerTask).not.toHaveBeenCalled();

    // nor with a manual trigger, which refreshes only when asked
    const manual = await setup(
      async function* pages() {
        yield entities;
      },
      { ...schedule, frequency: { trigger: 'manual' } },
    );
    await manual.refresh.start();
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(manual.scheduler.triggerTask).not.toHaveBeenCalled();
  });

  const startupSchedule = {
    frequency: { minutes: 30 },
    timeout: { minutes: 10 },
    initialDelay: { milliseconds: 1 },
  };

  it('refreshes after startup when the refresh that finished since started before', async () => {
    // started before this instance (with the kits it had then), finished after
    let release: () => void = () => {};
    const held = new Promise<void>(resolve => {
      release = resolve;
    });
    let reading: () => void = () => {};
    const started = new Promise<void>(resolve => {
      reading = resolve;
    });
    let run = 0;
    const ctx = await setup(async function* pages() {
      if (++run === 1) {
        reading();
        await held;
      }
      yield entities;
    }, startupSchedule);
    const before = ctx.refresh.refresh();
    await started;
    await new Promise(resolve => setTimeout(resolve, 5));
    await ctx.refresh.start();
    release();
    await before;
    const { lastSuccess } = await ctx.store.getRefreshStatus();
    expect(Date.parse(lastSuccess!.finishedAt!)).toBeGreaterThan(
      Date.parse(lastSuccess!.startedAt),
    );
    await waitFor(() =>
      expect(ctx.scheduler.triggerTask).toHaveBeenCalledWith(REFRESH_TASK_ID),
    );
    expect(ctx.scheduler.triggerTask).toHaveBeenCalledTimes(1);
    await ctx.refresh.stop();
  });

  it('tries the refresh after startup again while one is running, until one started since startup', async () => {
    const ctx = await setup(async function* pages() {
      yield entities;
    }, startupSchedule);
    // a database with results from before this start
    await ctx.refresh.refresh();
    await new Promise(resolve => setTimeout(resolve, 5));
    const conflict = new ConflictError('running');
    ctx.scheduler.triggerTask
      .mockRejectedValueOnce(conflict)
      .mockRejectedValueOnce(conflict);
    await ctx.refresh.start();
    await waitFor(() =>
      expect(ctx.scheduler.triggerTask).toHaveBeenCalledTimes(3),
    );
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(ctx.scheduler.triggerTask).toHaveBeenCalledTimes(3);
    await ctx.refresh.stop();

    // not once a refresh that started after startup has succeeded
    const other = await setup(async function* pages() {
      yield entities;
    }, startupSchedule);
    await other.refresh.refresh();
    await new Promise(resolve => setTimeout(resolve, 5));
    other.scheduler.triggerTask.mockImplementationOnce(async () => {
      // the scheduler's own run holds the task, and succeeds
      await other.refresh.refresh();
      throw conflict;
    });
    await other.refresh.start();
    await waitFor(() =>
      expect(other.scheduler.triggerTask).toHaveBeenCalledTimes(1),
    );
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(other.scheduler.triggerTask).toHaveBeenCalledTimes(1);
    await other.refresh.stop();

    // and no more tries after shutdown
    const stopped = await setup(async function* pages() {
      yield entities;
    }, startupSchedule);
    stopped.scheduler.triggerTask.mockRejectedValue(conflict);
    await stopped.refresh.start();
    await waitFor(() =>
      expect(stopped.scheduler.triggerTask).toHaveBeenCalled(),
    );
    await stopped.refresh.stop();
    const tries = stopped.scheduler.triggerTask.mock.calls.length;
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(stopped.scheduler.triggerTask).toHaveBeenCalledTimes(tries);
  });

  it('waits on shutdown for the refresh after startup, which then triggers nothing', async () => {
    const ctx = await setup(async function* pages() {
      yield entities;
    }, startupSchedule);
    // its first database read answers only when the test says so
    let answer: () => void = () => {};
    const answered = new Promise<void>(resolve => {
      answer = resolve;
    });
    let asked: () => void = () => {};
    const reading = new Promise<void>(resolve => {
      asked = resolve;
    });
    const status = ctx.store.getRefreshStatus.bind(ctx.store);
    jest
      .spyOn(ctx.store, 'getRefreshStatus')
      .mockImplementationOnce(async () => {
        asked();
        await answered;
        return status();
      });
    await ctx.refresh.start();
    await reading;
    const events: string[] = [];
    const stopping = ctx.refresh.stop().then(() => events.push('stopped'));
    await new Promise(resolve => setTimeout(resolve, 20));
    events.push('answered');
    answer();
    await stopping;
    expect(events).toEqual(['answered', 'stopped']);
    expect(ctx.scheduler.triggerTask).not.toHaveBeenCalled();

    // stopped during its initial delay, it does not wait that out
    const later = await setup(
      async function* pages() {
        yield entities;
      },
      { ...startupSchedule, initialDelay: { minutes: 10 } },
    );
    const statusRead = jest.spyOn(later.store, 'getRefreshStatus');
    await later.refresh.start();
    await later.refresh.stop();
    expect(statusRead).not.toHaveBeenCalled();
    expect(later.scheduler.triggerTask).not.toHaveBeenCalled();
  });

  /** A service whose catalog answers `response` after a first, empty page. */
  async function setupCatalogAnswering(response: Response) {
    const catalogError = await ResponseError.fromResponse(response);
    return setup(async function* pages() {
      yield [];
      throw catalogError;
    });
  }

  it('logs a failed scheduled refresh once, with what the catalog said, and fails the task with it', async () => {
    const ctx = await setupCatalogAnswering(
      new Response(
        JSON.stringify({
          error: { name: 'Error', message: 'database is locked' },
          response: { statusCode: 500 },
        }),
        {
          status: 500,
          statusText: 'Internal Server Error',
          headers: { 'Content-Type': 'application/json' },
        },
      ),
    );
    await ctx.refresh.start();
    const task = ctx.scheduler.scheduleTask.mock.calls[0][0];
    // the scheduler counts a failed run, and logs a plain error with the
    // readable message (it logged the ResponseError as `{}`)
    const failure = await Promise.resolve(
      task.fn(new AbortController().signal),
    ).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect(failure).toMatchObject({
      name: 'Error',
      message:
        'ResponseError: Request failed with 500 Internal Server Error: database is locked',
    });
    expect(Object.getPrototypeOf(failure)).toBe(Error.prototype);
    expect(ctx.logger.error).toHaveBeenCalledTimes(1);
    expect(ctx.logger.error.mock.calls[0][1]).toMatchObject({
      error: expect.stringMatching(
        /^ResponseError: Request failed with 500 Internal Server Error: database is locked$/,
      ),
    });
    expect((await ctx.store.getRefreshStatus()).lastFailure?.error).toMatch(
      /: database is locked$/,
    );
    await ctx.refresh.stop();
  });

  it("records a proxy's HTML error page from the catalog as its words, not its markup", async () => {
    const ctx = await setupCatalogAnswering(
      new Response(
        '<html><head><title>502 Bad Gateway</title><style>body { color: red }</style></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx &amp; friends</center></body></html>',
        {
          status: 502,
          statusText: 'Bad Gateway',
          headers: { 'Content-Type': 'text/html' },
        },
      ),
    );
    await expect(ctx.refresh.refresh()).rejects.toThrow();
    expect((await ctx.store.getRefreshStatus()).lastFailure?.error).toBe(
      'ResponseError: Request failed with 502 Bad Gateway: Request failed with status 502 Bad Gateway, 502 Bad Gateway 502 Bad Gateway nginx & friends',
    );
    await ctx.refresh.stop();
  });

  it('leaves a message without markup as it is, comparisons included', () => {
    expect(withoutMarkup('limit must be < 500 and > 0')).toBe(
      'limit must be < 500 and > 0',
    );
  });

  it('leaves a message that is no HTML page as it is, placeholders and generics included', () => {
    for (const message of [
      'Request failed with status 400 Bad Request, spec.owner must be group:<namespace>/<name>',
      'Request failed with status 500 Internal Server Error, expected Array<string>, got Map<string, number>',
      'filter must look like <key>=<value> &amp; not <key>',
    ]) {
      expect(withoutMarkup(message)).toBe(message);
    }
  });

  it("keeps only the words of an HTML page whose styles and scripts are long or contain '<'", () => {
    const css = `body { margin: 0 } ${'.c > p { color: #222 } '.repeat(150)}`;
    expect(css.length).toBeGreaterThan(2000);
    const page = [
      'Request failed with status 502 Bad Gateway, <!DOCTYPE html>',
      `<html lang="en"><head><title>Error 502</title><style>${css}</style>`,
      '<!-- a comment > with a > in it -->',
      '<script>for (var i = 0; i < 3; i++) { document.title += "<b>"; }</script>',
      '</head><body><p>The server hit a temporary error &#8212; try again in 30&nbsp;seconds.</p>',
      '<SCRIPT type="text/javascript">if (a<b) {}</SCRIPT></body></html>',
    ].join('\n');
    expect(withoutMarkup(page)).toBe(
      'Request failed with status 502 Bad Gateway, Error 502 The server hit a temporary error \u2014 try again in 30 seconds.',
    );
  });

  it('drops what an unterminated tag, comment or script leaves at the end of a long hostile page', () => {
    const words =
      'Request failed with status 502 Bad Gateway, <html><body>Down';
    expect(withoutMarkup(`${words}<script>${'<'.repeat(1_000_000)}`)).toBe(
      'Request failed with status 502 Bad Gateway, Down',
    );
    expect(withoutMarkup(`${words}<!--${'<a'.repeat(500_000)}`)).toBe(
      'Request failed with status 502 Bad Gateway, Down',
    );
    expect(withoutMarkup(`${words}${'<p '.repeat(300_000)}`)).toBe(
      'Request failed with status 502 Bad Gateway, Down',
    );
  });

  it('ends a refresh whose catalog request hangs when aborted, so the next one can run', async () => {
    const controller = new AbortController();
    let run = 0;
    const ctx = await setup(async function* pages() {
      run++;
      yield entities;
      if (run === 1) await new Promise(() => {}); // never answers
    });
    const hung = ctx.refresh.refresh(controller.signal);
    setTimeout(() => controller.abort(new Error('timed out')), 20);
    await expect(hung).rejects.toThrow('timed out');
    expect((await ctx.store.getRefreshStatus()).lastFailure?.error).toMatch(
      /timed out/,
    );
    await ctx.refresh.refresh();
    expect((await ctx.store.getRefreshStatus()).lastSuccess?.teamCount).toBe(1);
  });

  it('keeps internal addresses out of the stored error, not out of the log', async () => {
    const ctx = await setup(async function* pages() {
      yield [];
      throw new Error(
        'request to http://10.0.3.7:7007/api/catalog/entities?token=abc failed, reason: connect ECONNREFUSED 10.0.3.7:7007',
      );
    });
    await expect(ctx.refresh.refresh()).rejects.toThrow('10.0.3.7');
    expect((await ctx.store.getRefreshStatus()).lastFailure?.error).toBe(
      'Error: request to (address hidden) failed, reason: connect ECONNREFUSED (address hidden)',
    );
    for (const [text, hidden] of [
      [
        'getaddrinfo ENOTFOUND catalog.prod.internal',
        'getaddrinfo ENOTFOUND (address hidden)',
      ],
      [
        'connect ECONNREFUSED [::1]:7007',
        'connect ECONNREFUSED (address hidden)',
      ],
      [
        'Catalog answered 503 Service Unavailable',
        'Catalog answered 503 Service Unavailable',
      ],
      [
        'connect ECONNREFUSED ::1:7007',
        'connect ECONNREFUSED (address hidden)',
      ],
      // ordinary messages stay as they are
      [
        'timed out at 12:30:45 (2026-11-27T12:30:45.000Z)',
        'timed out at 12:30:45 (2026-11-27T12:30:45.000Z)',
      ],
      ['at file.ts:10:5', 'at file.ts:10:5'],
      ['ETIMEDOUT after 30000 ms', 'ETIMEDOUT after 30000 ms'],
      ['ECONNRESET while reading', 'ECONNRESET while reading'],
    ]) {
      expect(withoutAddresses(text)).toBe(hidden);
    }
    // long messages are cut first (a pattern run over megabytes of text
    // would block the event loop)
    expect(withoutAddresses('ab:'.repeat(40000)).length).toBeLessThanOrEqual(
      2000,
    );
    expect(ctx.logger.error).toHaveBeenCalledWith(
      'ML maturity refresh failed',
      expect.objectContaining({
        error: expect.stringContaining('http://10.0.3.7:7007'),
      }),
    );
  });

  it('keeps the entity refs of a failed database write out of the stored error, not out of the log', async () => {
    // knex puts the failed statement, its values written in, before the
    // database's message: the values of a snapshot write are the teams'
    // assessments, naming entities that lastError's readers may not read
    const ctx = await setup(async function* pages() {
      yield entities;
    });
    await ctx.knex.raw(
      "CREATE TRIGGER fail_write BEFORE INSERT ON team_assessments BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END",
    );
    const failure = await ctx.refresh.refresh().then(
      () => new Error('resolved'),
      e => e,
    );
    expect(String(failure)).toContain('resource:default/images');
    const stored = (await ctx.store.getRefreshStatus()).lastFailure?.error;
    expect(stored).toBeDefined();
    expect(stored).not.toMatch(/vision|images|insert into/i);
    // what went wrong is still said
    expect(stored).toContain('disk I/O error');
    // the log keeps the statement for the operator
    expect(ctx.logger.error).toHaveBeenCalledWith(
      'ML maturity refresh failed',
      expect.objectContaining({
        error: expect.stringContaining('resource:default/images'),
      }),
    );
  });

  it('beats at most once a second while reading and logs its phases', async () => {
    let now = Date.parse('2026-03-02T10:00:00Z');
    const clock = jest.spyOn(Date, 'now').mockImplementation(() => now);
    try {
      const ctx = await setup(async function* pages() {
        for (let page = 0; page < 6; page++) {
          now += 400; // pages 400 ms apart: beats after pages 3 and 6
          yield page === 0 ? entities : [];
        }
      });
      const heartbeat = jest.spyOn(ctx.store, 'heartbeat');
      await ctx.refresh.refresh();

      expect(heartbeat).toHaveBeenCalledTimes(2);
      expect(ctx.logger.info).toHaveBeenCalledWith(
        'Refreshed ML maturity',
        expect.objectContaining({
          teams: 1,
          entities: 2,
          readMs: 2400,
          classifyMs: expect.any(Number),
          storeMs: expect.any(Number),
        }),
      );
    } finally {
      clock.mockRestore();
    }
  });

  it('waits on shutdown for a running refresh, which stops at once, even in a page request', async () => {
    let releasePage: () => void = () => {};
    const pageHeld = new Promise<void>(resolve => {
      releasePage = resolve;
    });
    let reading: () => void = () => {};
    const started = new Promise<void>(resolve => {
      reading = resolve;
    });
    const ctx = await setup(async function* pages() {
      reading();
      await pageHeld;
      yield entities;
      yield [];
    });
    const events: string[] = [];
    const refreshing = ctx.refresh.refresh().then(
      () => events.push('refresh resolved'),
      error => events.push(`refresh failed: ${error.message}`),
    );
    await started;
    const stopping = ctx.refresh.stop().then(() => events.push('stopped'));
    // the page never comes while stopping: the refresh ends without it
    await Promise.all([refreshing, stopping]);
    releasePage();

    expect(events).toEqual([
      'refresh failed: Backend is shutting down',
      'stopped',
    ]);
    const [snapshot] = await ctx.store.listSnapshots();
    expect(snapshot).toMatchObject({ status: 'failed' });
    expect((await ctx.store.getRefreshStatus()).lastFailure?.error).toMatch(
      /shutting down/,
    );
  });

  it('does nothing when asked to refresh after shutdown began', async () => {
    const ctx = await setup(async function* pages() {
      yield entities;
    });
    await ctx.refresh.stop();
    await ctx.refresh.refresh();
    expect(await ctx.store.listSnapshots()).toEqual([]);
  });

  it('refuses a manual trigger while a refresh is running', async () => {
    const ctx = await setup(async function* pages() {
      yield entities;
    });
    await ctx.refresh.trigger();
    expect(ctx.scheduler.triggerTask).toHaveBeenCalledWith(REFRESH_TASK_ID);

    await ctx.store.startSnapshot({
      startedAt: new Date(),
      abandonedBefore: new Date(0),
    });
    await expect(ctx.refresh.trigger()).rejects.toMatchObject({
      name: 'ConflictError',
    });
    expect(ctx.scheduler.triggerTask).toHaveBeenCalledTimes(1);

    // attestation changes never fail because a refresh is running
    ctx.scheduler.triggerTask.mockRejectedValueOnce(
      new ConflictError('running'),
    );
    await expect(ctx.refresh.onAttestationsChanged()).resolves.toBeUndefined();
    await ctx.refresh.stop();
  });

  it('refuses a manual trigger while the one asked for before has not started', async () => {
    const ctx = await setup(async function* pages() {
      yield entities;
    });
    // the scheduler's trigger only marks the task due (this mock starts
    // nothing), and succeeded again until a worker took it
    await ctx.refresh.trigger();
    await expect(ctx.refresh.trigger()).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringMatching(
        /^An ML maturity refresh was already asked for at \S+Z and has not started yet/,
      ),
    });
    expect(ctx.scheduler.triggerTask).toHaveBeenCalledTimes(1);

    // the run the scheduler starts here takes it
    await ctx.refresh.refresh();
    // (a run started in the same millisecond as the trigger counts as since)
    await new Promise(resolve => setTimeout(resolve, 5));
    await ctx.refresh.trigger();
    expect(ctx.scheduler.triggerTask).toHaveBeenCalledTimes(2);
    await expect(ctx.refresh.trigger()).rejects.toMatchObject({
      name: 'ConflictError',
    });

    // so does a run another instance started since
    const snapshotId = await ctx.store.startSnapshot({
      startedAt: new Date(),
      abandonedBefore: new Date(0),
    });
    await ctx.store.failSnapshot({
      snapshotId,
      finishedAt: new Date(),
      error: 'elsewhere',
    });
    await ctx.refresh.trigger();
    expect(ctx.scheduler.triggerTask).toHaveBeenCalledTimes(3);

    // a trigger the scheduler refused queues nothing
    await ctx.refresh.refresh();
    ctx.scheduler.triggerTask.mockRejectedValueOnce(
      new ConflictError(`Task ${REFRESH_TASK_ID} is currently running`),
    );
    await expect(ctx.refresh.trigger()).rejects.toMatchObject({
      name: 'ConflictError',
    });
    await ctx.refresh.trigger();
    expect(ctx.scheduler.triggerTask).toHaveBeenCalledTimes(5);
  });

  it('counts a refresh asked for as queued until the initial delay and a minute have passed', async () => {
    const ctx = await setup(
      async function* pages() {
        yield entities;
      },
      {
        frequency: { minutes: 30 },
        timeout: { minutes: 10 },
        initialDelay: { minutes: 10 },
      },
    );
    const start = Date.now();
    await ctx.refresh.start();
    await ctx.refresh.trigger();
    const now = jest.spyOn(Date, 'now');
    try {
      now.mockReturnValue(start + 10 * 60_000);
      await expect(ctx.refresh.trigger()).rejects.toMatchObject({
        name: 'ConflictError',
      });
      // no worker took it: asking again triggers the task again
      now.mockReturnValue(start + 11 * 60_000 + 1_000);
      await ctx.refresh.trigger();
    } finally {
      now.mockRestore();
    }
    expect(ctx.scheduler.triggerTask).toHaveBeenCalledTimes(2);
    await ctx.refresh.stop();
  });

  it("says why when the scheduler holds the task's lock", async () => {
    const ctx = await setup(async function* pages() {
      yield entities;
    });
    // no running snapshot here, but the scheduler refuses: a backend that
    // died mid-refresh keeps the global task locked until the timeout
    ctx.scheduler.triggerTask.mockRejectedValueOnce(
      new ConflictError(`Task ${REFRESH_TASK_ID} is currently running`),
    );
    await expect(ctx.refresh.trigger()).rejects.toMatchObject({
      name: 'ConflictError',
      message:
        'An ML maturity refresh is running, or a backend stopped during one and the scheduler keeps its lock until mlMaturity.schedule.timeout ({"minutes":10}) has passed',
    });
  });
});
