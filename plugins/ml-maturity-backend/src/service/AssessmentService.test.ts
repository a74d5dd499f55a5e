import {
  mockCredentials,
  mockServices,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DEFAULT_KITS } from '@aiml-service-kits/plugin-ml-maturity-common';
import { Knex } from 'knex';
import { StoredTeam } from '../database/AssessmentStore';
import { DatabaseAssessmentStore } from '../database/DatabaseAssessmentStore';
import { makeTeam, stored } from '../__testUtils__/teams';
import { testDatabases } from '../__testUtils__/databases';
import type { OrgHistoryResponse } from '@aiml-service-kits/plugin-ml-maturity-common';
import { AssessmentService } from './AssessmentService';

jest.setTimeout(60_000);

const group = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name },
  spec: { type: 'team', children: [] },
});
const resource = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name },
  spec: { type: 'dataset', owner: 'vision' },
});

const VISION = 'group:default/vision';
const SECRET = 'group:default/secret';
/** In history only (no longer assessed); its Group is readable. */
const FORMER = 'group:default/former';
/** In history only; its Group is gone. */
const GONE = 'group:default/gone';
/** Implicit teams: visible through their referrer, or not. */
const SHOWN = 'group:default/shown-implicit';
const UNSEEN = 'group:default/unseen-implicit';

/**
 * The org history as it was computed before the database counted it: every
 * point of the range read, kept when its team is visible, counted here.
 */
async function referenceOrgHistory(
  knex: Knex,
  visible: Set<string>,
  range: { from?: string; to?: string } = {},
): Promise<OrgHistoryResponse> {
  const query = knex('team_history')
    .select('team_ref', 'day', 'level')
    .orderBy('day', 'asc');
  if (range.from) query.where('day', '>=', range.from);
  if (range.to) query.where('day', '<=', range.to);
  const days = new Map<string, OrgHistoryResponse['days'][number]>();
  for (const row of await query) {
    if (!visible.has(row.team_ref)) continue;
    let entry = days.get(row.day);
    if (!entry) {
      entry = {
        day: row.day,
        levels: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 },
      };
      days.set(row.day, entry);
    }
    entry.levels[String(row.level) as '1'] += 1;
  }
  return { days: [...days.values()] };
}

