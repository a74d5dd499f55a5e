import { performance } from 'node:perf_hooks';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  classifyWithDetails,
  DEFAULT_ASSET_TYPE_ALIASES,
  DEFAULT_KITS,
  ANNOTATION_ASSET,
} from '@aiml-service-kits/plugin-ml-maturity-common';
import { generateOrg } from '@aiml-service-kits/plugin-ml-maturity-node/bench';
import knexFactory, { Knex } from 'knex';
import { CatalogReader } from '../src/catalog/CatalogReader';
import { DatabaseAssessmentStore } from '../src/database/DatabaseAssessmentStore';
import {
  DEFAULT_REFRESH_SCHEDULE,
  RefreshService,
} from '../src/service/RefreshService';
import { mlMaturityPlugin } from '../src/plugin';
import {
  capturePlugin,
  conditionalPolicy,
  perPluginDatabases,
} from './backend';
import { seedCatalog } from './catalogSeed';
import { log, median, percentile, round } from './stats';

const PG =
  process.env.ML_MATURITY_BENCH_PG ?? 'postgresql://postgres@127.0.0.1:5432';

interface Sizes {
  refreshEntities: number;
  pairs: number;
  apiEntities: number;
  historyDays: number;
  requests: number;
}

const DEFAULT_SIZES: Sizes = {
  refreshEntities: 10_000,
  pairs: 5,
  apiEntities: 100_000, // 2 % groups: 2,000 teams
  historyDays: 400,
  requests: 200,
};

const SMOKE_SIZES: Sizes = {
  refreshEntities: 500,
  pairs: 2,
  apiEntities: Number(process.env.BENCH_API_ENTITIES ?? 2_000), // 40 teams
  historyDays: 10,
  requests: Number(process.env.BENCH_REQUESTS ?? 30),
};

function sqlite(): Knex {
  return knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
    // one connection: each in-memory connection is its own database
    pool: { min: 1, max: 1 },
  });
}

const quiet = [
  mockServices.rootLogger.factory({ level: 'error' }),
  mockServices.rootConfig.factory({
    data: {
      mlMaturity: {
        schedule: {
          frequency: { trigger: 'manual' },
          timeout: { minutes: 10 },
        },
      },
    },
  }),
];

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** a. Refresh against streaming the same entities, over the real catalog. */
async function refreshSection(sizes: Sizes) {
  const { entities } = generateOrg({
    entities: sizes.refreshEntities,
    seed: 42,
  });
  const knexes = new Map<string, Knex>();
  const knexFor = (id: string) => {
    if (!knexes.has(id)) knexes.set(id, sqlite());
    return knexes.get(id)!;
  };
  let deps: Parameters<Parameters<typeof capturePlugin>[0]>[0] | undefined;
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      capturePlugin(d => {
        deps = d;
      }),
      perPluginDatabases(knexFor),
      ...quiet,
    ],
  });
  try {
    const seedMs = await time(() =>
      seedCatalog(knexFor('catalog'), entities as unknown as Entity[]),
    );
    const { catalog, auth, logger, scheduler } = deps!;
    const credentials = await auth.getOwnServiceCredentials();
    const { totalItems } = await catalog.queryEntities(
      { limit: 1 },
      { credentials },
    );
    if (totalItems !== entities.length) {
      throw new Error(`catalog holds ${totalItems} of ${entities.length}`);
    }
    log(
      `catalog seeded with ${totalItems} entities in ${Math.round(seedMs)} ms`,
    );

    const store = await DatabaseAssessmentStore.create({
      database: mockServices.database({ knex: knexFor('ml-maturity') }),
    });
    const reader = CatalogReader.create({ catalog, auth, kits: DEFAULT_KITS });
    // the phases RefreshService logs for each refresh (timed pairs only)
    const phases: Array<Record<string, number>> = [];
    const phaseLogger: typeof logger = {
      error: logger.error.bind(logger),
      warn: logger.warn.bind(logger),
      debug: logger.debug.bind(logger),
      child: () => phaseLogger,
      info(message, meta) {
        if (message === 'Refreshed ML maturity' && meta) {
          phases.push(meta as Record<string, number>);
        }
      },
    };
    const refresh = RefreshService.create({
      logger: phaseLogger,
      scheduler,
      store,
      reader,
      kits: DEFAULT_KITS,
      assetTypeAliases: { ...DEFAULT_ASSET_TYPE_ALIASES },
      retentionDays: 400,
      schedule: DEFAULT_REFRESH_SCHEDULE,
    });
    const stream = async () => {
      const read = await reader.readAll({});
      if (read.length !== entities.length) throw new Error('short read');
    };

    await refresh.refresh(); // warm-up, not timed
    await stream();
    phases.length = 0;
    const refreshMs: number[] = [];
    const streamMs: number[] = [];
    const ratios: number[] = [];
    for (let pair = 0; pair < sizes.pairs; pair++) {
      const r = await time(() => refresh.refresh());
      const s = await time(stream);
      refreshMs.push(r);
      streamMs.push(s);
      ratios.push(r / s);
      const { readMs, classifyMs, storeMs } = phases[phases.length - 1];
      log(
        `pair ${pair + 1}: refresh ${Math.round(r)} ms (read ${readMs}, ` +
          `classify ${classifyMs}, store ${storeMs}), stream ${Math.round(
            s,
          )} ms`,
      );
    }
    const snapshots = await store.listSnapshots();
    if (snapshots.some(s => s.status !== 'succeeded')) {
      throw new Error('a refresh did not succeed');
    }
    return {
      refreshEntities: entities.length,
      refreshPairs: sizes.pairs,
      refreshTeams: snapshots[snapshots.length - 1].teamCount,
      refreshOverStreamRatio: round(median(ratios), 3),
      refreshMsMedian: round(median(refreshMs), 1),
      streamMsMedian: round(median(streamMs), 1),
      // medians of RefreshService's own phase timings (whole ms)
      refreshReadMsMedian: median(phases.map(p => p.readMs)),
      refreshClassifyMsMedian: median(phases.map(p => p.classifyMs)),
      refreshStoreMsMedian: median(phases.map(p => p.storeMs)),
    };
  } finally {
    await backend.stop();
    await Promise.all([...knexes.values()].map(k => k.destroy()));
  }
}

