import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DEFAULT_KITS } from '@aiml-service-kits/plugin-ml-maturity-common';
import { CatalogReader } from '../catalog/CatalogReader';
import { DatabaseAssessmentStore } from '../database/DatabaseAssessmentStore';
import { RefreshService, REFRESH_TASK_ID } from './RefreshService';

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

  async function setup(stream: () => AsyncIterable<Entity[]>) {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseAssessmentStore.create({
      database: mockServices.database({ knex }),
    });
    const scheduler = mockServices.scheduler.mock();
    const catalog = catalogServiceMock.mock({
      streamEntities: jest.fn(stream),
    });
    const refresh = RefreshService.create({
      logger: mockServices.logger.mock(),
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
      schedule: { frequency: { minutes: 30 }, timeout: { minutes: 10 } },
    });
    return { store, scheduler, refresh };
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

  it('classifies again when attestations change during a refresh', async () => {
    let created = false;
    const ctx = await setup(async function* pages() {
      yield entities;
    });
    // an attestation recorded while the first pass writes its results
    const complete = ctx.store.completeSnapshot.bind(ctx.store);
    jest.spyOn(ctx.store, 'completeSnapshot').mockImplementation(async r => {
      await complete(r);
      if (!created) {
        created = true;
        await ctx.store.createAttestation(attestation);
      }
    });

    await ctx.refresh.refresh();

    expect(ctx.store.completeSnapshot).toHaveBeenCalledTimes(2);
    const team = await ctx.store.getTeam('group:default/vision');
    expect(
      team?.assessment.items.find(i => i.id === attestation.itemId),
    ).toMatchObject({ status: 'attested', evidence: [attestation.url] });
    expect((await ctx.store.listSnapshots()).map(s => s.status)).toEqual([
      'succeeded',
    ]);
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
    expect(await ctx.store.getTeam('group:default/vision')).toBeDefined();
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
      Object.assign(new Error('running'), { name: 'ConflictError' }),
    );
    await expect(ctx.refresh.onAttestationsChanged()).resolves.toBeUndefined();
  });
});
