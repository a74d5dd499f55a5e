import { Assessment } from '@aiml-service-kits/plugin-ml-maturity-common';

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

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * The default CLI output: one row per team (level, level name, current kit,
 * required items met of the current kit) and a summary line.
 */
export function formatAssessmentTable(assessment: Assessment): string {
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
  if (assessment.teams.length > 0) {
    lines.push(
      `See a team's checklist with --team <TEAM>, e.g. --team ${assessment.teams[0].entityRef}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
