import { InputError, NotFoundError } from '@backstage/errors';
import {
  assessedDuplicateIndex,
  editDistance,
  Assessment,
  classifyWithDetails,
} from '@aiml-service-kits/plugin-ml-maturity-common';
import { Command, CommanderError } from 'commander';
import { readCatalogFiles, ReadCatalogFilesResult } from '../reader';
import { findingLine, formatAssessmentTable, plural } from './formatTable';
import { formatTeamReport, othersMeeting } from './formatTeamReport';
import { loadMlMaturityConfig } from './loadConfig';
import { completeRef, normalizeTeamRef, parseNow } from './parseOptions';
import { terminalSafe } from './terminalSafe';
import { CliOutput, RunCliOptions } from './types';

/** Exit codes of the CLI (docs/cli.md). @public */
export const EXIT_CODES = {
  /** Assessed (findings do not change this). */
  ok: 0,
  /** Nothing could be read, or an unknown `--team`. */
  failed: 1,
  /** Bad usage: unknown option, bad `--now`, bad config. */
  usage: 2,
} as const;

interface AssessOptions {
  json?: boolean;
  config?: string[];
  team?: string;
  now?: string;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** One stderr line per skipped document and per unreadable path. */
function reportReadProblems(read: ReadCatalogFilesResult, stderr: CliOutput) {
  for (const error of read.errors) {
    stderr.write(`${error.file}: ${error.reason}\n`);
  }
  for (const skipped of read.skipped) {
    stderr.write(`${skipped.file}:${skipped.line}: ${skipped.reason}\n`);
  }
}

/**
 * Team refs like a ref that names no team: the same name in another kind
 * or namespace, names containing it, or names a couple of typos away.
 */
function similarTeams(ref: string, teams: string[]): string[] {
  const name = ref.slice(ref.lastIndexOf('/') + 1);
  const nameOf = (team: string) => team.slice(team.lastIndexOf('/') + 1);
  const limit = name.length > 4 ? 2 : 1;
  const scored = teams
    .map(team => {
      const other = nameOf(team);
      // typos first (by distance), then names holding each other
      let score = editDistance(name, other, limit);
      if (score > limit) {
        score = other.includes(name) || name.includes(other) ? 3 : 9;
      }
      return { team, score };
    })
    .filter(s => s.score < 9)
    .sort((x, y) => x.score - y.score || (x.team < y.team ? -1 : 1));
  return scored.slice(0, 5).map(s => s.team);
}

/** An entity's kind, namespace and name, lower-cased (the reader checked kind and name are strings). */
function identityOf(
  entity: unknown,
): { kind: string; namespace: string; name: string } | undefined {
  const e = entity as {
    kind?: unknown;
    metadata?: { name?: unknown; namespace?: unknown };
  };
  const name = e.metadata?.name;
  if (typeof e.kind !== 'string' || typeof name !== 'string') return undefined;
  const namespace =
    typeof e.metadata?.namespace === 'string'
      ? e.metadata.namespace
      : 'default';
  const lower = (text: string) => text.toLocaleLowerCase('en-US');
  return {
    kind: lower(e.kind),
    namespace: lower(namespace),
    name: lower(name),
  };
}

/** A ref written in spec.memberOf or spec.members, in full, lower-cased. */
function fullRef(value: unknown, kind: string, namespace: string): string {
  return typeof value === 'string' ? completeRef(value, kind, namespace) : '';
}

/**
 * When `--team` names a User of the input (`user:default/jane` or just
 * `jane`): the teams it is a member of, from both sides (its
 * spec.memberOf, the Groups' spec.members), that are teams of the
 * assessment; undefined when no such User is in the input.
 */
function teamsOfUser(
  entities: ReadonlyArray<unknown>,
  teamRef: string,
  teams: ReadonlyArray<string>,
): { user: string; teams: string[] } | undefined {
  const slash = teamRef.indexOf('/');
  const user = `user:${teamRef.slice(
    teamRef.indexOf(':') + 1,
    slash,
  )}${teamRef.slice(slash)}`;
  const identities = entities.map(identityOf);
  const index = identities.findIndex(
    id => id && `${id.kind}:${id.namespace}/${id.name}` === user,
  );
  if (index < 0) return undefined;
  const namespace = identities[index]!.namespace;
  const found = new Set<string>();
  const memberOf = (entities[index] as { spec?: { memberOf?: unknown } }).spec
    ?.memberOf;
  for (const value of Array.isArray(memberOf) ? memberOf : [memberOf]) {
    found.add(fullRef(value, 'group', namespace));
  }
  identities.forEach((id, i) => {
    if (id?.kind !== 'group') return;
    const members = (entities[i] as { spec?: { members?: unknown } }).spec
      ?.members;
    if (!Array.isArray(members)) return;
    if (members.some(m => fullRef(m, 'user', id.namespace) === user)) {
      found.add(`group:${id.namespace}/${id.name}`);
    }
  });
  return { user, teams: teams.filter(t => found.has(t)) };
}

function whereRead(read: ReadCatalogFilesResult, index: number): string {
  const source = read.sources[index];
  return source ? `${source.file}:${source.line}` : '(unknown file)';
}

/**
 * Entities defined more than once, with where, and which one is assessed
 * (the classifier's finding cannot say which files they came from).
 */
function reportDuplicates(read: ReadCatalogFilesResult, stderr: CliOutput) {
  const byRef = new Map<string, number[]>();
  read.entities.forEach((entity, i) => {
    const identity = identityOf(entity);
    if (!identity) return;
    const ref = `${identity.kind}:${identity.namespace}/${identity.name}`;
    const list = byRef.get(ref);
    if (list) list.push(i);
    else byRef.set(ref, [i]);
  });
  for (const [ref, indexes] of byRef) {
    if (indexes.length > 1) {
      const chosen =
        indexes[assessedDuplicateIndex(indexes.map(i => read.entities[i]))];
      stderr.write(
        `ml-maturity: ${ref} is defined ${indexes.length} times (${indexes
          .map(i => whereRead(read, i))
          .join(', ')}); only the one at ${whereRead(
          read,
          chosen,
        )} is assessed\n`,
      );
    }
  }
}

/** The targets of a Location entity (spec.target and spec.targets). */
function locationTargets(entity: unknown): string[] {
  const spec = (entity as { spec?: { target?: unknown; targets?: unknown } })
    .spec;
  const all = [
    spec?.target,
    ...(Array.isArray(spec?.targets) ? spec!.targets : []),
  ];
  return all.filter((t): t is string => typeof t === 'string');
}

/** Whether an entity names an owner, in spec.owner or an ownedBy relation. */
function namesOwner(entity: unknown): boolean {
  const e = entity as {
    spec?: { owner?: unknown };
    relations?: Array<{ type?: unknown }>;
  };
  return (
    (e.spec?.owner !== undefined && e.spec?.owner !== null) ||
    (Array.isArray(e.relations) &&
      e.relations.some(relation => relation?.type === 'ownedBy'))
  );
}

/**
 * The ML assets that count for no team because none of their definitions
 * names an owner: no finding says why (a missing owner is no invalid
 * value), so the table does.
 */
function ownerlessAssets(
  read: ReadCatalogFilesResult,
  assessment: Assessment,
): Set<string> {
  const unattributed = new Set(assessment.unattributedAssets);
  const withOwner = new Set<string>();
  const without = new Set<string>();
  for (const entity of read.entities) {
    const identity = identityOf(entity);
    if (!identity) continue;
    const ref = `${identity.kind}:${identity.namespace}/${identity.name}`;
    if (!unattributed.has(ref)) continue;
    (namesOwner(entity) ? withOwner : without).add(ref);
  }
  return new Set([...without].filter(ref => !withOwner.has(ref)));
}

/** The findings (on teams or on none) whose value is this ref, once each. */
function findingsNaming(assessment: Assessment, ref: string): string[] {
  const lines = new Set<string>();
  for (const finding of [
    ...assessment.findings,
    ...assessment.teams.flatMap(t => t.findings),
  ]) {
    if (finding.value === ref) lines.add(findingLine(finding));
  }
  return Array.from(lines).slice(0, 10);
}

/** Exactly the four top-level fields of the assessment JSON, in spec order. */
function assessmentJson(assessment: Assessment): string {
  const { generatedAt, teams, unattributedAssets, findings } = assessment;
  return `${JSON.stringify(
    { generatedAt, teams, unattributedAssets, findings },
    null,
    2,
  )}\n`;
}

async function assess(
  paths: string[],
  options: AssessOptions,
  { stdout, stderr }: Omit<RunCliOptions, 'argv'>,
): Promise<void> {
  // Validate everything cheap before reading any file.
  const now = options.now !== undefined ? parseNow(options.now) : new Date();
  const teamRef =
    options.team !== undefined ? normalizeTeamRef(options.team) : undefined;
  const { kits, assetTypeAliases, notes } = await loadMlMaturityConfig(
    options.config ?? [],
  );
  for (const note of notes) {
    stderr.write(`ml-maturity: ${note}\n`);
  }

  const read = await readCatalogFiles({ paths });
  reportReadProblems(read, stderr);
  if (read.filesRead === 0) {
    throw new NotFoundError(
      read.errors.length === 0
        ? `No *.yaml or *.yml file found under ${paths.join(', ')} ` +
          '(directories are searched recursively, skipping node_modules and names starting with a dot)'
        : `No catalog file could be read from ${paths.join(', ')} ` +
          `(${plural(read.errors.length, 'unreadable path')} above; ` +
          'directories are searched for *.yaml and *.yml)',
    );
  }
  const unparsable = read.skipped.filter(s => s.category === 'parse-error');
  if (read.entities.length === 0 && unparsable.length > 0) {
    // Nothing was assessed because the YAML is broken: an empty assessment
    // (exit 0, "no teams") would pass a pre-commit check of a broken
    // catalog-info.yaml.
    const files = new Set(unparsable.map(s => s.file)).size;
    throw new NotFoundError(
      `Nothing could be assessed: ${plural(
        unparsable.length,
        'document',
      )} in ${plural(files, 'file')} ${
        unparsable.length === 1 ? 'does' : 'do'
      } not parse as YAML (see above) and no other document is an entity; ` +
        `fix the YAML at the line${
          unparsable.length === 1 ? '' : 's'
        } named above and run again`,
    );
  }
  if (read.entities.length === 0) {
    // The input was read: its assessment is empty, which is an answer (exit
    // 0), but rarely the one meant, so say why.
    const skipped =
      read.skipped.length > 0
        ? `, ${plural(read.skipped.length, 'document')} skipped (see above)`
        : '';
    stderr.write(
      `ml-maturity: no entities found in ${plural(
        read.filesRead,
        'file',
      )}${skipped}; ` +
        'the assessment is empty (an entity needs apiVersion backstage.io/..., a kind and metadata.name)\n',
    );
  }
  reportDuplicates(read, stderr);
  // Given only Location files (as app-config registers), say why no team
  // shows up.
  const locations = read.entities.flatMap((e, i) =>
    identityOf(e)?.kind === 'location' ? [i] : [],
  );
  if (locations.length > 0 && locations.length === read.entities.length) {
    const targets = locations.flatMap(i => locationTargets(read.entities[i]));
    stderr.write(
      `ml-maturity: ${plural(
        locations.length,
        'Location entity',
        'Location entities',
      )} (${locations.map(i => whereRead(read, i)).join(', ')}) ${
        locations.length === 1 ? 'is' : 'are'
      } not followed; ` +
        `pass the files or directories ${
          locations.length === 1 ? 'it points' : 'they point'
        } to${
          targets.length > 0
            ? ` (${targets.slice(0, 10).join(', ')}${
                targets.length > 10 ? ', ...' : ''
              }, relative to the Location's file)`
            : ''
        }\n`,
    );
  }
  if (read.skipped.length > 0 || read.errors.length > 0) {
    stderr.write(
      `ml-maturity: read ${plural(
        read.entities.length,
        'entity',
        'entities',
      )} from ${plural(read.filesRead, 'file')}; ` +
        `skipped ${plural(read.skipped.length, 'document')}, ${plural(
          read.errors.length,
          'unreadable path',
        )}\n`,
    );
  }

  const { assessment, assets } = classifyWithDetails({
    entities: read.entities,
    kits,
    assetTypeAliases,
    now,
  });

  if (teamRef === undefined) {
    stdout.write(
      options.json
        ? assessmentJson(assessment)
        : terminalSafe(
            formatAssessmentTable(assessment, {
              ownerless: ownerlessAssets(read, assessment),
            }),
          ),
    );
    return;
  }
  const team = assessment.teams.find(t => t.entityRef === teamRef);
  if (!team) {
    const similar = similarTeams(
      teamRef,
      assessment.teams.map(t => t.entityRef),
    );
    const hint =
      similar.length > 0 ? ` Did you mean: ${similar.join(', ')}?` : '';
    const ofUser = teamsOfUser(
      read.entities,
      teamRef,
      assessment.teams.map(t => t.entityRef),
    );
    if (ofUser) {
      const { user, teams } = ofUser;
      const which =
        teams.length > 0
          ? `${user} is a member of ${teams.join(', ')}: pass ${
              teams.length === 1 ? 'it' : 'one of those'
            }`
          : `${user} is a member of no team of this input (add the team to its spec.memberOf)`;
      throw new NotFoundError(
        `${user} is a User, not a team: --team takes a team, a Group or a group named as an owner. ${which}`,
      );
    }
    // Named in the input (a membership, a parent) but no team: say where.
    const naming = findingsNaming(assessment, teamRef);
    if (naming.length > 0) {
      stderr.write(
        `ml-maturity: ${teamRef} is named in this input, but is no team:\n${naming
          .map(line => `  ${line}\n`)
          .join('')}`,
      );
    }
    throw new NotFoundError(
      `No team ${teamRef} among the ${plural(
        assessment.teams.length,
        'team',
      )} of this input. ` +
        `Team refs are the TEAM column of \`yarn ml-maturity assess ${paths.join(
          ' ',
        )}\` ` +
        `(or .teams[].entityRef of --json); a team is a Group entity or a group named as an owner.${hint}`,
    );
  }
  stdout.write(
    options.json
      ? `${JSON.stringify(team, null, 2)}\n`
      : terminalSafe(
          formatTeamReport({
            team,
            kits,
            others: othersMeeting(assets, team.entityRef),
          }),
        ),
  );
}

function createProgram(
  io: Omit<RunCliOptions, 'argv'>,
  onDone: (code: number) => void,
): Command {
  const program = new Command('ml-maturity')
    .description(
      "Assess teams' ML maturity (AIML Service Kits) from Backstage catalog YAML files",
    )
    .exitOverride()
    .configureOutput({
      writeOut: text => io.stdout.write(text),
      writeErr: text => io.stderr.write(text),
    })
    // after a usage error, say where the usage is (inherited by `assess`)
    .showHelpAfterError('(add --help for usage)');
  program
    .command('assess')
    .description('Assess the teams found in catalog YAML files and directories')
    .argument(
      '<paths...>',
      'catalog YAML files or directories (searched recursively)',
    )
    .option(
      '--json',
      'print the assessment JSON (exactly the REST API shape) instead of a table',
    )
    .option(
      '--config <path>',
      'app-config YAML with an mlMaturity section (repeatable; later files win)',
      collect,
    )
    .option(
      '--team <entityRef>',
      "print one team's full checklist, e.g. group:default/vision",
    )
    .option('--now <time>', 'assessment time, ISO 8601 (default: now)')
    .exitOverride()
    .action(async (paths: string[], options: AssessOptions) => {
      await assess(paths, options, io);
      onDone(EXIT_CODES.ok);
    });
  return program;
}

/**
 * Runs the `ml-maturity` CLI with the given arguments and returns the exit
 * code instead of exiting, so that it can be tested in-process.
 *
 * @public
 */
export async function runCli(options: RunCliOptions): Promise<number> {
  const { argv, stdout } = options;
  // every message on stderr is for a person, and may quote the input
  const stderr: CliOutput = {
    write: text => options.stderr.write(terminalSafe(text)),
  };
  let exitCode: number = EXIT_CODES.ok;
  const program = createProgram({ stdout, stderr }, code => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its message (or the help).
      // `help` asked for exits 0; help shown for a missing command does not
      return error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        (error.code === 'commander.help' && error.exitCode === 0)
        ? EXIT_CODES.ok
        : EXIT_CODES.usage;
    }
    if (error instanceof InputError) {
      stderr.write(`ml-maturity: ${error.message}\n`);
      return EXIT_CODES.usage;
    }
    if (error instanceof NotFoundError) {
      stderr.write(`ml-maturity: ${error.message}\n`);
      return EXIT_CODES.failed;
    }
    stderr.write(
      `ml-maturity: unexpected error: ${
        error instanceof Error ? error.stack : String(error)
      }\n`,
    );
    return EXIT_CODES.failed;
  }
}

/**
 * `ml-maturity assess <paths...> [options]`: `argv` holds what follows
 * `assess`.
 *
 * @public
 */
export async function runAssess(options: RunCliOptions): Promise<number> {
  return runCli({ ...options, argv: ['assess', ...options.argv] });
}
