import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { KitDefinition } from '@aiml-service-kits/plugin-ml-maturity-common';
import {
  BASE_ENTITY_FIELDS,
  CatalogReader,
  entityFieldsForKits,
} from './CatalogReader';

function entity(name: string) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name },
    spec: {},
  };
}

describe('CatalogReader', () => {
  it('streams every page with the projection and service credentials', async () => {
    const pages = [[entity('a'), entity('b')], [entity('c')]];
    const catalog = catalogServiceMock.mock({
      streamEntities: jest.fn(async function* stream() {
        yield* pages;
      }),
    });
    const reader = CatalogReader.create({
      catalog,
      auth: mockServices.auth(),
      kits: [],
    });
    const onPage = jest.fn();

    const entities = await reader.readAll({ onPage });

    expect(entities.map(e => e.metadata.name)).toEqual(['a', 'b', 'c']);
    expect(onPage.mock.calls).toEqual([[2], [3]]);
    const [request, options] = catalog.streamEntities.mock.calls[0];
    expect(request).toEqual({ fields: [...BASE_ENTITY_FIELDS], pageSize: 500 });
    // The classifier takes an entity without a uid for raw YAML, and skips
    // it if any text looks like a template placeholder.
    expect(request?.fields).toContain('metadata.uid');
    expect(options).toMatchObject({
      credentials: {
        principal: { type: 'service' },
      },
    });
    expect(catalog.getEntities).not.toHaveBeenCalled();
  });

  it('stops between pages when aborted', async () => {
    const controller = new AbortController();
    let pagesServed = 0;
    const catalog = catalogServiceMock.mock({
      streamEntities: jest.fn(async function* stream() {
        for (let i = 0; i < 10; i++) {
          pagesServed++;
          yield [entity(`e${i}`)];
        }
      }),
    });
    const reader = CatalogReader.create({
      catalog,
      auth: mockServices.auth(),
      kits: [],
    });

    await expect(
      reader.readAll({
        signal: controller.signal,
        onPage: count => {
          if (count === 2) controller.abort(new Error('shutting down'));
        },
      }),
    ).rejects.toThrow('shutting down');
    expect(pagesServed).toBe(2);
  });

  it('stops while a page hangs when aborted, and lets the stream go', async () => {
    const controller = new AbortController();
    const returned = jest.fn(async () => ({ done: true, value: undefined }));
    const catalog = catalogServiceMock.mock({
      streamEntities: jest.fn(() => {
        let served = false;
        return {
          [Symbol.asyncIterator]() {
            return this;
          },
          next: async () => {
            if (served) return new Promise<never>(() => {}); // never answers
            served = true;
            return { done: false, value: [entity('a')] };
          },
          return: returned,
        } as any;
      }),
    });
    const reader = CatalogReader.create({
      catalog,
      auth: mockServices.auth(),
      kits: [],
    });

    const read = reader.readAll({
      signal: controller.signal,
      onPage: () => {
        setTimeout(() => controller.abort(new Error('timed out')), 10);
      },
    });

    await expect(read).rejects.toThrow('timed out');
    // the reader asked the stream to let go (without waiting for it)
    expect(returned).toHaveBeenCalledTimes(1);
  });

  it('adds the fields that configured rules filter on', () => {
    const kits = [
      {
        id: 'starter',
        items: [
          {
            id: 'starter.custom',
            rule: {
              via: 'owned',
              filter: {
                $all: [
                  { 'ml.asset': 'dataset' },
                  { 'spec.lifecycle': { $in: ['production'] } },
                ],
              },
              allOf: [{ via: 'owned', filter: { 'metadata.tags': 'ml' } }],
            },
          },
        ],
      },
    ] as unknown as KitDefinition[];
    const fields = entityFieldsForKits(kits);
    expect(fields).toEqual([
      ...BASE_ENTITY_FIELDS,
      'spec.lifecycle',
      'metadata.tags',
    ]);
  });
});
