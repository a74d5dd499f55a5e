import { AuthService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type {
  KitDefinition,
  KitRule,
} from '@aiml-service-kits/plugin-ml-maturity-common';
import { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * The entity fields the classifier reads (spec §2-§4). Everything else is
 * left in the catalog: the projection keeps refresh memory and transfer small.
 */
export const BASE_ENTITY_FIELDS = [
  'kind',
  'apiVersion',
  'metadata.name',
  'metadata.namespace',
  // Marks an entity as served by the catalog, so the classifier does not
  // scan it for template placeholders as it does raw YAML.
  'metadata.uid',
  'metadata.title',
  'metadata.annotations',
  'metadata.links',
  'spec.type',
  'spec.owner',
  'spec.memberOf',
  'spec.members',
  'spec.parent',
  'spec.children',
  'spec.dependsOn',
  'spec.dependencyOf',
  'spec.consumesApis',
  'spec.providesApis',
  'spec.system',
  'spec.profile',
  'relations',
] as const;

/** Catalog page size; the catalog caps pages at 500 anyway. */
const PAGE_SIZE = 500;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Field paths named by a filter predicate, outside the `ml.` facts. */
function collectFilterFields(filter: unknown, into: Set<string>): void {
  if (Array.isArray(filter)) {
    filter.forEach(f => collectFilterFields(f, into));
    return;
  }
  if (!isRecord(filter)) {
    return;
  }
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$all' || key === '$any' || key === '$not') {
      collectFilterFields(value, into);
    } else if (!key.startsWith('$') && !key.startsWith('ml.')) {
      into.add(key);
    }
  }
}

function collectRuleFields(rule: KitRule | undefined, into: Set<string>) {
  if (!rule) return;
  collectFilterFields(rule.filter, into);
  rule.allOf?.forEach(r => collectRuleFields(r, into));
}

/**
 * The projection for the kits in force: the base fields plus any entity field
 * a configured rule filters on (custom kits may filter on, say,
 * `spec.lifecycle`), so that a projection never silently breaks a rule.
 *
 * @internal
 */
export function entityFieldsForKits(
  kits: ReadonlyArray<KitDefinition>,
): string[] {
  const fields = new Set<string>(BASE_ENTITY_FIELDS);
  for (const kit of kits) {
    for (const item of kit.items) {
      collectRuleFields(item.rule, fields);
    }
  }
  return [...fields];
}

/**
 * Reads the whole catalog, projected and paged, as the plugin itself.
 *
 * @internal
 */
export class CatalogReader {
  static create(options: {
    catalog: CatalogService;
    auth: AuthService;
    kits: ReadonlyArray<KitDefinition>;
  }): CatalogReader {
    return new CatalogReader(
      options.catalog,
      options.auth,
      entityFieldsForKits(options.kits),
    );
  }

  private constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly fields: string[],
  ) {}

  /**
   * Every entity, page by page. Stops with the abort reason as soon as
   * `signal` is aborted, even while a page is awaited: a catalog request
   * that never answers must not hold the refresh (and with it every later
   * refresh) forever. `onPage` runs after each page.
   */
  async readAll(options: {
    signal?: AbortSignal;
    onPage?: (entitiesSoFar: number) => Promise<void> | void;
  }): Promise<Entity[]> {
    const { signal, onPage } = options;
    const credentials = await this.auth.getOwnServiceCredentials();
    const entities: Entity[] = [];
    signal?.throwIfAborted();
    const pages = this.catalog
      .streamEntities(
        { fields: this.fields, pageSize: PAGE_SIZE },
        { credentials },
      )
      [Symbol.asyncIterator]();
    try {
      for (;;) {
        const next = await untilAborted(pages.next(), signal);
        if (next.done) break;
        entities.push(...next.value);
        await onPage?.(entities.length);
        signal?.throwIfAborted();
      }
    } catch (error) {
      // Let the stream release what it holds; a stream stuck on a request
      // may never settle, so it is not awaited.
      pages.return?.()?.catch(() => {});
      throw error;
    }
    return entities;
  }
}

/** `promise`, or a rejection with the signal's reason once it is aborted. */
function untilAborted<T>(
  promise: Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      value => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      error => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
