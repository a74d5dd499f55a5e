import {
  AssetContribution,
  ItemResult,
  KitDefinition,
  KitItemDefinition,
  TeamAssessment,
} from '@aiml-service-kits/plugin-ml-maturity-common';
import { findingLine } from './formatTable';

/** How many evidence entries to print per item before summarising. */
const MAX_EVIDENCE_SHOWN = 5;

/** How many assets of other teams to name under an unmet item. */
const MAX_OTHERS_SHOWN = 3;

/**
 * Per item, the assets of this input that meet it for other teams, each
 * with one of those teams: for an item a team may meet by using an asset,
 * the how-to's example refs are placeholders, and these are real refs to
 * put in spec.dependsOn.
 */
export function othersMeeting(
  assets: ReadonlyArray<AssetContribution>,
  team: string,
): Map<string, string[]> {
  const byItem = new Map<string, string[]>();
  for (const asset of assets) {
    const seen = new Set<string>();
    for (const { team: other, itemId, via } of asset.countsToward) {
      if (other === team || via !== 'owned' || seen.has(itemId)) continue;
      seen.add(itemId);
      const list = byItem.get(itemId) ?? [];
      list.push(`${asset.entityRef} (owned by ${other})`);
      byItem.set(itemId, list);
    }
  }
  return byItem;
}

/** The status as the JSON writes it (`--json` and `jq` use the same words). */
function statusLabel(item: ItemResult): string {
  return item.required ? `[${item.status}]` : `[${item.status}, optional]`;
}

/**
 * Under an attestable item's how-to: the CLI reads the catalog files only,
 * so of the two ways the how-to offers, only the annotation counts here.
 */
const CLI_ATTESTATION_NOTE =
  'note: this CLI reads attestations from ml-maturity.io/attest.* annotations only; one recorded in the portal counts there, not here';

function evidenceText(evidence: string[]): string {
  const shown = evidence.slice(0, MAX_EVIDENCE_SHOWN).join(', ');
  const more = evidence.length - MAX_EVIDENCE_SHOWN;
  return more > 0 ? `${shown} and ${more} more` : shown;
}

function itemLines(
  item: ItemResult,
  definition: KitItemDefinition | undefined,
  others: ReadonlyArray<string> | undefined,
): string[] {
  const indent = '      ';
  const lines = [
    `  ${statusLabel(item).padEnd(20)} ${item.id}${
      definition ? ` - ${definition.title}` : ''
    }`,
  ];
  if (item.evidence.length > 0) {
    lines.push(`${indent}evidence: ${evidenceText(item.evidence)}`);
  }
  if (item.attestation) {
    const { source, by, at, expiresAt } = item.attestation;
    const details = [
      by && `by ${by}`,
      at && `at ${at}`,
      expiresAt && `expires ${expiresAt}`,
    ]
      .filter(Boolean)
      .join(', ');
    lines.push(`${indent}attested (${source})${details ? `: ${details}` : ''}`);
  }
  if (item.reason) {
    lines.push(`${indent}reason: ${item.reason}`);
  }
  if (item.status === 'unmet' && definition) {
    lines.push(`${indent}how to: ${definition.howTo}`);
    if (definition.rule?.via === 'owned-or-used' && others?.length) {
      const more = others.length - MAX_OTHERS_SHOWN;
      lines.push(
        `${indent}in this input, owned by other teams (refs to use): ${others
          .slice(0, MAX_OTHERS_SHOWN)
          .join(', ')}${more > 0 ? ` and ${more} more` : ''}`,
      );
    }
    if (definition.attestable) {
      lines.push(`${indent}${CLI_ATTESTATION_NOTE}`);
    }
  }
  return lines;
}

/**
 * An implicit team exists only as the owner its assets name: process items
 * are attested on the team's Group, and people items need members, so the
 * first step is the Group itself.
 */
function implicitTeamLines(entityRef: string): string[] {
  const colon = entityRef.indexOf(':');
  const slash = entityRef.indexOf('/');
  const namespace = entityRef.slice(colon + 1, slash);
  const name = entityRef.slice(slash + 1);
  const metadata =
    namespace === 'default'
      ? `metadata: { name: ${name} }`
      : `metadata: { name: ${name}, namespace: ${namespace} }`;
  return [
    `  no Group entity: assets name this team as owner. To give it members (people items) or`,
    `  attest process items, first add its Group to a catalog-info.yaml:`,
    `    apiVersion: backstage.io/v1alpha1, kind: Group, ${metadata}, spec: { type: team, children: [] }`,
  ];
}

/** Options of {@link formatTeamReport}. */
export interface FormatTeamReportOptions {
  team: TeamAssessment;
  /** Kit definitions in force, for titles and how-tos. */
  kits: ReadonlyArray<KitDefinition>;
  /** Per item, assets of other teams that meet it ({@link othersMeeting}). */
  others?: ReadonlyMap<string, string[]>;
}

/**
 * One team's full checklist: all five kits (the current one marked), every
 * item with its status, evidence and, when missing, what to do; then the
 * challenges and the team's findings.
 */
export function formatTeamReport({
  team,
  kits,
  others,
}: FormatTeamReportOptions): string {
  const definitions = new Map<string, KitItemDefinition>();
  for (const kit of kits) {
    for (const item of kit.items) {
      definitions.set(item.id, item);
    }
  }
  const lines: string[] = [];
  lines.push(
    `${team.entityRef}${
      team.implicit ? ' (implicit: no Group entity in the input)' : ''
    }`,
    `  level ${team.level} ${team.levelName}, ${team.kitsCompleted} of 5 kits completed, ` +
      `current kit: ${team.currentKit ?? 'none (all complete)'}`,
    `  parent: ${team.parent ?? '-'}`,
  );
  if (team.implicit) {
    lines.push(...implicitTeamLines(team.entityRef));
  }
  if (team.rollup) {
    const levels = Object.entries(team.rollup.levels)
      .map(([level, count]) => `L${level}: ${count}`)
      .join(', ');
    lines.push(
      `  rollup over ${team.rollup.teams.length} descendant teams (${levels}): ` +
        `level ${team.rollup.level}, current kit ${
          team.rollup.currentKit ?? 'none'
        }`,
    );
  }

  for (const progress of team.kits) {
    const kit = kits.find(k => k.id === progress.id);
    const current = progress.id === team.currentKit;
    lines.push(
      '',
      `${current ? '>> ' : ''}${kit ? kit.title : progress.id} (level ${
        kit?.level ?? '?'
      } ${kit?.levelName ?? ''}): ${progress.met}/${
        progress.total
      } required items met` +
        `${progress.complete ? ', complete' : ''}${
          current ? '  <- current kit' : ''
        }`,
    );
    for (const item of team.items.filter(i => i.kit === progress.id)) {
      lines.push(
        ...itemLines(item, definitions.get(item.id), others?.get(item.id)),
      );
    }
  }

  lines.push('', 'Challenges (diagnostics; they do not change the level)');
  for (const [name, challenge] of Object.entries(team.challenges)) {
    lines.push(
      `  ${name.padEnd(20)} level ${challenge.level}: ${challenge.reason}`,
    );
  }

  lines.push('', `Findings (${team.findings.length})`);
  for (const finding of team.findings) {
    lines.push(`  ${findingLine(finding)}`);
  }
  if (team.findings.length === 0) {
    lines.push('  none');
  }
  return `${lines.join('\n')}\n`;
}
