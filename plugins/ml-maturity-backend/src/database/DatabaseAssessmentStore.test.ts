import {
  mockServices,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import {
  DatabaseAssessmentStore,
  MAX_FILTER_REFS,
} from './DatabaseAssessmentStore';
import { SnapshotResult } from './AssessmentStore';
import { makeTeam, stored } from '../__testUtils__/teams';
import { testDatabases } from '../__testUtils__/databases';

jest.setTimeout(60_000);

function result(
  snapshotId: number,
  overrides: Partial<SnapshotResult> = {},
): SnapshotResult {
  return {
    snapshotId,
    finishedAt: new Date('2026-03-02T10:00:00Z'),
    entityCount: 10,
    payload: {
      generatedAt: '2026-03-02T10:00:00.000Z',
      unattributedAssets: ['resource:default/orphan'],
      findings: [],
    },
    teams: [
      stored(makeTeam('group:default/b', { level: 2 })),
      stored(makeTeam('group:default/a', { level: 3 })),
    ],
    assets: [
      {
        entityRef: 'resource:default/images',
        assetType: 'dataset',
        countsToward: [
          {
            team: 'group:default/a',
            itemId: 'starter.technology.project-datasets',
            via: 'owned',
          },
        ],
        findings: [],
      },
    ],
    day: '2026-03-02',
    purgeHistoryBefore: '2025-01-26',
    ...overrides,
  };
}

describe('DatabaseAssessmentStore', () => {
  const databases = testDatabases(['SQLITE_3', 'POSTGRES_15']);

  async function createStore(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    const store = await DatabaseAssessmentStore.create({
      database: mockServices.database({ knex }),
    });
    return { knex, store };
  }

  describe.each(databases.ids)('%p', databaseId => {
    it('runs a snapshot through running, succeeded and failed', async () => {
      const { store } = await createStore(databaseId);
      const start = new Date('2026-03-02T09:59:00Z');

      const id = await store.startSnapshot({
        startedAt: start,
        abandonedBefore: new Date(start.getTime() - 60_000),
      });
      expect(
        await store.getRunningSnapshot({ since: new Date(start.getTime()) }),
      ).toMatchObject({ id, status: 'running' });
      expect(
        await store.getRunningSnapshot({
          since: new Date(start.getTime() + 1000),
        }),
      ).toBeUndefined();

      await store.completeSnapshot(result(id));
      const status = await store.getRefreshStatus();
      expect(status.lastFailure).toBeUndefined();
      expect(status.lastSuccess).toMatchObject({
        id,
        status: 'succeeded',
        startedAt: '2026-03-02T09:59:00.000Z',
        finishedAt: '2026-03-02T10:00:00.000Z',
        entityCount: 10,
        teamCount: 2,
        payload: { unattributedAssets: ['resource:default/orphan'] },
      });

      const failedId = await store.startSnapshot({
        startedAt: new Date('2026-03-02T11:00:00Z'),
        abandonedBefore: new Date('2026-03-02T10:59:00Z'),
      });
      await store.failSnapshot({
        snapshotId: failedId,
        finishedAt: new Date('2026-03-02T11:00:05Z'),
        error: 'catalog down',
      });
      const afterFailure = await store.getRefreshStatus();
      expect(afterFailure.lastSuccess?.id).toBe(id);
      expect(afterFailure.lastFailure).toMatchObject({
        id: failedId,
        error: 'catalog down',
      });
      // the previous results are still served
      expect(await store.getTeam('group:default/a')).toBeDefined();

      // a later success hides the earlier failure and serves its own payload
      const nextId = await store.startSnapshot({
        startedAt: new Date('2026-03-02T12:00:00Z'),
        abandonedBefore: new Date('2026-03-02T11:59:00Z'),
      });
      await store.completeSnapshot(
        result(nextId, {
          payload: {
            generatedAt: '2026-03-02T12:00:00.000Z',
            unattributedAssets: [],
            findings: [],
          },
        }),
      );
      const afterSuccess = await store.getRefreshStatus();
      expect(afterSuccess.lastFailure).toBeUndefined();
      expect(afterSuccess.lastSuccess).toMatchObject({
        id: nextId,
        payload: { unattributedAssets: [] },
      });

      // a snapshot that succeeded cannot fail afterwards: its rows stay
      // what its status says
      await store.failSnapshot({
        snapshotId: nextId,
        finishedAt: new Date('2026-03-02T12:00:09Z'),
        error: 'too late',
      });
      const afterLateFailure = await store.getRefreshStatus();
      expect(afterLateFailure.lastFailure).toBeUndefined();
      expect(afterLateFailure.lastSuccess).toMatchObject({
        id: nextId,
        status: 'succeeded',
        error: null,
      });
    });

    it('keeps the results of a later refresh that finished first', async () => {
      const { store } = await createStore(databaseId);
      const start = (at: string) =>
        store.startSnapshot({
          startedAt: new Date(at),
          abandonedBefore: new Date(0),
        });
      // an earlier refresh (another instance's, say, past its timeout)
      // still writing when a later one has stored its results
      const earlier = await start('2026-03-02T09:00:00Z');
      const later = await start('2026-03-02T09:30:00Z');
      await store.completeSnapshot(
        result(later, {
          teams: [stored(makeTeam('group:default/a', { level: 4 }))],
          assets: [],
          payload: {
            generatedAt: '2026-03-02T09:31:00.000Z',
            unattributedAssets: [],
            findings: [],
          },
        }),
      );
      await expect(
        store.completeSnapshot(
          result(earlier, {
            teams: [stored(makeTeam('group:default/a', { level: 1 }))],
          }),
        ),
      ).rejects.toHaveProperty(
        'message',
        `Refresh ${earlier} was not stored: refresh ${later}, which started later, has stored its results already`,
      );

      expect((await store.getTeam('group:default/a'))?.assessment.level).toBe(
        4,
      );
      expect(await store.getAsset('resource:default/images')).toBeUndefined();
      expect(
        (await store.getTeamHistory({ teamRef: 'group:default/a' })).map(
          p => p.level,
        ),
      ).toEqual([4]);
      const status = await store.getRefreshStatus();
      expect(status.lastSuccess).toMatchObject({
        id: later,
        payload: { generatedAt: '2026-03-02T09:31:00.000Z' },
      });
      // the earlier refresh is still running, for its caller to fail it
      expect((await store.listSnapshots()).map(s => [s.id, s.status])).toEqual([
        [earlier, 'running'],
        [later, 'succeeded'],
      ]);
    });

    it('stores one of two refreshes completing at once, the later one last', async () => {
      const { store } = await createStore(databaseId);
      // enough rows that the two transactions overlap on PostgreSQL
      const teams = (level: number) =>
        Array.from({ length: 3_000 }, (_, i) =>
          stored(makeTeam(`group:default/team-${i}`, { level: level as 1 })),
        );
      for (let round = 0; round < 3; round++) {
        const earlier = await store.startSnapshot({
          startedAt: new Date(),
          abandonedBefore: new Date(0),
        });
        const later = await store.startSnapshot({
          startedAt: new Date(),
          abandonedBefore: new Date(0),
        });
        const outcomes = await Promise.allSettled([
          store.completeSnapshot(result(earlier, { teams: teams(2) })),
          store.completeSnapshot(result(later, { teams: teams(3) })),
        ]);
        // the later one always stores; the earlier one stores first, or
        // is refused because the later one has stored
        expect(outcomes[1]).toEqual({ status: 'fulfilled', value: undefined });
        const refused =
          outcomes[0].status === 'rejected'
            ? (outcomes[0].reason as Error).message
            : 'stored';
        expect([
          'stored',
          `Refresh ${earlier} was not stored: refresh ${later}, which started later, has stored its results already`,
        ]).toContain(refused);
        expect(
          (await store.getTeam('group:default/team-2999'))?.assessment.level,
        ).toBe(3);
        expect((await store.getRefreshStatus()).lastSuccess?.id).toBe(later);
        expect(
          await store.getTeamHistory({ teamRef: 'group:default/team-0' }),
        ).toEqual([expect.objectContaining({ level: 3 })]);
      }
    });

    it('marks runs without a heartbeat as abandoned', async () => {
      const { store } = await createStore(databaseId);
      const first = await store.startSnapshot({
        startedAt: new Date('2026-03-02T09:00:00Z'),
        abandonedBefore: new Date('2026-03-02T08:00:00Z'),
      });
      await store.heartbeat({
        snapshotId: first,
        at: new Date('2026-03-02T09:01:00Z'),
      });
      await store.startSnapshot({
        startedAt: new Date('2026-03-02T10:00:00Z'),
        abandonedBefore: new Date('2026-03-02T09:30:00Z'),
      });
      const snapshots = await store.listSnapshots();
      expect(snapshots.map(s => s.status)).toEqual(['failed', 'running']);
      expect(snapshots[0].error).toMatch(/abandoned/);
    });

    it('replaces teams and assets and pages teams in ref order', async () => {
      const { store } = await createStore(databaseId);
      const id = await store.startSnapshot({
        startedAt: new Date(),
        abandonedBefore: new Date(0),
      });
      await store.completeSnapshot(result(id));
      expect(
        (await store.listTeams({ limit: 10 })).map(t => t.assessment.entityRef),
      ).toEqual(['group:default/a', 'group:default/b']);

      const next = await store.startSnapshot({
        startedAt: new Date(),
        abandonedBefore: new Date(0),
      });
      await store.completeSnapshot(
        result(next, {
          teams: [
            stored(makeTeam('group:default/c-d'), ['component:default/x']),
            stored(makeTeam('group:default/cd')),
            stored(makeTeam('group:default/c')),
          ],
          assets: [],
        }),
      );
      const first = await store.listTeams({ limit: 2 });
      const rest = await store.listTeams({
        limit: 2,
        afterRef: first[1].assessment.entityRef,
      });
      expect([...first, ...rest].map(t => t.assessment.entityRef)).toEqual([
        'group:default/c',
        'group:default/c-d',
        'group:default/cd',
      ]);
      expect(await store.getTeam('group:default/a')).toBeUndefined();
      expect((await store.getTeam('group:default/c-d'))?.referencedBy).toEqual([
        'component:default/x',
      ]);
      expect(await store.getAsset('resource:default/images')).toBeUndefined();
      expect(
        await store.getTeamLevels(['group:default/c', 'group:default/zz']),
      ).toEqual(new Map([['group:default/c', 1]]));
    });

    it('writes more rows than one statement takes, all or nothing', async () => {
      const { store } = await createStore(databaseId);
      // 2 bound values per asset row: more than one INSERT's worth
      const assets = Array.from({ length: 16_000 }, (_, i) => ({
        entityRef: `resource:default/asset-${i}`,
        assetType: 'dataset',
        countsToward: [],
        findings: [],
      }));
      const teams = Array.from({ length: 8_000 }, (_, i) =>
        stored(makeTeam(`group:default/team-${i}`, { level: 2 })),
      );
      const id = await store.startSnapshot({
        startedAt: new Date(),
        abandonedBefore: new Date(0),
      });
      await store.completeSnapshot(result(id, { teams, assets }));
      expect(await store.getAsset('resource:default/asset-15999')).toEqual(
        assets[15999],
      );
      expect(await store.getTeam('group:default/team-7999')).toEqual(
        teams[7999],
      );
      expect(
        await store.getTeamHistory({ teamRef: 'group:default/team-7999' }),
      ).toHaveLength(1);

      // a failing write (the same asset twice, in the second statement)
      // leaves the previous results and status untouched
      const failing = await store.startSnapshot({
        startedAt: new Date(),
        abandonedBefore: new Date(0),
      });
      // Matched by message, not `toThrow()`: better-sqlite3's SqliteError is
      // no real Error object, and its constructor is the one of the first
      // test file that loaded the driver in this Jest worker, so Jest's
      // `instanceof Error` failed whenever another file had loaded it first.
      await expect(
        store.completeSnapshot(
          result(failing, {
            teams: [stored(makeTeam('group:default/other'))],
            assets: [...assets, assets[0]],
            day: '2026-03-03',
          }),
        ),
      ).rejects.toHaveProperty(
        'message',
        expect.stringMatching(
          /UNIQUE constraint failed: asset_contributions\.entity_ref|duplicate key value violates unique constraint "asset_contributions_pkey"/,
        ),
      );
      expect(await store.getTeam('group:default/other')).toBeUndefined();
      expect(await store.getTeam('group:default/team-0')).toEqual(teams[0]);
      expect(
        await store.getTeamHistory({ teamRef: 'group:default/other' }),
      ).toEqual([]);
      expect((await store.getRefreshStatus()).lastSuccess?.id).toBe(id);
    });

    it('keeps one history point per team per day and purges old days', async () => {
      const { store } = await createStore(databaseId);
      const write = async (day: string, level: number, purge: string) => {
        const id = await store.startSnapshot({
          startedAt: new Date(),
          abandonedBefore: new Date(0),
        });
        await store.completeSnapshot(
          result(id, {
            teams: [stored(makeTeam('group:default/a', { level: level as 1 }))],
            day,
            purgeHistoryBefore: purge,
          }),
        );
      };
      await write('2026-01-01', 1, '2000-01-01');
      await write('2026-01-02', 1, '2000-01-01');
      await write('2026-01-02', 2, '2000-01-01');
      await write('2026-01-03', 3, '2026-01-02');

      const points = await store.getTeamHistory({ teamRef: 'group:default/a' });
      expect(points.map(p => [p.day, p.level, p.kitsCompleted])).toEqual([
        ['2026-01-02', 2, 1],
        ['2026-01-03', 3, 2],
      ]);
      expect(points[0].kits).toHaveLength(5);
      expect(
        await store.getTeamHistory({
          teamRef: 'group:default/a',
          from: '2026-01-03',
          to: '2026-01-03',
        }),
      ).toHaveLength(1);
      expect(await store.getHistoryTeamRefs({ to: '2026-01-01' })).toEqual([]);
      expect(await store.getHistoryTeamRefs({ to: '2026-01-02' })).toEqual([
        'group:default/a',
      ]);
      expect(
        await store.countHistoryLevels({
          to: '2026-01-02',
          teamRefs: ['group:default/a'],
        }),
      ).toEqual([{ day: '2026-01-02', level: 2, count: 1 }]);
    });

    it("keeps only the teams of the day's last refresh in that day's history", async () => {
      const { store } = await createStore(databaseId);
      const write = async (day: string, names: string[]) => {
        const id = await store.startSnapshot({
          startedAt: new Date(),
          abandonedBefore: new Date(0),
        });
        await store.completeSnapshot(
          result(id, {
            teams: names.map(name =>
              stored(makeTeam(`group:default/${name}`, { level: 2 })),
            ),
            day,
          }),
        );
      };
      // b is renamed to c during 2026-01-02, and comes back on 2026-01-03
      await write('2026-01-01', ['a', 'b']);
      await write('2026-01-02', ['a', 'b']);
      await write('2026-01-02', ['a', 'c']);
      await write('2026-01-03', ['a', 'b']);

      const days = async (name: string) =>
        (await store.getTeamHistory({ teamRef: `group:default/${name}` })).map(
          p => p.day,
        );
      expect(await days('a')).toEqual([
        '2026-01-01',
        '2026-01-02',
        '2026-01-03',
      ]);
      expect(await days('b')).toEqual(['2026-01-01', '2026-01-03']);
      expect(await days('c')).toEqual(['2026-01-02']);
      expect(
        await store.countHistoryLevels({
          teamRefs: ['a', 'b', 'c'].map(name => `group:default/${name}`),
        }),
      ).toEqual([
        { day: '2026-01-01', level: 2, count: 2 },
        { day: '2026-01-02', level: 2, count: 2 },
        { day: '2026-01-03', level: 2, count: 2 },
      ]);
      expect(
        await store.getHistoryTeamRefs({
          from: '2026-01-02',
          to: '2026-01-02',
        }),
      ).toEqual(['group:default/a', 'group:default/c']);
    });

    it('keeps the payload of the latest two successful refreshes only', async () => {
      const { knex, store } = await createStore(databaseId);
      const ids: number[] = [];
      for (let i = 0; i < 4; i++) {
        const id = await store.startSnapshot({
          startedAt: new Date(),
          abandonedBefore: new Date(0),
        });
        ids.push(id);
        if (i === 2) {
          await store.failSnapshot({
            snapshotId: id,
            finishedAt: new Date(),
            error: 'catalog down',
          });
        } else {
          await store.completeSnapshot(
            result(id, {
              payload: {
                generatedAt: `2026-03-02T10:00:0${i}.000Z`,
                unattributedAssets: [`resource:default/orphan-${i}`],
                findings: [],
              },
            }),
          );
        }
      }
      const rows: Array<{
        id: number;
        status: string;
        payload: string | null;
      }> = await knex('snapshots')
        .orderBy('id')
        .select('id', 'status', 'payload');
      expect(
        rows.map(r => [Number(r.id), r.status, r.payload !== null]),
      ).toEqual([
        [ids[0], 'succeeded', false],
        [ids[1], 'succeeded', true],
        [ids[2], 'failed', false],
        [ids[3], 'succeeded', true],
      ]);
      // every refresh is still listed, and the latest one served
      expect((await store.listSnapshots()).map(s => s.id)).toEqual(ids);
      expect((await store.getRefreshStatus()).lastSuccess).toMatchObject({
        id: ids[3],
        payload: { unattributedAssets: ['resource:default/orphan-3'] },
      });

      // a payload gone from under a reader is never served as null
      await knex('snapshots').where('id', ids[3]).update({ payload: null });
      const other = await DatabaseAssessmentStore.create({
        database: mockServices.database({ knex }),
      });
      await expect(other.getRefreshStatus()).rejects.toHaveProperty(
        'message',
        'The latest ML maturity refresh could not be read: newer refreshes kept replacing it while it was read',
      );
    });

    it('lists the teams with history in a range and counts their levels per day', async () => {
      const { knex, store } = await createStore(databaseId);
      expect(await store.getHistoryTeamRefs({})).toEqual([]);
      expect(
        await store.countHistoryLevels({ teamRefs: ['group:default/a'] }),
      ).toEqual([]);

      // team: levels on 2026-01-01..04 (null: no point that day)
      const levels: Record<string, Array<number | null>> = {
        a: [1, 2, 2, null],
        b: [1, 1, null, 3],
        c: [null, null, 5, null],
        d: [2, null, null, null],
        e: [null, null, null, 1],
      };
      await knex('team_history').insert(
        Object.entries(levels).flatMap(([name, byDay]) =>
          byDay.flatMap((level, i) =>
            level === null
              ? []
              : [
                  {
                    team_ref: `group:default/${name}`,
                    day: `2026-01-0${i + 1}`,
                    level,
                    kits_completed: level - 1,
                    kits: '[]',
                  },
                ],
          ),
        ),
      );
      const refs = (...names: string[]) =>
        names.map(name => `group:default/${name}`);
      const teamRefs = async (range: { from?: string; to?: string }) =>
        (await store.getHistoryTeamRefs(range)).sort();

      expect(await teamRefs({})).toEqual(refs('a', 'b', 'c', 'd', 'e'));
      expect(await teamRefs({ from: '2026-01-02', to: '2026-01-03' })).toEqual(
        refs('a', 'b', 'c'),
      );
      expect(await teamRefs({ from: '2026-01-04' })).toEqual(refs('b', 'e'));
      expect(await teamRefs({ to: '2026-01-01' })).toEqual(refs('a', 'b', 'd'));
      expect(await teamRefs({ from: '2026-01-05' })).toEqual([]);

      // every team: no filter
      expect(
        await store.countHistoryLevels({
          teamRefs: refs('e', 'd', 'c', 'b', 'a'),
        }),
      ).toEqual([
        { day: '2026-01-01', level: 1, count: 2 },
        { day: '2026-01-01', level: 2, count: 1 },
        { day: '2026-01-02', level: 1, count: 1 },
        { day: '2026-01-02', level: 2, count: 1 },
        { day: '2026-01-03', level: 2, count: 1 },
        { day: '2026-01-03', level: 5, count: 1 },
        { day: '2026-01-04', level: 1, count: 1 },
        { day: '2026-01-04', level: 3, count: 1 },
      ]);
      // most teams (the others left out); unknown refs count for nothing
      expect(
        await store.countHistoryLevels({
          from: '2026-01-01',
          to: '2026-01-03',
          teamRefs: refs('a', 'b', 'c', 'e', 'unknown', 'a'),
        }),
      ).toEqual([
        { day: '2026-01-01', level: 1, count: 2 },
        { day: '2026-01-02', level: 1, count: 1 },
        { day: '2026-01-02', level: 2, count: 1 },
        { day: '2026-01-03', level: 2, count: 1 },
        { day: '2026-01-03', level: 5, count: 1 },
      ]);
      // few teams (only those)
      expect(
        await store.countHistoryLevels({
          from: '2026-01-03',
          teamRefs: refs('c', 'e'),
        }),
      ).toEqual([
        { day: '2026-01-03', level: 5, count: 1 },
        { day: '2026-01-04', level: 1, count: 1 },
      ]);
      // teams without a point in the range
      expect(
        await store.countHistoryLevels({
          from: '2026-01-02',
          teamRefs: refs('d', 'unknown'),
        }),
      ).toEqual([]);
      expect(await store.countHistoryLevels({ teamRefs: [] })).toEqual([]);
    });

    it('never counts a team written after the teams were listed', async () => {
      const { knex, store } = await createStore(databaseId);
      const point = (team: string, level: number) => ({
        team_ref: `group:default/${team}`,
        day: '2026-01-01',
        level,
        kits_completed: 0,
        kits: '[]',
      });
      await knex('team_history').insert([point('a', 1), point('b', 2)]);
      const listed = await store.getHistoryTeamRefs({});
      // a refresh writes a new team before the caller counts what it may see
      await knex('team_history').insert([point('new', 1), point('new2', 3)]);
      expect(await store.countHistoryLevels({ teamRefs: listed })).toEqual([
        { day: '2026-01-01', level: 1, count: 1 },
        { day: '2026-01-01', level: 2, count: 1 },
      ]);
      expect(
        await store.countHistoryLevels({ teamRefs: listed.slice(0, 1) }),
      ).toEqual([{ day: '2026-01-01', level: 1, count: 1 }]);
    });

    it('counts the levels of more teams than one statement may name', async () => {
      const { knex, store } = await createStore(databaseId);
      const teams = 2 * MAX_FILTER_REFS + 2;
      const ref = (i: number) => `group:default/team-${i}`;
      const level = (i: number, day: number) => 1 + ((i + day) % 5);
      const rows = Array.from({ length: teams }, (_, i) =>
        [1, 2].map(day => ({
          team_ref: ref(i),
          day: `2026-01-0${day}`,
          level: level(i, day),
          kits_completed: 0,
          kits: '[]',
        })),
      ).flat();
      // SQLite takes at most 500 rows per multi-row INSERT from knex
      await knex.batchInsert('team_history', rows, 400);
      const statements: unknown[][] = [];
      knex.on('query', (query: { bindings?: unknown[] }) => {
        statements.push(query.bindings ?? []);
      });

      // the first `visible` teams: hidden ones left out in one statement
      // (MAX_FILTER_REFS of them), or visible ones named in chunks (one more)
      for (const visible of [MAX_FILTER_REFS + 2, MAX_FILTER_REFS + 1]) {
        const expected = new Map<string, number>();
        for (let i = 0; i < visible; i++) {
          for (const day of [1, 2]) {
            const key = `2026-01-0${day} ${level(i, day)}`;
            expected.set(key, (expected.get(key) ?? 0) + 1);
          }
        }
        const counts = await store.countHistoryLevels({
          from: '2026-01-01',
          teamRefs: Array.from({ length: visible }, (_, i) => ref(i)),
        });
        expect(counts).toEqual(
          // keys `day level` (one digit) sort as days, then levels
          [...expected]
            .sort(([x], [y]) => (x < y ? -1 : 1))
            .map(([key, count]) => {
              const [day, lvl] = key.split(' ');
              return { day, level: Number(lvl), count };
            }),
        );
      }
      // the lists were as long as allowed, never longer
      const longest = Math.max(...statements.map(b => b.length));
      expect(longest).toBeGreaterThanOrEqual(MAX_FILTER_REFS);
      expect(longest).toBeLessThanOrEqual(MAX_FILTER_REFS + 2);
    });

    it('records one revoke of two at once', async () => {
      const { store } = await createStore(databaseId);
      // several pairs, so that the two of a pair overlap on PostgreSQL
      const ids = [1, 2, 3, 4, 5, 6].map(
        n => `8b0e3c4c-5f0e-4f7a-9a55-0d6f7a3c1e${String(n).padStart(2, '0')}`,
      );
      for (const id of ids) {
        await store.createAttestation({
          id,
          teamRef: 'group:default/a',
          itemId: 'starter.process.use-cases',
          url: 'https://wiki.example.com/use-cases',
          by: 'user:default/alice',
          at: '2026-03-01T00:00:00.000Z',
          expiresAt: '2027-03-01T00:00:00.000Z',
        });
      }
      const results = await Promise.all(
        ids.map(id =>
          Promise.all(
            ['user:default/bob', 'user:default/carol'].map((actor, i) =>
              store.revokeAttestation({
                id,
                actor,
                at: new Date(Date.UTC(2026, 2, 5 + i)),
              }),
            ),
          ),
        ),
      );
      // both calls of a pair see the same revoke, and exactly one made it
      for (const [first, second] of results) {
        expect(first?.record).toEqual(second?.record);
        expect(first?.record.revokedBy).toMatch(/^user:default\/(bob|carol)$/);
        expect([first?.revokedNow, second?.revokedNow].sort()).toEqual([
          false,
          true,
        ]);
      }
      const events = await store.listAttestationEvents({
        teamRef: 'group:default/a',
      });
      for (const id of ids) {
        expect(
          events.filter(e => e.attestationId === id && e.action === 'revoked'),
        ).toHaveLength(1);
      }
    });

    it('records, lists and revokes attestations with an audit trail', async () => {
      const { store } = await createStore(databaseId);
      expect(await store.getAttestationsVersion()).toBe(0);
      const created = await store.createAttestation({
        id: '8b0e3c4c-5f0e-4f7a-9a55-0d6f7a3c1e11',
        teamRef: 'group:default/a',
        itemId: 'starter.process.use-cases',
        url: 'https://wiki.example.com/use-cases',
        comment: 'Reviewed in Q1',
        by: 'user:default/alice',
        at: '2026-03-01T00:00:00.000Z',
        expiresAt: '2027-03-01T00:00:00.000Z',
      });
      expect(created).toEqual({
        id: '8b0e3c4c-5f0e-4f7a-9a55-0d6f7a3c1e11',
        teamRef: 'group:default/a',
        itemId: 'starter.process.use-cases',
        url: 'https://wiki.example.com/use-cases',
        comment: 'Reviewed in Q1',
        by: 'user:default/alice',
        at: '2026-03-01T00:00:00.000Z',
        expiresAt: '2027-03-01T00:00:00.000Z',
      });
      const afterCreate = await store.getAttestationsVersion();
      expect(afterCreate).toBeGreaterThan(0);
      expect(await store.listUnrevokedAttestations()).toEqual([created]);

      const revocation = await store.revokeAttestation({
        id: created.id,
        actor: 'user:default/bob',
        at: new Date('2026-03-05T00:00:00Z'),
      });
      expect(revocation?.revokedNow).toBe(true);
      const revoked = revocation?.record;
      expect(revoked).toMatchObject({
        revokedAt: '2026-03-05T00:00:00.000Z',
        revokedBy: 'user:default/bob',
      });
      expect(await store.getAttestationsVersion()).toBeGreaterThan(afterCreate);
      expect(await store.listUnrevokedAttestations()).toEqual([]);
      // Revoking again writes nothing and returns the record as it is.
      expect(
        await store.revokeAttestation({
          id: created.id,
          actor: 'user:default/carol',
          at: new Date('2026-03-06T00:00:00Z'),
        }),
      ).toEqual({ record: revoked, revokedNow: false });
      expect(
        await store.revokeAttestation({
          id: '00000000-0000-4000-8000-000000000000',
          actor: 'user:default/bob',
          at: new Date(),
        }),
      ).toBeUndefined();

      expect(
        await store.listAttestations({ teamRef: 'group:default/a' }),
      ).toEqual([revoked]);
      const events = await store.listAttestationEvents({
        teamRef: 'group:default/a',
      });
      expect(events.map(e => [e.action, e.actor, e.at])).toEqual([
        ['created', 'user:default/alice', '2026-03-01T00:00:00.000Z'],
        ['revoked', 'user:default/bob', '2026-03-05T00:00:00.000Z'],
      ]);
      expect(events[1]).toMatchObject({
        attestationId: created.id,
        url: 'https://wiki.example.com/use-cases',
        comment: 'Reviewed in Q1',
      });
    });
  });
});