/** b. Team and roadmap latency on PostgreSQL, as a user under a conditional policy. */
async function apiSection(sizes: Sizes) {
  const org = generateOrg({ entities: sizes.apiEntities, seed: 7 });
  const all = org.entities as unknown as Entity[];
  const groups = all.filter(e => e.kind === 'Group');
  const assets = all.filter(e => e.metadata.annotations?.[ANNOTATION_ASSET]);

  const suffix = `${process.pid}_${Date.now()}`;
  const admin = knexFactory({ client: 'pg', connection: `${PG}/postgres` });
  const names = [`mlm_bench_catalog_${suffix}`, `mlm_bench_plugin_${suffix}`];
  for (const name of names) await admin.raw(`CREATE DATABASE ${name}`);
  const [catalogKnex, pluginKnex] = names.map(name =>
    knexFactory({ client: 'pg', connection: `${PG}/${name}` }),
  );
  let backend: Awaited<ReturnType<typeof startTestBackend>> | undefined;
  try {
    // The plugin's store: one refresh's results through the store, then
    // the other history days, one INSERT ... SELECT for the whole table.
    let t = performance.now();
    const { assessment, assets: contributions } = classifyWithDetails({
      entities: all,
      kits: DEFAULT_KITS,
      assetTypeAliases: { ...DEFAULT_ASSET_TYPE_ALIASES },
      attestations: [],
      now: new Date(),
    });
    log(
      `classified ${all.length} entities in ${Math.round(
        performance.now() - t,
      )} ms`,
    );
    t = performance.now();
    const store = await DatabaseAssessmentStore.create({
      database: mockServices.database({ knex: pluginKnex }),
    });
    const now = Date.now();
    const snapshotId = await store.startSnapshot({
      startedAt: new Date(now),
      abandonedBefore: new Date(now - 60_000),
    });
    await store.completeSnapshot({
      snapshotId,
      finishedAt: new Date(),
      entityCount: all.length,
      payload: {
        generatedAt: assessment.generatedAt,
        unattributedAssets: assessment.unattributedAssets,
        findings: assessment.findings,
      },
      teams: assessment.teams.map(team => ({
        assessment: team,
        referencedBy: [],
      })),
      assets: contributions,
      day: new Date(now).toISOString().slice(0, 10),
      purgeHistoryBefore: '2000-01-01',
    });
    await pluginKnex.raw(
      `INSERT INTO team_history (team_ref, day, level, kits_completed, kits)
       SELECT h.team_ref, to_char(h.day::date - d, 'YYYY-MM-DD'), h.level, h.kits_completed, h.kits
       FROM team_history h CROSS JOIN generate_series(1, ?) AS d`,
      [sizes.historyDays - 1],
    );
    const historyRows = Number(
      (await pluginKnex('team_history').count({ n: '*' }))[0].n,
    );
    log(
      `store seeded: ${
        assessment.teams.length
      } teams, ${historyRows} history rows in ${Math.round(
        performance.now() - t,
      )} ms`,
    );

    backend = await startTestBackend({
      features: [
        catalogPlugin,
        mlMaturityPlugin,
        conditionalPolicy(['Group', 'Component', 'Resource', 'API', 'System']),
        perPluginDatabases(id => (id === 'catalog' ? catalogKnex : pluginKnex)),
        ...quiet,
      ],
    });
    t = performance.now();
    await seedCatalog(catalogKnex, [...groups, ...assets]);
    // vacuumed as well as analysed, as autovacuum leaves a production
    // database (it is off on the bench machine): without a visibility map
    // and hint bits, reads of the freshly inserted rows check each row's
    // transaction status and index-only scans go to the heap
    await catalogKnex.raw('VACUUM ANALYZE');
    await pluginKnex.raw('VACUUM ANALYZE');
    log(
      `catalog seeded with ${groups.length} groups and ${
        assets.length
      } ML assets in ${Math.round(performance.now() - t)} ms`,
    );

    const base = `http://localhost:${
      (backend.server.address() as { port: number }).port
    }/api/ml-maturity/v1`;
    const headers = {
      Authorization: mockCredentials.user.header('user:default/bench-user'),
    };
    const get = async (path: string) => {
      const res = await fetch(`${base}${path}`, { headers });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${body}`);
      return body;
    };
    const teamRefs = groups.map(g => g.metadata.name);
    // the user sees groups, not users: the policy is really applied
    const sample = JSON.parse(
      await get(`/assessments/group/default/${teamRefs[0]}`),
    );
    if (JSON.stringify(sample).includes('"user:')) {
      throw new Error('a user ref leaked through the conditional policy');
    }
    const measure = async (paths: (i: number) => string) => {
      for (let i = 0; i < 20; i++) await get(paths(i)); // warm-up
      const ms: number[] = [];
      for (let i = 0; i < sizes.requests; i++) {
        ms.push(await time(() => get(paths(i))));
      }
      return { p50: round(percentile(ms, 50)), p95: round(percentile(ms, 95)) };
    };
    const team = await measure(
      i =>
        `/assessments/group/default/${teamRefs[(i * 7919) % teamRefs.length]}`,
    );
    log(`team: p50 ${team.p50} ms, p95 ${team.p95} ms`);
    const roadmap = await measure(() => '/roadmap');
    log(`roadmap: p50 ${roadmap.p50} ms, p95 ${roadmap.p95} ms`);
    return {
      apiEntitiesGenerated: all.length,
      apiTeams: assessment.teams.length,
      apiCatalogEntities: groups.length + assets.length,
      historyPointsPerTeam: sizes.historyDays,
      historyRows,
      requestsPerEndpoint: sizes.requests,
      teamP50Ms: team.p50,
      teamP95Ms: team.p95,
      roadmapP50Ms: roadmap.p50,
      roadmapP95Ms: roadmap.p95,
    };
  } finally {
    await backend?.stop();
    await catalogKnex.destroy();
    await pluginKnex.destroy();
    for (const name of names) {
      await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
    await admin.destroy();
  }
}

/** Runs both sections; resolves to the figures printed as the last line. */
export async function main(argv: string[]): Promise<Record<string, unknown>> {
  const smoke = argv.includes('--smoke');
  const sizes = smoke ? SMOKE_SIZES : DEFAULT_SIZES;
  const started = performance.now();
  const only = argv.find(a => a.startsWith('--only='))?.slice(7);
  const refresh = only === 'api' ? {} : await refreshSection(sizes);
  const api = only === 'refresh' ? {} : await apiSection(sizes);
  return {
    mode: smoke ? 'smoke' : 'default',
    ...refresh,
    ...api,
    totalSeconds: round((performance.now() - started) / 1000, 1),
  };
}
