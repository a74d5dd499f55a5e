import {
  Assessment,
  Finding,
} from '@aiml-service-kits/plugin-ml-maturity-common';

/** How many unplaced findings and unattributed assets the table lists. */
export const MAX_LISTED = 20;

/** Renders rows as left-aligned columns separated by two spaces. */
export function renderColumns(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows
    .map(row =>
      row
        .map((cell, i) =>
          i === row.length - 1 ? cell : cell.padEnd(widths[i]),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function plural(
  count: number,
  word: string,
  words = `${word}s`,
): string {
  return `${count} ${count === 1 ? word : words}`;
}

/** A finding on one line, as the team report prints them. */
export function findingLine(finding: Finding): string {
  return `${finding.entityRef} ${finding.field} = ${JSON.stringify(
    finding.value,
  )}: ${finding.message}`;
}

/** Up to MAX_LISTED lines, then how many more and where to see them. */
function listed(lines: string[], more: string): string[] {
  const shown = lines.slice(0, MAX_LISTED).map(line => `  ${line}`);
  if (lines.length > MAX_LISTED) {
    shown.push(`  ... and ${lines.length - MAX_LISTED} more (${more})`);
  }
  return shown;
}

/** What the table shows besides the assessment. */
export interface AssessmentTableOptions {
  /**
   * Refs of ML assets that count for no team because they name no owner
   * (no finding says so: a missing owner is no invalid value).
   */
  ownerless?: ReadonlySet<string>;
}

/**
 * The findings on no team and the ML assets that count for no team, with
 * why (their findings say it, listed first so that the cut at MAX_LISTED
 * keeps them; an asset without an owner has no finding, so its line says
 * it): otherwise only --json would show them.
 */
function unplacedLines(
  assessment: Assessment,
  ownerless: ReadonlySet<string>,
): string[] {
  const lines: string[] = [];
  const unattributed = new Set(assessment.unattributedAssets);
  if (assessment.unattributedAssets.length > 0) {
    lines.push(
      '',
      `ML assets that count for no team (${assessment.unattributedAssets.length}); the findings below say why:`,
      ...listed(
        assessment.unattributedAssets.map(ref =>
          ownerless.has(ref)
            ? `${ref} (no owner: add spec.owner, e.g. group:default/<team>)`
            : ref,
        ),
        'jq .unattributedAssets of --json',
      ),
    );
  }
  if (assessment.findings.length > 0) {
    const onAssets = assessment.findings.filter(f =>
      unattributed.has(f.entityRef),
    );
    const others = assessment.findings.filter(
      f => !unattributed.has(f.entityRef),
    );
    lines.push(
      '',
      `Findings on no team (${assessment.findings.length})${
        onAssets.length > 0 && others.length > 0
          ? ', those on the assets above first'
          : ''
      }:`,
      ...listed(
        [...onAssets, ...others].map(findingLine),
        'jq .findings of --json',
      ),
    );
  }
  return lines;
}

/**
 * The default CLI output: one row per team (level, level name, current kit,
 * required items met of the current kit), a summary line, then the ML
 * assets and findings on no team (a team's own are in its --team report).
 */
export function formatAssessmentTable(
  assessment: Assessment,
  options: AssessmentTableOptions = {},
): string {
  const rows = [['TEAM', 'LEVEL', 'NAME', 'CURRENT KIT', 'MET']];
  for (const team of assessment.teams) {
    const current = team.kits.find(kit => kit.id === team.currentKit);
    rows.push([
      team.implicit ? `${team.entityRef} (implicit)` : team.entityRef,
      String(team.level),
      team.levelName,
      team.currentKit ?? '(all complete)',
      current ? `${current.met}/${current.total}` : '-',
    ]);
  }
  // A finding shows on every team it concerns (a member of two teams):
  // count it once.
  const teamFindings = new Set(
    assessment.teams.flatMap(team =>
      team.findings.map(f =>
        JSON.stringify([f.entityRef, f.field, f.value, f.message]),
      ),
    ),
  ).size;
  const implicit = assessment.teams.filter(team => team.implicit).length;
  const lines = [
    assessment.teams.length > 0
      ? renderColumns(rows)
      : '(no teams: no Group entities and no group owners in the input)',
    '',
    `${plural(assessment.teams.length, 'team')} (${implicit} implicit), ` +
      `${plural(teamFindings + assessment.findings.length, 'finding')} ` +
      `(${teamFindings} on teams, ${assessment.findings.length} unplaced), ` +
      `${plural(
        assessment.unattributedAssets.length,
        'unattributed ML asset',
      )}`,
  ];
  lines.push(...unplacedLines(assessment, options.ownerless ?? new Set()));
  if (assessment.teams.length > 0) {
    lines.push(
      '',
      `See a team's checklist with --team <TEAM>, e.g. --team ${assessment.teams[0].entityRef}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
