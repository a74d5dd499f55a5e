import {
  KIT_IDS,
  type KitId,
  type RoadmapTeam,
} from '@aiml-service-kits/plugin-ml-maturity-common';
import { toCsv } from '../../lib/csv';
import { levelNameOf } from '../../lib/levels';

/** Share of a kit's required items that a team meets, 0..100. */
export function kitPercent(team: RoadmapTeam, kitId: KitId): number {
  const kit = team.kits.find(k => k.id === kitId);
  if (!kit) {
    return 0;
  }
  return kit.total > 0 ? Math.round((kit.met / kit.total) * 100) : 100;
}

/** Filters of the heat map. */
export interface HeatmapFilter {
  search: string;
  /** Parent group ref; empty for all. */
  parent: string;
}

export function filterTeams(
  teams: RoadmapTeam[],
  filter: HeatmapFilter,
): RoadmapTeam[] {
  const search = filter.search.trim().toLowerCase();
  const parent = filter.parent.toLowerCase();
  return teams.filter(
    team =>
      (!search || team.entityRef.toLowerCase().includes(search)) &&
      (!parent || (team.parent ?? '').toLowerCase() === parent),
  );
}

/** The heat map rows as CSV: team, parent, level, levelName, % per kit. */
export function heatmapCsv(teams: RoadmapTeam[]): string {
  const header = ['team', 'parent', 'level', 'levelName', ...KIT_IDS];
  const rows = teams.map(team => [
    team.entityRef,
    team.parent ?? '',
    team.level,
    team.levelName ?? levelNameOf(team.level),
    ...KIT_IDS.map(kitId => kitPercent(team, kitId)),
  ]);
  return `${toCsv([header, ...rows])}\r\n`;
}