describe('AssessmentService.getOrgHistory', () => {
  const databases = testDatabases(['SQLITE_3', 'POSTGRES_15']);

  async function setup(databaseId: TestDatabaseId, entities: Entity[]) {
    const knex = await databases.init(databaseId);
    const store = await DatabaseAssessmentStore.create({
      database: mockServices.database({ knex }),
    });
    const service = AssessmentService.create({
      store,
      catalog: catalogServiceMock({ entities }),
      kits: DEFAULT_KITS,
    });
    const orgHistory = (range: { from?: string; to?: string } = {}) =>
      service.getOrgHistory({
        credentials: mockCredentials.user('user:default/alice'),
        ...range,
      });
    /** One refresh writing these teams' points of one day. */
    const refresh = async (day: string, teams: StoredTeam[]) => {
      const snapshotId = await store.startSnapshot({
        startedAt: new Date(),
        abandonedBefore: new Date(0),
      });
      await store.completeSnapshot({
        snapshotId,
        finishedAt: new Date(),
        entityCount: teams.length,
        payload: { generatedAt: day, unattributedAssets: [], findings: [] },
        teams,
        assets: [],
        day,
        purgeHistoryBefore: '2000-01-01',
      });
    };
    return { knex, store, orgHistory, refresh };
  }

  const team = (ref: string, level: number) =>
    stored(makeTeam(ref, { level: level as 1 }));
  const implicit = (ref: string, level: number, referrer: string) =>
    stored(makeTeam(ref, { level: level as 1, implicit: true }), [referrer]);
  const levels = (
    counts: Partial<Record<'1' | '2' | '3' | '4' | '5', number>>,
  ) => ({
    '1': 0,
    '2': 0,
    '3': 0,
    '4': 0,
    '5': 0,
    ...counts,
  });

  describe.each(databases.ids)('%p', databaseId => {
    it('counts only the teams the caller may see, per level and day', async () => {
      const { knex, orgHistory, refresh } = await setup(databaseId, [
        group('vision'),
        group('former'),
        resource('images'),
      ]);
      expect(await orgHistory()).toEqual({ days: [] });

      await refresh('2026-03-01', [
        team(VISION, 1),
        team(SECRET, 2),
        team(FORMER, 1),
        team(GONE, 3),
      ]);
      await refresh('2026-03-02', [
        team(VISION, 2),
        team(SECRET, 2),
        implicit(SHOWN, 3, 'resource:default/images'),
        implicit(UNSEEN, 4, 'resource:default/hidden'),
      ]);
      // a day with hidden teams only is absent
      await refresh('2026-03-03', [team(SECRET, 5), team(GONE, 5)]);
      await refresh('2026-03-04', [
        team(VISION, 3),
        team(SECRET, 1),
        implicit(SHOWN, 4, 'resource:default/images'),
        implicit(UNSEEN, 2, 'resource:default/hidden'),
      ]);

      const all = await orgHistory();
      expect(all).toEqual({
        days: [
          { day: '2026-03-01', levels: levels({ '1': 2 }) },
          { day: '2026-03-02', levels: levels({ '2': 1, '3': 1 }) },
          { day: '2026-03-04', levels: levels({ '3': 1, '4': 1 }) },
        ],
      });
      expect(all).toEqual(
        await referenceOrgHistory(knex, new Set([VISION, FORMER, SHOWN])),
      );
      expect(
        await orgHistory({ from: '2026-03-02', to: '2026-03-03' }),
      ).toEqual({
        days: [{ day: '2026-03-02', levels: levels({ '2': 1, '3': 1 }) }],
      });
      expect(
        await orgHistory({ from: '2026-03-03', to: '2026-03-03' }),
      ).toEqual({ days: [] });
      expect(await orgHistory({ to: '2026-03-01' })).toEqual({
        days: [{ day: '2026-03-01', levels: levels({ '1': 2 }) }],
      });
    });

    it('counts every team for a caller who may see them all, and none for one who may see none', async () => {
      const everything = await setup(databaseId, [
        group('vision'),
        group('secret'),
      ]);
      await everything.refresh('2026-03-01', [
        team(VISION, 1),
        team(SECRET, 1),
      ]);
      await everything.refresh('2026-03-02', [
        team(VISION, 2),
        team(SECRET, 5),
      ]);
      expect(await everything.orgHistory({ from: '2026-03-01' })).toEqual({
        days: [
          { day: '2026-03-01', levels: levels({ '1': 2 }) },
          { day: '2026-03-02', levels: levels({ '2': 1, '5': 1 }) },
        ],
      });

      const nothing = await setup(databaseId, [group('other')]);
      await nothing.refresh('2026-03-01', [team(VISION, 1), team(SECRET, 1)]);
      expect(await nothing.orgHistory()).toEqual({ days: [] });
    });

    it.each([0.3, 0.8])(
      'gives what counting every point in the service gave, for many teams and days (%p of them visible)',
      async share => {
        // a deterministic spread of levels, days and visibility
        let seed = 42;
        const random = () => {
          seed = (seed * 1103515245 + 12345) % 2 ** 31;
          return seed / 2 ** 31;
        };
        const names = Array.from({ length: 60 }, (_, i) => `team-${i}`);
        const readable = names.filter(() => random() < share);
        const { knex, orgHistory, refresh } = await setup(
          databaseId,
          readable.map(group),
        );
        for (let d = 1; d <= 9; d++) {
          await refresh(
            `2026-04-0${d}`,
            names
              .filter(() => random() < 0.7)
              .map(name =>
                team(`group:default/${name}`, 1 + Math.floor(random() * 5)),
              ),
          );
        }
        const visible = new Set(readable.map(name => `group:default/${name}`));
        for (const range of [
          {},
          { from: '2026-04-03' },
          { to: '2026-04-05' },
          { from: '2026-04-04', to: '2026-04-06' },
        ]) {
          const history = await orgHistory(range);
          expect(history.days.length).toBeGreaterThan(0);
          expect(history).toEqual(
            await referenceOrgHistory(knex, visible, range),
          );
        }
      },
    );
  });
});
