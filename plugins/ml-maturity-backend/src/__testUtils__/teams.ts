import type {
  KitProgress,
  MaturityLevel,
  TeamAssessment,
} from '@aiml-service-kits/plugin-ml-maturity-common';
import { StoredTeam } from '../database/AssessmentStore';

const KITS = ['starter', 'accelerator', 'scaler', 'synergizer', 'transformer'];
const LEVEL_NAMES = [
  'Basic',
  'Opportunistic',
  'Systematic',
  'Differentiating',
  'Transformational',
] as const;

/** A hand-made team assessment for store and router tests. */
export function makeTeam(
  entityRef: string,
  overrides: Partial<TeamAssessment> = {},
): TeamAssessment {
  const level = (overrides.level ?? 1) as MaturityLevel;
  const kits: KitProgress[] = KITS.map((id, index) => ({
    id: id as KitProgress['id'],
    met: index < level - 1 ? 3 : 0,
    total: 3,
    complete: index < level - 1,
  }));
  return {
    entityRef,
    implicit: false,
    parent: null,
    level,
    levelName: LEVEL_NAMES[level - 1],
    kitsCompleted: level - 1,
    currentKit: level > 5 ? null : (KITS[level - 1] as KitProgress['id']),
    kits,
    items: [],
    challenges: {
      professionalSkills: { level: 1, reason: 'always' },
      infrastructure: { level: 1, reason: 'always' },
      data: { level: 1, reason: 'always' },
    },
    findings: [],
    rollup: null,
    ...overrides,
  };
}

/** Wraps a team assessment the way the store keeps it. */
export function stored(
  assessment: TeamAssessment,
  referencedBy: string[] = [],
): StoredTeam {
  return { assessment, referencedBy };
}
