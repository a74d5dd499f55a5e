import net from 'node:net';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { readCatalogFiles } from '@aiml-service-kits/plugin-ml-maturity-node';
import knexFactory, { Knex } from 'knex';
import request from 'supertest';
import { mlMaturityPlugin } from './plugin';
import { FIXTURE_DIR } from './__testUtils__/backend';
import { testDatabases } from './__testUtils__/databases';

jest.setTimeout(30_000);

const API = '/api/ml-maturity/v1';
const alice = mockCredentials.user.header('user:default/alice');
/** The application name of the plugin's connections: the ones terminated. */
const PLUGIN_APP = 'ml-maturity-under-test';
const ATTESTATION = {
  entityRef: 'group:default/vision',
  itemId: 'starter.process.use-cases',
  url: 'https://wiki.example.com/use-cases',
};

/**
 * The plugin on PostgreSQL when its database fails and comes back: its
 * connections terminated (a failover, a proxy, an idle timeout), or the
 * server unreachable for a while.
 */
describe('mlMaturityPlugin when its database fails', () => {
  const databases = testDatabases(['POSTGRES_15']);
  const cleanup: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) {
      await fn();
    }
  });

  /** A TCP proxy in front of PostgreSQL, which can go down and come back. */
  async function startProxy(target: { host: string; port: number }) {
    const sockets = new Set<net.Socket>();
    const track = (socket: net.Socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    };
    const server = net.createServer(client => {
      const upstream = net.connect(target.port, target.host);
      track(client);
      track(upstream);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    const down = async () => {
      for (const socket of sockets) socket.destroy();
      if (server.listening) {
        await new Promise(resolve => server.close(resolve));
      }
    };
    cleanup.push(down);
    return {
      port,
      /** Drops every connection and refuses new ones. */
      down,
      async up() {
        await new Promise<void>(resolve =>
          server.listen(port, '127.0.0.1', resolve),
        );
      },
    };
  }

  async function start(options: { port?: number } = {}) {
    const knex = await databases.init('POSTGRES_15');
    const connection = knex.client.config.connection as Knex.PgConnectionConfig;
    const pool = knexFactory({
      ...knex.client.config,
      // knex warns on the console of every connection it drops
      log: { warn: () => {} },
      connection: {
        ...connection,
        ...(options.port && { host: '127.0.0.1', port: options.port }),
        password: 'not-a-real-password',
        application_name: PLUGIN_APP,
      },
    });
    cleanup.push(() => pool.destroy());
    const session = (name: string) => {
      const own = knexFactory({
        ...knex.client.config,
        connection: { ...connection, application_name: name },
        pool: { min: 0, max: 1 },
      });
      cleanup.push(() => own.destroy());
      return own;
    };
    const admin = session('ml-maturity-test-admin');
    const { entities } = await readCatalogFiles({ paths: [FIXTURE_DIR] });
    const startBackend = () =>
      startTestBackend({
        features: [
          mlMaturityPlugin,
          catalogServiceMock.factory({ entities: entities as Entity[] }),
          mockServices.database.factory({ knex: pool }),
          mockServices.rootConfig.factory({
            data: {
              mlMaturity: {
                schedule: {
                  frequency: { trigger: 'manual' },
                  timeout: { minutes: 1 },
                },
              },
            },
          }),
        ],
      });

    /** Terminates every connection of the plugin (of this database only). */
    const terminate = async () => {
      const { rows } = await admin.raw(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = ?',
        [PLUGIN_APP],
      );
      return rows.length as number;
    };
    /** Waits until a statement of the plugin waits for a lock. */
    const pluginWaitsForLock = async () => {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const { rows } = await admin.raw(
          "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name = ? AND wait_event_type = 'Lock'",
          [PLUGIN_APP],
        );
        if (rows.length > 0) return;
        if (Date.now() > deadline) {
          throw new Error('The plugin never waited for the lock');
        }
        await new Promise(resolve => setTimeout(resolve, 20));
      }
    };
    return { knex, startBackend, session, terminate, pluginWaitsForLock };
  }

  function api(server: Parameters<typeof request>[0]) {
    const retried: string[] = [];
    /**
     * The answer, asked again once when it was the 503 of a connection the
     * pool had not yet seen die (the driver learns of a terminated
     * connection asynchronously, sooner or later on a loaded machine): the
     * pool drops it, and the next request gets a live one. `retried` keeps
     * the 503 messages.
     */
    const again = async (send: () => request.Test) => {
      const res = await send();
      if (res.status !== 503) return res;
      retried.push(res.body?.error?.message);
      return send();
    };
    return {
      retried,
      afterTermination: {
        get: (path: string) =>
          again(() =>
            request(server).get(`${API}/${path}`).set('Authorization', alice),
          ),
        refresh: () =>
          again(() =>
            request(server).post(`${API}/refresh`).set('Authorization', alice),
          ),
        // a dead connection fails at BEGIN: nothing was written
        attest: () =>
          again(() =>
            request(server)
              .post(`${API}/attestations`)
              .set('Authorization', alice)
              .send(ATTESTATION),
          ),
      },
      get: (path: string) =>
        request(server).get(`${API}/${path}`).set('Authorization', alice),
      refresh: () =>
        request(server).post(`${API}/refresh`).set('Authorization', alice),
      attest: () =>
        request(server)
          .post(`${API}/attestations`)
          .set('Authorization', alice)
          .send(ATTESTATION),
    };
  }

  it('serves the next requests after its connections were terminated', async () => {
    const { startBackend, terminate } = await start();
    const backend = await startBackend();
    cleanup.push(() => backend.stop());
    const { get, refresh, afterTermination, retried } = api(backend.server);
    expect((await refresh()).status).toBe(202);
    expect((await get('assessments')).status).toBe(200);

    const killed = await terminate();
    expect(killed).toBeGreaterThan(0);

    const answers: Array<{ path: string; status: number }> = [];
    for (const path of [
      'assessments',
      'assessments/group/default/vision',
      'history',
      'attestations?entityRef=group:default/vision',
    ]) {
      const res = await afterTermination.get(path);
      answers.push({ path, status: res.status });
    }
    expect(answers.filter(a => a.status !== 200)).toEqual([]);
    // at most one request per dead connection saw it, told it was the database
    expect(retried.length).toBeLessThanOrEqual(killed);
    for (const message of retried) {
      expect(message).toMatch(/^The ML maturity database is not available/);
    }
    expect((await afterTermination.refresh()).status).toBe(202);
  });

  it('records a refresh whose connections are terminated while it stores its results as failed, keeps serving the previous results, and refreshes again', async () => {
    const { knex, startBackend, session, terminate, pluginWaitsForLock } =
      await start();
    const backend = await startBackend();
    cleanup.push(() => backend.stop());
    const { get, refresh, afterTermination } = api(backend.server);
    expect((await refresh()).status).toBe(202);
    const before = await get('assessments');
    expect(before.body).toMatchObject({ stale: false, lastError: null });

    // The refresh stops at the lock of completeSnapshot, in its transaction.
    const blocker = await session('ml-maturity-test-blocker').transaction();
    await blocker.raw('LOCK TABLE team_assessments IN ACCESS EXCLUSIVE MODE');
    const running = refresh().then(res => res);
    await pluginWaitsForLock();
    await terminate();
    await blocker.rollback();
    await running;

    const snapshots = await knex('snapshots')
      .orderBy('id')
      .select('status', 'error');
    expect(snapshots.map(s => s.status)).toEqual(['succeeded', 'failed']);
    const after = await afterTermination.get('assessments');
    expect(after.status).toBe(200);
    expect(after.body.lastRefresh).toBe(before.body.lastRefresh);
    expect(after.body.teams).toEqual(before.body.teams);
    expect(after.body.stale).toBe(true);
    expect(after.body.lastError).toBe(snapshots[1].error);
    // what the database said, not the statement
    expect(after.body.lastError).toMatch(/Connection terminated/);
    expect(after.body.lastError).not.toMatch(/LOCK TABLE/);

    expect((await afterTermination.refresh()).status).toBe(202);
    const again = await afterTermination.get('assessments');
    expect(again.body).toMatchObject({ stale: false, lastError: null });
    expect(
      (await knex('snapshots').orderBy('id').select('status')).map(
        s => s.status,
      ),
    ).toEqual(['succeeded', 'failed', 'succeeded']);
  });

  it('writes an attestation with its audit event or neither when its connection is terminated', async () => {
    const { knex, startBackend, session, terminate, pluginWaitsForLock } =
      await start();
    const backend = await startBackend();
    cleanup.push(() => backend.stop());
    const { attest, refresh, afterTermination } = api(backend.server);
    expect((await refresh()).status).toBe(202);

    // The attestation row is written; the event waits for the lock.
    const blocker = await session('ml-maturity-test-blocker').transaction();
    await blocker.raw('LOCK TABLE attestation_events IN SHARE MODE');
    const posting = attest().then(res => res);
    await pluginWaitsForLock();
    await terminate();
    await blocker.rollback();
    const failed = await posting;

    expect(failed.status).toBeGreaterThanOrEqual(500);
    expect(await knex('attestations').count({ n: '*' })).toEqual([{ n: '0' }]);
    expect(await knex('attestation_events').count({ n: '*' })).toEqual([
      { n: '0' },
    ]);

    const created = await afterTermination.attest();
    expect(created.status).toBe(201);
    expect(created.body.events).toHaveLength(1);
    const list = await afterTermination.get(
      'attestations?entityRef=group:default/vision',
    );
    expect(list.body.attestations).toHaveLength(1);
  });

  it('fails fast at startup, saying why, when the database cannot be reached', async () => {
    const { startBackend } = await start({ port: await closedPort() });
    const started = Date.now();
    await expect(startBackend()).rejects.toThrow(
      /Plugin 'ml-maturity' startup failed.*ECONNREFUSED/s,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('answers 503 at once, naming no address, while the database cannot be reached, and recovers', async () => {
    const connection = (await databases.init('POSTGRES_15')).client.config
      .connection as Knex.PgConnectionConfig;
    const proxy = await startProxy({
      host: connection.host!,
      port: connection.port!,
    });
    const { startBackend } = await start({ port: proxy.port });
    const backend = await startBackend();
    cleanup.push(() => backend.stop());
    const { get, refresh, attest } = api(backend.server);
    expect((await refresh()).status).toBe(202);

    await proxy.down();
    for (const res of [
      await get('assessments'),
      await get('assessments/group/default/vision'),
      await get('history'),
      await get('roadmap'),
      await get('attestations?entityRef=group:default/vision'),
      await refresh(),
      await attest(),
    ]) {
      const { method, url } = res.body.request;
      expect({ method, url, status: res.status }).toEqual({
        method,
        url,
        status: 503,
      });
      expect(res.body.error.name).toBe('ServiceUnavailableError');
      expect(res.body.error.message).toMatch(
        /^The ML maturity database is not available \(ECONNREFUSED\)/,
      );
      const body = JSON.stringify(res.body);
      expect(body).not.toContain('127.0.0.1');
      expect(body).not.toContain(String(proxy.port));
      expect(body).not.toContain('not-a-real-password');
    }

    await proxy.up();
    const res = await get('assessments');
    expect(res.status).toBe(200);
    expect(res.body.stale).toBe(false);
    expect((await refresh()).status).toBe(202);
  });
});

/** A local port where nothing listens. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}
