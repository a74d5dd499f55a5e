import path from 'node:path';
import { Server } from 'node:http';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import knexFactory, { Knex } from 'knex';
import request from 'supertest';

/** The fixture catalog, read by the real catalog from file locations. */
export const FIXTURE_DIR = path.resolve(__dirname, '../__fixtures__/catalog');

/**
 * The database service for `startTestBackend` in a test file: an in-memory
 * SQLite database per plugin, each destroyed after the file's tests (after
 * the test backends stop, which backend-test-utils does in its own
 * `afterAll`, declared first). The default database service leaves its
 * connection pools running after the backend stops, and their reaping timers
 * kept the Jest worker alive until Jest killed it ("A worker process has
 * failed to exit gracefully"). Call it at the top level of the test file.
 */
export function sqlitePerPlugin() {
  const knexes: Knex[] = [];
  afterAll(async () => {
    await Promise.all(knexes.map(knex => knex.destroy()));
  });
  return perPluginDatabases(() => {
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    knexes.push(knex);
    return knex;
  });
}

/** One database per plugin, as a production backend has. */
export function perPluginDatabases(knexFor: (pluginId: string) => Knex) {
  return createServiceFactory({
    service: coreServices.database,
    deps: { pluginMetadata: coreServices.pluginMetadata },
    factory: ({ pluginMetadata }) =>
      mockServices.database({ knex: knexFor(pluginMetadata.getId()) }),
  });
}

/** Catalog config loading every fixture file, all kinds allowed. */
export function catalogConfig() {
  return {
    catalog: {
      rules: [
        {
          allow: [
            'Component',
            'System',
            'API',
            'Resource',
            'Location',
            'Group',
            'User',
          ],
        },
      ],
      locations: ['org.yaml', 'assets.yaml'].map(file => ({
        type: 'file',
        target: path.join(FIXTURE_DIR, file),
      })),
    },
  };
}

function hasRelation(entities: Entity[], ref: string, type: string): boolean {
  return entities.some(
    e =>
      `${e.kind}:${e.metadata.namespace}/${e.metadata.name}`.toLocaleLowerCase(
        'en-US',
      ) === ref && (e.relations ?? []).some(r => r.type === type),
  );
}

/** Waits until the catalog has processed and stitched every fixture entity. */
export async function waitForFixtureCatalog(server: Server): Promise<Entity[]> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const res = await request(server)
      .get('/api/catalog/entities')
      .set('Authorization', mockCredentials.service.header());
    if (res.status === 200) {
      const entities = (res.body as Entity[]).filter(
        e => e.kind !== 'Location',
      );
      if (
        entities.length === 13 &&
        hasRelation(entities, 'group:default/vision', 'hasMember') &&
        hasRelation(entities, 'group:default/ml-org', 'parentOf') &&
        hasRelation(entities, 'component:default/nlp-pipeline', 'dependsOn') &&
        hasRelation(
          entities,
          'resource:default/secret-dataset',
          'dependencyOf',
        ) &&
        hasRelation(entities, 'resource:default/gpu-pool', 'ownedBy')
      ) {
        return entities;
      }
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }
  throw new Error('The catalog did not process the fixtures in time');
}
