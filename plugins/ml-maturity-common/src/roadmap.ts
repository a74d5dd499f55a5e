import {
  Assessment,
  KIT_IDS,
  KitDefinition,
  Roadmap,
  RoadmapItem,
  RoadmapTeam,
} from './types';
import { compareStrings } from './util';

/**
 * The organisation view of `GET /roadmap`: teams per level and, per item,
 * the teams it blocks (their current kit has it unmet; required items only)
 * and the teams it would complete (the only unmet required item of their
 * current kit). Pure.
 *
 * @public
 */
export function buildRoadmap(
  assessment: Assessment,
  kits: KitDefinition[],
): Roadmap {
  const levels: Roadmap['levels'] = {
    '1': [],
    '2': [],
    '3': [],
    '4': [],
    '5': [],
  };
  const rows = new Map<string, RoadmapItem>();
  for (const kitId of KIT_IDS) {
    for (const kit of kits) {
      if (kit.id !== kitId) continue;
      for (const item of kit.items) {
        if (!rows.has(item.id)) {
          rows.set(item.id, {
            id: item.id,
            kit: kitId,
            blocks: [],
            completes: [],
          });
        }
      }
    }
  }
  const teams = [...assessment.teams].sort((a, b) =>
    compareStrings(a.entityRef, b.entityRef),
  );
  for (const team of teams) {
    const key = String(team.level) as keyof Roadmap['levels'];
    levels[key]?.push(team.entityRef);
    if (!team.currentKit) continue;
    const unmet = team.items.filter(
      i => i.kit === team.currentKit && i.required && i.status === 'unmet',
    );
    for (const item of unmet) {
      let row = rows.get(item.id);
      if (!row) {
        row = { id: item.id, kit: item.kit, blocks: [], completes: [] };
        rows.set(item.id, row);
      }
      row.blocks.push(team.entityRef);
      if (unmet.length === 1) {
        row.completes.push(team.entityRef);
      }
    }
  }
  const items = Array.from(rows.values()).sort(
    (a, b) =>
      b.blocks.length - a.blocks.length ||
      b.completes.length - a.completes.length ||
      compareStrings(a.id, b.id),
  );
  return {
    generatedAt: assessment.generatedAt,
    levels,
    teams: teams.map(toRoadmapTeam),
    items,
  };
}

function toRoadmapTeam(team: RoadmapTeam): RoadmapTeam {
  return {
    entityRef: team.entityRef,
    implicit: team.implicit,
    parent: team.parent,
    level: team.level,
    levelName: team.levelName,
    kitsCompleted: team.kitsCompleted,
    currentKit: team.currentKit,
    kits: team.kits,
  };
}
