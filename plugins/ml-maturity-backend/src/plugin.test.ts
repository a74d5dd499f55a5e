import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Entity } from '@backstage/catalog-model';
import { classify } from '@aiml-service-kits/plugin-ml-maturity-common';
import { readCatalogFiles } from '@aiml-service-kits/plugin-ml-maturity-node';
import request from 'supertest';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { mlMaturityPlugin } from './plugin';
import {
  catalogConfig,
  FIXTURE_DIR,
  sqlitePerPlugin,
  waitForFixtureCatalog,
} from './__testUtils__/backend';

jest.setTimeout(120_000);

const database = sqlitePerPlugin();

const API = '/api/ml-maturity/v1';
const alice = mockCredentials.user.header('user:default/alice');

describe('mlMaturityPlugin with the real catalog', () => {
  it('serves the classifier result over the catalog of the fixture YAML, end to end', async () => {
    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        mlMaturityPlugin,
        database,
        mockServices.rootConfig.factory({ data: catalogConfig() }),
      ],
    });
    await waitForFixtureCatalog(server);

    const before = await request(server)
      .get(`${API}/assessments`)
      .set('Authorization', alice);
    expect(before.status).toBe(503);

    const refresh = await request(server)
      .post(`${API}/refresh`)
      .set('Authorization', alice);
    expect(refresh.status).toBe(202);

    const res = await request(server)
      .get(`${API}/assessments`)
      .set('Authorization', alice);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ stale: false, lastError: null });

    // The same function over the same YAML, as the CLI's --json runs it
    const { entities } = await readCatalogFiles({ paths: [FIXTURE_DIR] });
    const expected = classify({ entities, now: res.body.generatedAt });
    expect(res.body.teams).toEqual(expected.teams);
    expect(res.body.unattributedAssets).toEqual(expected.unattributedAssets);
    expect(res.body.findings).toEqual(expected.findings);
    // and the fixture exercises what it should
    const refs = res.body.teams.map((t: { entityRef: string }) => t.entityRef);
    expect(refs).toEqual(
      expect.arrayContaining([
        'group:default/vision',
        'group:default/nlp',
        'group:default/platform',
      ]),
    );
    expect(res.body.unattributedAssets).toContain('resource:default/llama');

    const team = await request(server)
      .get(`${API}/assessments/group/default/vision`)
      .set('Authorization', alice);
    expect(team.body).toEqual({
      ...expected.teams.find(t => t.entityRef === 'group:default/vision'),
      stale: false,
      lastRefresh: res.body.lastRefresh,
      lastError: null,
    });

    const asset = await request(server)
      .get(`${API}/assets/resource/default/vision-images`)
      .set('Authorization', alice);
    expect(asset.status).toBe(200);
    expect(asset.body.assetType).toBe('dataset');
    expect(asset.body.countsToward).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ team: 'group:default/vision', via: 'owned' }),
      ]),
    );

    const roadmap = await request(server)
      .get(`${API}/roadmap`)
      .set('Authorization', alice);
    expect(roadmap.status).toBe(200);
    expect(Object.values(roadmap.body.levels).flat().sort()).toEqual(
      [...refs].sort(),
    );

    const history = await request(server)
      .get(`${API}/history?entityRef=group:default/vision`)
      .set('Authorization', alice);
    expect(history.body.points).toHaveLength(1);
    expect(history.body.points[0].level).toBe(team.body.level);
  });

  it('reflects a portal attestation without waiting for the schedule', async () => {
    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        mlMaturityPlugin,
        database,
        mockServices.rootConfig.factory({ data: catalogConfig() }),
      ],
    });
    await waitForFixtureCatalog(server);
    await request(server).post(`${API}/refresh`).set('Authorization', alice);

    const itemId = 'starter.process.data-management';
    const itemOf = async () => {
      const res = await request(server)
        .get(`${API}/assessments/group/default/vision`)
        .set('Authorization', alice);
      return res.body.items.find((i: { id: string }) => i.id === itemId);
    };
    expect((await itemOf()).status).toBe('unmet');

    const created = await request(server)
      .post(`${API}/attestations`)
      .set('Authorization', alice)
      .send({
        entityRef: 'group:default/vision',
        itemId,
        url: 'https://wiki.example.com/dm',
      });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      by: 'user:default/alice',
      status: 'active',
    });

    expect(await itemOf()).toMatchObject({
      status: 'attested',
      evidence: ['https://wiki.example.com/dm'],
      attestation: {
        source: 'portal',
        id: created.body.id,
        by: 'user:default/alice',
      },
    });

    const revoked = await request(server)
      .delete(`${API}/attestations/${created.body.id}`)
      .set('Authorization', alice);
    expect(revoked.status).toBe(200);
    expect((await itemOf()).status).toBe('unmet');

    const list = await request(server)
      .get(`${API}/attestations?entityRef=group:default/vision`)
      .set('Authorization', alice);
    expect(list.body.attestations).toHaveLength(1);
    expect(
      list.body.attestations[0].events.map((e: { action: string }) => e.action),
    ).toEqual(['created', 'revoked']);
  });
});

