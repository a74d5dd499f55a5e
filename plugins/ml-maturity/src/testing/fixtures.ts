import type {
  KitDefinition,
  KitId,
  KitProgress,
  TeamAssessment,
} from '@aiml-service-kits/plugin-ml-maturity-common';
import type { MlMaturityApi } from '../api';

const KITS: KitId[] = [
  'starter',
  'accelerator',
  'scaler',
  'synergizer',
  'transformer',
];
const NAMES = [
  'Basic',
  'Opportunistic',
  'Systematic',
  'Differentiating',
  'Transformational',
] as const;

/** A small kit set: two items per kit, one process (attestable), one technology. */
export const testKits: KitDefinition[] = KITS.map((id, i) => ({
  id,
  title: `AIML ${id[0].toUpperCase()}${id.slice(1)} Kit`,
  level: (i + 1) as 1,
  levelName: NAMES[i],
  items: [
    {
      id: `${id}.process.practice`,
      kit: id,
      dimension: 'process',
      title: `${id} practice defined`,
      description: `The ${id} practice is defined`,
      howTo: `Attest the ${id} practice with a link to its document`,
      required: true,
      attestable: true,
    },
    {
      id: `${id}.technology.datasets`,
      kit: id,
      dimension: 'technology',
      title: `${id} datasets`,
      description: `Owns ${id} datasets`,
      howTo: `Annotate a dataset for ${id} with ml-maturity.io/asset: dataset`,
      required: true,
      attestable: false,
    },
  ],
}));

/** A team at level `level`, its current kit half done. */
export function makeTeam(
  name: string,
  level: 1 | 2 | 3 | 4 | 5,
  extra: Partial<TeamAssessment> = {},
): TeamAssessment {
  const current = KITS[level - 1];
  const kits: KitProgress[] = KITS.map((id, i) => {
    let met = 0;
    if (i < level - 1) {
      met = 2;
    } else if (i === level - 1) {
      met = 1;
    }
    return { id, met, total: 2, complete: met === 2 };
  });
  return {
    entityRef: `group:default/${name}`,
    implicit: false,
    parent: null,
    level,
    levelName: NAMES[level - 1],
    kitsCompleted: level - 1,
    currentKit: current,
    kits,
    items: KITS.flatMap((id, i) => [
      {
        id: `${id}.process.practice`,
        kit: id,
        dimension: 'process' as const,
        required: true,
        status: 'unmet' as const,
        evidence: [],
      },
      {
        id: `${id}.technology.datasets`,
        kit: id,
        dimension: 'technology' as const,
        required: true,
        status: i <= level - 1 ? ('met' as const) : ('unmet' as const),
        evidence: i <= level - 1 ? [`resource:default/${name}-data`] : [],
      },
    ]),
    challenges: {
      professionalSkills: {
        level: 2,
        reason: 'members with role data-scientist',
      },
      infrastructure: { level: 1, reason: 'no compute and storage' },
      data: { level: 3, reason: 'a curated dataset with scope team' },
    },
    findings: [],
    rollup: null,
    ...extra,
  };
}

/** An MlMaturityApi whose every method is a jest mock that fails unless set. */
export function mockMlMaturityApi(
  overrides: Partial<Record<keyof MlMaturityApi, jest.Mock>> = {},
): jest.Mocked<MlMaturityApi> {
  const unexpected = (name: string) =>
    jest.fn(async () => {
      throw new Error(`unexpected call to ${name}`);
    });
  return {
    getKits: jest.fn(async () => testKits),
    getAssessments: unexpected('getAssessments'),
    getTeamAssessment: unexpected('getTeamAssessment'),
    getAssetContribution: unexpected('getAssetContribution'),
    getRoadmap: unexpected('getRoadmap'),
    getTeamHistory: jest.fn(async () => ({ points: [] })),
    getOrgHistory: jest.fn(async () => ({ days: [] })),
    getAttestations: jest.fn(async () => []),
    getTeamAttestations: jest.fn(async function getTeamAttestations(
      this: MlMaturityApi,
      options: { entityRef: string },
    ) {
      return {
        attestations: await this.getAttestations(options),
        canAttest: true,
      };
    }),
    createAttestation: unexpected('createAttestation'),
    revokeAttestation: unexpected('revokeAttestation'),
    refresh: unexpected('refresh'),
    ...overrides,
  } as jest.Mocked<MlMaturityApi>;
}

/** A fresh snapshot status. */
export const freshStatus = {
  stale: false,
  lastRefresh: '2026-11-27T06:00:00.000Z',
  lastError: null,
};

/** The roadmap of a snapshot with no teams (nothing assessed yet). */
export function emptyRoadmap() {
  return {
    generatedAt: '2026-11-27T06:00:00.000Z',
    levels: { '1': [], '2': [], '3': [], '4': [], '5': [] },
    teams: [],
    items: [],
    stale: false,
    lastRefresh: null,
    lastError: null,
  };
}

/**
 * That `table` scrolls sideways in `scroller` (a SideScroller), which is
 * focusable, so that it scrolls with the keyboard too.
 */
export function expectScrollsSideways(
  scroller: HTMLElement,
  table: HTMLElement,
) {
  expect(scroller).toContainElement(table);
  expect(scroller).toHaveAttribute('tabindex', '0');
  expect(scroller).toHaveStyle({ overflowX: 'auto' });
}
