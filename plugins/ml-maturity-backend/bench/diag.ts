import { startTestBackend, mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { classifyWithDetails, DEFAULT_KITS } from '@aiml-service-kits/plugin-ml-maturity-common';
import { generateOrg } from '@aiml-service-kits/plugin-ml-maturity-node';
import knexFactory, { Knex } from 'knex';
import fs from 'node:fs';
import { CatalogReader } from '../src/catalog/CatalogReader';
import { capturePlugin, perPluginDatabases } from './backend';
import { seedCatalog } from './catalogSeed';

export async function diag() {
  const { entities } = generateOrg({ entities: 10000, seed: 42 });
  const knexes = new Map<string, Knex>();
  const knexFor = (id: string) => {
    if (!knexes.has(id)) knexes.set(id, knexFactory({ client: 'better-sqlite3', connection: ':memory:', useNullAsDefault: true, pool: { min: 1, max: 1 } }));
    return knexes.get(id)!;
  };
  let deps: any;
  const backend = await startTestBackend({
    features: [catalogPlugin, capturePlugin(d => { deps = d; }), perPluginDatabases(knexFor), mockServices.rootLogger.factory({ level: 'error' })],
  });
  await seedCatalog(knexFor('catalog'), entities as unknown as Entity[]);
  const reader = CatalogReader.create({ catalog: deps.catalog, auth: deps.auth, kits: DEFAULT_KITS });
  const read = await reader.readAll({});
  fs.writeFileSync('/tmp/perf/catalog-entities.json', JSON.stringify(read));
  const time = (label: string, list: unknown[]) => {
    const t: number[] = [];
    for (let i = 0; i < 12; i++) { const s = performance.now(); classifyWithDetails({ entities: list, now: new Date() }); t.push(performance.now() - s); }
    t.sort((a, b) => a - b);
    process.stderr.write(`${label}: median ${t[6].toFixed(1)} min ${t[0].toFixed(1)} first ${t.join(',').slice(0,0)}\n`);
  };
  time('catalog entities in backend', read);
  time('json copy in backend', JSON.parse(JSON.stringify(read)));
  time('generated in backend', entities);
  time('catalog entities in backend again', read);
  await backend.stop();
}