describe('mlMaturityPlugin when the catalog fails', () => {
  it('keeps serving the previous snapshot, marked stale', async () => {
    const { entities } = await readCatalogFiles({ paths: [FIXTURE_DIR] });
    const catalog = catalogServiceMock.mock();
    catalog.getEntitiesByRefs.mockImplementation(async ({ entityRefs }) => ({
      items: entityRefs.map(ref => ({ kind: ref } as unknown as Entity)),
    }));
    catalog.streamEntities.mockImplementation(async function* pages() {
      yield entities as Entity[];
    });
    const { server } = await startTestBackend({
      features: [mlMaturityPlugin, catalog.factory, database],
    });

    expect(
      (await request(server).post(`${API}/refresh`).set('Authorization', alice))
        .status,
    ).toBe(202);
    const good = await request(server)
      .get(`${API}/assessments`)
      .set('Authorization', alice);
    expect(good.body.stale).toBe(false);
    expect(good.body.teams.length).toBeGreaterThan(0);

    catalog.streamEntities.mockImplementation(async function* failing() {
      yield (entities as Entity[]).slice(0, 2);
      throw new Error('catalog went away');
    });
    expect(
      (await request(server).post(`${API}/refresh`).set('Authorization', alice))
        .status,
    ).toBe(202);

    const stale = await request(server)
      .get(`${API}/assessments`)
      .set('Authorization', alice);
    expect(stale.status).toBe(200);
    expect(stale.body).toMatchObject({
      stale: true,
      lastRefresh: good.body.lastRefresh,
      lastError: expect.stringContaining('catalog went away'),
    });
    expect(stale.body.teams).toEqual(good.body.teams);
    expect(stale.body.generatedAt).toBe(good.body.generatedAt);
  });
});

describe('mlMaturityPlugin with the real scheduler', () => {
  it('answers 409 to a refresh asked for while one is queued, not yet started', async () => {
    const { entities } = await readCatalogFiles({ paths: [FIXTURE_DIR] });
    const { server } = await startTestBackend({
      features: [
        mlMaturityPlugin,
        catalogServiceMock.factory({ entities: entities as Entity[] }),
        schedulerServiceFactory,
        database,
        mockServices.rootConfig.factory({
          data: {
            mlMaturity: {
              // the scheduler runs nothing before the initial delay ends,
              // a triggered run included
              schedule: { frequency: { hours: 1 }, initialDelay: { hours: 1 } },
            },
          },
        }),
      ],
    });

    const first = await request(server)
      .post(`${API}/refresh`)
      .set('Authorization', alice);
    expect(first.status).toBe(202);

    const second = await request(server)
      .post(`${API}/refresh`)
      .set('Authorization', alice);
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining('already asked for'),
    });
  });
});
