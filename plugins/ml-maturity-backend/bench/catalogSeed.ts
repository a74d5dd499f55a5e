import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Entity } from '@backstage/catalog-model';
import { Knex } from 'knex';

/**
 * The catalog's own search-row builder (not exported by the package, so it
 * is loaded by file path), so that filters and ordering see the seeded
 * entities exactly as they see processed ones.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildEntitySearch } = require(path.join(
  path.dirname(
    require.resolve('@backstage/plugin-catalog-backend/package.json'),
  ),
  'dist/database/operations/stitcher/buildEntitySearch.cjs.js',
)) as {
  buildEntitySearch(
    entityId: string,
    entity: Entity,
  ): Array<{
    key: string;
    value: string | null;
    original_value?: string | null;
  }>;
};

const FAR_FUTURE = new Date('2999-01-01T00:00:00Z');

async function insertChunked(
  tx: Knex.Transaction,
  table: string,
  rows: object[],
  chunk: number,
): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) {
    await tx(table).insert(rows.slice(i, i + chunk));
  }
}

/**
 * Writes entities straight into the catalog's tables as the processing loop
 * and the stitcher would leave them (refresh state never due again, final
 * entity with its relations, search rows, relation rows). The real catalog
 * then serves them through its real query paths and permission filters.
 *
 * The entities must already carry their `relations`, as the generator's do.
 */
export async function seedCatalog(
  knex: Knex,
  entities: ReadonlyArray<Entity>,
): Promise<void> {
  const refresh: object[] = [];
  const finals: object[] = [];
  const search: object[] = [];
  const relations: object[] = [];
  const now = new Date();
  for (const source of entities) {
    const entityId = randomUUID();
    const { relations: entityRelations = [], ...rest } = source;
    const ref = `${source.kind}:${source.metadata.namespace ?? 'default'}/${
      source.metadata.name
    }`.toLocaleLowerCase('en-US');
    const processed = {
      ...rest,
      metadata: { ...rest.metadata, uid: entityId },
    } as Entity;
    const final: Entity = {
      ...processed,
      metadata: {
        ...processed.metadata,
        etag: processed.metadata.etag ?? entityId.replace(/-/g, ''),
      },
      relations: entityRelations,
    };
    refresh.push({
      entity_id: entityId,
      entity_ref: ref,
      unprocessed_entity: JSON.stringify(rest),
      processed_entity: JSON.stringify(processed),
      errors: '[]',
      next_update_at: FAR_FUTURE,
      last_discovery_at: now,
    });
    finals.push({
      entity_id: entityId,
      entity_ref: ref,
      final_entity: JSON.stringify(final),
      hash: entityId,
      last_updated_at: now,
    });
    for (const row of buildEntitySearch(entityId, final)) {
      search.push({ ...row, entity_id: entityId });
    }
    for (const relation of entityRelations) {
      relations.push({
        originating_entity_id: entityId,
        source_entity_ref: ref,
        type: relation.type,
        target_entity_ref: relation.targetRef.toLocaleLowerCase('en-US'),
      });
    }
  }
  await knex.transaction(async tx => {
    await insertChunked(tx, 'refresh_state', refresh, 400);
    await insertChunked(tx, 'final_entities', finals, 400);
    await insertChunked(tx, 'search', search, 400);
    await insertChunked(tx, 'relations', relations, 400);
  });
}
