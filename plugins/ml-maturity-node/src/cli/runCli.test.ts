import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  Assessment,
  DEFAULT_KITS,
} from '@aiml-service-kits/plugin-ml-maturity-common';
import { runAssess, runCli } from './runCli';

/** The repository's example organisation (examples/README.md). */
const EXAMPLES = resolve(__dirname, '../../../../examples');
const NOW = '2026-11-27T06:00:00Z';

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli({
    argv,
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  });
  return { code, stdout, stderr };
}

async function assessJson(...paths: string[]): Promise<Assessment> {
  const { code, stdout } = await run([
    'assess',
    ...paths,
    '--json',
    '--now',
    NOW,
  ]);
  expect(code).toBe(0);
  return JSON.parse(stdout);
}

describe('ml-maturity assess', () => {
  let tmp: string;

  beforeEach(async () => {
    tmp = await fs.mkdtemp(join(tmpdir(), 'ml-maturity-cli-'));
  });

  afterEach(async () => {
    await fs.rm(tmp, { recursive: true, force: true });
  });

  it('prints a table row per team that agrees with the JSON, and a summary', async () => {
    const assessment = await assessJson(EXAMPLES);
    const { code, stdout, stderr } = await run([
      'assess',
      EXAMPLES,
      '--now',
      NOW,
    ]);

    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(assessment.teams.length).toBeGreaterThan(1);
    const lines = stdout.split('\n');
    expect(lines[0].split(/\s+/)).toEqual([
      'TEAM',
      'LEVEL',
      'NAME',
      'CURRENT',
      'KIT',
      'MET',
    ]);
    for (const team of assessment.teams) {
      const row = lines.find(line => line.startsWith(`${team.entityRef} `));
      expect(row).toBeDefined();
      const current = team.kits.find(k => k.id === team.currentKit);
      const expected = [
        String(team.level),
        team.levelName,
        team.currentKit ?? '(all complete)',
        current ? `${current.met}/${current.total}` : '-',
      ];
      expect(row!.split(/\s{2,}/).slice(1)).toEqual(expected);
    }
    const findings =
      assessment.findings.length +
      assessment.teams.reduce((n, t) => n + t.findings.length, 0);
    expect(stdout).toContain(`${assessment.teams.length} teams`);
    expect(stdout).toContain(`${findings} finding`);
    expect(stdout).toContain(
      `${assessment.unattributedAssets.length} unattributed ML asset`,
    );
  });

  it('counts a finding shown on two teams once in the summary', async () => {
    const file = join(tmp, 'org.yaml');
    await fs.writeFile(
      file,
      ['a', 'b']
        .map(
          name =>
            `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: ${name}}\nspec: {type: team, children: []}\n`,
        )
        .concat(
          'apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: sofia\n  annotations: {ml-maturity.io/role: wizard}\nspec: {memberOf: [a, b]}\n',
        )
        .join('---\n'),
    );
    const assessment = await assessJson(file);
    expect(assessment.teams.map(t => t.findings.length)).toEqual([1, 1]);
    const { stdout } = await run(['assess', file, '--now', NOW]);
    expect(stdout).toContain('1 finding (1 on teams, 0 unplaced)');
  });

  it('--json prints exactly the assessment JSON, pretty-printed, whatever the file order', async () => {
    const { code, stdout, stderr } = await run([
      'assess',
      EXAMPLES,
      '--json',
      '--now',
      NOW,
    ]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const parsed = JSON.parse(stdout);
    expect(Object.keys(parsed)).toEqual([
      'generatedAt',
      'teams',
      'unattributedAssets',
      'findings',
    ]);
    expect(parsed.generatedAt).toBe('2026-11-27T06:00:00.000Z');
    expect(stdout).toBe(`${JSON.stringify(parsed, null, 2)}\n`);

    const files = (await fs.readdir(join(EXAMPLES, 'ml-assets'))).map(f =>
      join(EXAMPLES, 'ml-assets', f),
    );
    const reversed = await run([
      'assess',
      ...files.reverse(),
      join(EXAMPLES, 'org.yaml'),
      '--json',
      '--now',
      NOW,
    ]);
    expect(reversed.stdout).toBe(stdout);
  });

  /** The examples' `--team` report of one team. */
  const teamReport = (entityRef: string) =>
    run(['assess', EXAMPLES, '--team', entityRef, '--now', NOW]);

  it('--team of an implicit team says to add its Group first, with the ref it needs', async () => {
    const assessment = await assessJson(EXAMPLES);
    const implicit = assessment.teams.filter(t => t.implicit);
    expect(implicit.map(t => t.entityRef)).toEqual([
      'group:default/legacy-analytics',
    ]);
    const { code, stdout } = await teamReport('legacy-analytics');
    expect(code).toBe(0);
    expect(stdout).toContain(
      'first add its Group to a catalog-info.yaml:\n    apiVersion: backstage.io/v1alpha1, kind: Group, metadata: { name: legacy-analytics }, spec: { type: team, children: [] }',
    );
    const explicit = await teamReport('vision');
    expect(explicit.stdout).not.toContain('no Group entity');
  });

  it('--team says under a process item that portal attestations do not count here', async () => {
    const assessment = await assessJson(EXAMPLES);
    const definitions = new Map(
      DEFAULT_KITS.flatMap(k => k.items).map(i => [i.id, i]),
    );
    const team = assessment.teams.find(t =>
      t.items.some(
        i => i.status === 'unmet' && definitions.get(i.id)?.attestable,
      ),
    )!;
    const { stdout } = await teamReport(team.entityRef);
    const lines = stdout.split('\n').map(l => l.trim());
    const lineAfterHowTo = (id: string) => {
      const at = lines.findIndex(l => l.includes(` ${id} - `));
      return lines
        .slice(at + 1)
        .find(
          l =>
            !l.startsWith('reason:') &&
            !l.startsWith('evidence:') &&
            !l.startsWith('how to:'),
        );
    };
    for (const item of team.items.filter(i => i.status === 'unmet')) {
      const note = lineAfterHowTo(item.id)?.startsWith(
        'note: this CLI reads attestations',
      );
      expect({ id: item.id, note }).toEqual({
        id: item.id,
        note: definitions.get(item.id)!.attestable,
      });
    }
  });

  it('--team prints the checklist of all five kits with the how-to of missing items', async () => {
    const assessment = await assessJson(EXAMPLES);
    const team = assessment.teams.find(
      t =>
        !t.implicit && t.currentKit && t.items.some(i => i.status === 'unmet'),
    )!;
    const currentTitle = DEFAULT_KITS.find(
      k => k.id === team.currentKit,
    )!.title;
    const unmet = team.items.find(i => i.status === 'unmet')!;
    const definition = DEFAULT_KITS.flatMap(k => k.items).find(
      i => i.id === unmet.id,
    )!;

    const { code, stdout } = await teamReport(team.entityRef);

    expect(code).toBe(0);
    for (const kit of DEFAULT_KITS) {
      expect(stdout).toContain(kit.title);
    }
    // the status words of the JSON
    expect(stdout).toContain(`[unmet]`);
    expect(stdout).not.toContain(`[missing]`);
    expect(stdout).toContain(unmet.id);
    expect(stdout).toContain(`how to: ${definition.howTo}`);
    expect(
      stdout.split('\n').find(l => l.includes('<- current kit')),
    ).toContain(currentTitle);
    expect(stdout).toContain(`professionalSkills`);
    expect(stdout).toContain(`Findings (${team.findings.length})`);

    const short = await run([
      'assess',
      EXAMPLES,
      '--team',
      team.entityRef.replace('group:default/', '').toUpperCase(),
      '--now',
      NOW,
    ]);
    expect(short.stdout).toBe(stdout);
  });

  it('exits 1 for an unknown --team and says how to find team refs', async () => {
    const { code, stdout, stderr } = await run([
      'assess',
      EXAMPLES,
      '--team',
      'group:default/no-such-team',
    ]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('No team group:default/no-such-team');
    expect(stderr).toContain('TEAM column');
  });

  it('says when --team names a User, and which teams it is a member of', async () => {
    // sofia.rossi joins vision through her spec.memberOf, kenji.tanaka
    // through the vision Group's spec.members
    for (const [given, user] of [
      ['user:default/sofia.rossi', 'user:default/sofia.rossi'],
      ['kenji.tanaka', 'user:default/kenji.tanaka'],
    ]) {
      const { code, stdout, stderr } = await run([
        'assess',
        EXAMPLES,
        '--team',
        given,
        '--now',
        NOW,
      ]);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toBe(
        `ml-maturity: ${user} is a User, not a team: --team takes a team, a Group or a group named as an owner. ${user} is a member of group:default/vision: pass it\n`,
      );
    }
    await fs.writeFile(
      join(tmp, 'loner.yaml'),
      'apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: loner\nspec:\n  memberOf: []\n',
    );
    const loner = await run(['assess', tmp, '--team', 'loner']);
    expect(loner.code).toBe(1);
    expect(loner.stderr).toContain(
      'user:default/loner is a member of no team of this input (add the team to its spec.memberOf)',
    );
  });

  it('reports malformed files and templates on stderr and still assesses the rest', async () => {
    await fs.writeFile(
      join(tmp, 'broken.yaml'),
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: [oops\n',
    );
    await fs.writeFile(
      join(tmp, 'template.yaml'),
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${{ values.name }}\n',
    );
    const alone = await assessJson(EXAMPLES);

    const { code, stdout, stderr } = await run([
      'assess',
      EXAMPLES,
      tmp,
      '--json',
      '--now',
      NOW,
    ]);

    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(alone);
    const lines = stderr.trim().split('\n');
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(`^${join(tmp, 'broken.yaml')}:5: YAML parse error`),
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(`^${join(tmp, 'template.yaml')}:4: template placeholder`),
      ),
    );
  });

  it('exits 1 when no file can be read', async () => {
    const missing = await run(['assess', join(tmp, 'missing.yaml')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no such file or directory');
    expect(missing.stderr).toContain(
      `No catalog file could be read from ${join(
        tmp,
        'missing.yaml',
      )} (1 unreadable path above;`,
    );
    const empty = await run(['assess', tmp]);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toBe(
      `ml-maturity: No *.yaml or *.yml file found under ${tmp} (directories are searched recursively, skipping node_modules and names starting with a dot)\n`,
    );
  });

  it('counts what it read and skipped in words that agree with the numbers', async () => {
    await fs.writeFile(
      join(tmp, 'one.yaml'),
      'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: solo\nspec:\n  type: team\n  children: []\n---\nkind: Service\n',
    );
    const { code, stderr } = await run(['assess', tmp, '--team', 'solo']);
    expect(code).toBe(0);
    expect(stderr).toContain(
      'ml-maturity: read 1 entity from 1 file; skipped 1 document, 0 unreadable paths\n',
    );
    const unknown = await run(['assess', tmp, '--team', 'other']);
    expect(unknown.stderr).toContain(
      'No team group:default/other among the 1 team of this input',
    );
  });

  it('assesses files without entities as empty (exit 0), saying why', async () => {
    await fs.writeFile(
      join(tmp, 'k8s.yaml'),
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n',
    );
    const empty = await run(['assess', tmp, '--json', '--now', NOW]);
    expect(empty.code).toBe(0);
    expect(JSON.parse(empty.stdout)).toEqual({
      generatedAt: new Date(NOW).toISOString(),
      teams: [],
      unattributedAssets: [],
      findings: [],
    });
    expect(empty.stderr).toContain(`${join(tmp, 'k8s.yaml')}:1: not an entity`);
    expect(empty.stderr).toContain(
      'no entities found in 1 file, 1 document skipped',
    );
    const table = await run(['assess', tmp]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('(no teams');
  });

  it('exits 1 when no entity could be read because the YAML does not parse', async () => {
    const broken = join(tmp, 'catalog-info.yaml');
    await fs.writeFile(
      broken,
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: model\n  annotations: [oops\nspec:\n  owner: vision\n',
    );
    await fs.writeFile(join(tmp, 'empty.yaml'), '');
    for (const extra of [[], ['--json'], ['--team', 'vision']]) {
      const { code, stdout, stderr } = await run(['assess', tmp, ...extra]);
      expect({ extra, code, stdout }).toEqual({ extra, code: 1, stdout: '' });
      expect(stderr).toBe(
        `${broken}:6: YAML parse error: Flow sequence in block collection must be sufficiently indented and end with a ] at line 6, column 1\n` +
          'ml-maturity: Nothing could be assessed: 1 document in 1 file does not parse as YAML (see above) and no other document is an entity; fix the YAML at the line named above and run again\n',
      );
    }
    // one entity read is an assessment: exit 0, the broken document reported
    await fs.writeFile(
      join(tmp, 'group.yaml'),
      'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: vision\nspec:\n  type: team\n  children: []\n',
    );
    const partly = await run(['assess', tmp]);
    expect(partly.code).toBe(0);
    expect(partly.stdout).toContain('group:default/vision');
    expect(partly.stderr).toContain(`${broken}:6: YAML parse error`);
  });

  it.each([
    ['2026-02-30', '2026-02-30 is not a date'],
    ['2025-02-29', '2025-02-29 is not a date'],
    ['2026-11-31T06:00:00Z', '2026-11-31 is not a date'],
    ['2026-11-27T06:00:00', 'the time has no zone; add Z (UTC)'],
  ])('says what is wrong with --now %s', async (now, message) => {
    const { code, stderr } = await run(['assess', EXAMPLES, '--now', now]);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it.each([['yesterday'], ['2026-13-01'], ['2026-11-27T06:00:00']])(
    'exits 2 for --now %s',
    async now => {
      const { code, stdout, stderr } = await run([
        'assess',
        EXAMPLES,
        '--now',
        now,
      ]);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain(`Invalid --now "${now}"`);
    },
  );

  it('applies --config aliases, and exits 2 naming the file of a bad config', async () => {
    await fs.writeFile(
      join(tmp, 'catalog.yaml'),
      [
        'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\nspec:\n  type: team\n  children: []\n',
        'apiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata:\n  name: pictures\nspec:\n  type: picture-collection\n  owner: team-a\n',
      ].join('---\n'),
    );
    await fs.writeFile(
      join(tmp, 'app-config.yaml'),
      'mlMaturity:\n  assetTypeAliases:\n    picture-collection: dataset\n',
    );
    await fs.writeFile(
      join(tmp, 'bad-config.yaml'),
      'mlMaturity:\n  kits: 42\n',
    );
    const item = (a: Assessment) =>
      a.teams[0].items.find(
        i => i.id === 'starter.technology.project-datasets',
      )!;

    const without = await run(['assess', join(tmp, 'catalog.yaml'), '--json']);
    expect(item(JSON.parse(without.stdout)).evidence).toEqual([]);
    const withConfig = await run([
      'assess',
      join(tmp, 'catalog.yaml'),
      '--json',
      '--config',
      join(tmp, 'app-config.yaml'),
    ]);
    expect(item(JSON.parse(withConfig.stdout)).evidence).toEqual([
      'resource:default/pictures',
    ]);

    const bad = await run([
      'assess',
      join(tmp, 'catalog.yaml'),
      '--config',
      join(tmp, 'app-config.yaml'),
      '--config',
      join(tmp, 'bad-config.yaml'),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain(join(tmp, 'bad-config.yaml'));
    expect(bad.stderr).toContain('mlMaturity.kits');

    const missing = await run([
      'assess',
      join(tmp, 'catalog.yaml'),
      '--config',
      join(tmp, 'nope.yaml'),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(
      `Cannot read config file ${join(tmp, 'nope.yaml')}`,
    );
  });

  it('refuses an empty or malformed --team, and suggests near names', async () => {
    for (const team of ['', 'group:default/vision/extra']) {
      const { code, stderr } = await run(['assess', EXAMPLES, '--team', team]);
      expect(code).toBe(2);
      expect(stderr).toContain(`Invalid --team "${team}"`);
    }
    const typo = await run(['assess', EXAMPLES, '--team', 'vison']);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain('Did you mean: group:default/vision?');
  });

  it('says where an entity defined twice is defined, and which one is assessed', async () => {
    const group =
      'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: Team-A\nspec:\n  type: team\n  children: []\n';
    await fs.writeFile(join(tmp, 'one.yaml'), group);
    await fs.writeFile(
      join(tmp, 'two.yaml'),
      `# a copy\n---\n${group.replace('Team-A', 'team-a')}`,
    );
    const { code, stderr } = await run([
      'assess',
      join(tmp, 'one.yaml'),
      join(tmp, 'two.yaml'),
    ]);
    expect(code).toBe(0);
    // "Team-A" sorts before "team-a": the classifier keeps the first text
    expect(stderr).toContain(
      `ml-maturity: group:default/team-a is defined 2 times (${join(
        tmp,
        'one.yaml',
      )}:1, ${join(tmp, 'two.yaml')}:3); only the one at ${join(
        tmp,
        'one.yaml',
      )}:1 is assessed`,
    );
  });

  it('names the duplicate the classifier assesses, whatever the order of the files', async () => {
    const notebook = (owner: string) =>
      `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: nb\n  annotations:\n    ml-maturity.io/asset: notebook\nspec:\n  type: other\n  lifecycle: production\n  owner: group:${owner}\n`;
    await fs.writeFile(join(tmp, 'a.yaml'), notebook('zeta'));
    await fs.writeFile(join(tmp, 'b.yaml'), notebook('alpha'));
    for (const order of [
      ['a.yaml', 'b.yaml'],
      ['b.yaml', 'a.yaml'],
    ]) {
      const dir = tmp;
      const paths = order.map(name => join(dir, name));
      const { stderr } = await run(['assess', ...paths, '--now', NOW]);
      const assessment = await assessJson(...paths);
      const owner = assessment.teams.find(t =>
        t.items.some(i => i.evidence.includes('component:default/nb')),
      )!.entityRef;
      const file = owner === 'group:default/alpha' ? 'b.yaml' : 'a.yaml';
      expect(stderr).toContain(
        `only the one at ${join(tmp, file)}:1 is assessed`,
      );
    }
  });

  it('says why a Location file alone gives no team, naming it and its targets', async () => {
    const { code, stderr } = await run(['assess', join(EXAMPLES, 'all.yaml')]);
    expect(code).toBe(0);
    expect(stderr).toContain(
      `1 Location entity (${join(
        EXAMPLES,
        'all.yaml',
      )}:5) is not followed; pass the files or directories it points to (./org.yaml, ./ml-assets/`,
    );
    // not when the targets are read as well
    const all = await run(['assess', EXAMPLES]);
    expect(all.stderr).toBe('');
  });

  it('lists the ML assets and findings on no team under the table', async () => {
    const { code, stdout } = await run(['assess', EXAMPLES, '--now', NOW]);
    expect(code).toBe(0);
    const assessment = await assessJson(EXAMPLES);
    expect(assessment.unattributedAssets).toEqual([
      'resource:default/llama-3-8b',
    ]);
    expect(stdout).toContain(
      'ML assets that count for no team (1); the findings below say why:\n  resource:default/llama-3-8b\n',
    );
    const [finding] = assessment.findings;
    expect(stdout).toContain(
      `Findings on no team (1):\n  ${finding.entityRef} ${
        finding.field
      } = ${JSON.stringify(finding.value)}: ${finding.message}\n`,
    );
  });

  it('lists at most 20 findings on no team, saying how to see the rest', async () => {
    const docs = Array.from(
      { length: 25 },
      (_, i) =>
        `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: c${i}\nspec:\n  type: service\n  owner: c${i}@example.com\n`,
    );
    await fs.writeFile(join(tmp, 'many.yaml'), docs.join('---\n'));
    const { code, stdout } = await run(['assess', tmp, '--now', NOW]);
    expect(code).toBe(0);
    expect(stdout).toContain('Findings on no team (25):');
    expect(
      stdout.match(/^ {2}component:default\/c\d+ spec\.owner/gm),
    ).toHaveLength(20);
    expect(stdout).toContain('  ... and 5 more (jq .findings of --json)');
  });

  it('lists first the findings that say why the listed ML assets count for no team', async () => {
    // 25 findings on components that sort before the asset's own finding
    const docs = Array.from(
      { length: 25 },
      (_, i) =>
        `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: c${i}\nspec:\n  type: service\n  owner: c${i}@example.com\n`,
    );
    docs.push(
      'apiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata:\n  name: shared-data\n  annotations:\n    ml-maturity.io/asset: dataset\nspec:\n  type: dataset\n  owner: user:ghost\n',
    );
    await fs.writeFile(join(tmp, 'many.yaml'), docs.join('---\n'));
    const { code, stdout } = await run(['assess', tmp, '--now', NOW]);
    expect(code).toBe(0);
    expect(stdout).toContain(
      'ML assets that count for no team (1); the findings below say why:\n  resource:default/shared-data\n',
    );
    expect(stdout).toContain(
      'Findings on no team (26), those on the assets above first:\n  resource:default/shared-data spec.owner = "user:default/ghost": User entity is missing',
    );
    expect(stdout).toContain('  ... and 6 more (jq .findings of --json)');
  });

  it('says which ML assets count for no team because they have no owner', async () => {
    await fs.writeFile(
      join(tmp, 'orphans.yaml'),
      [
        'apiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata:\n  name: orphan-data\n  annotations:\n    ml-maturity.io/asset: dataset\nspec:\n  type: dataset\n',
        'apiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata:\n  name: ghost-data\nspec:\n  type: dataset\n  owner: user:ghost\n',
      ].join('---\n'),
    );
    const assessment = await assessJson(tmp);
    expect(assessment.unattributedAssets).toEqual([
      'resource:default/ghost-data',
      'resource:default/orphan-data',
    ]);
    // no finding says why orphan-data counts for no team
    expect(assessment.findings.map(f => f.entityRef)).toEqual([
      'resource:default/ghost-data',
    ]);
    const { stdout } = await run(['assess', tmp, '--now', NOW]);
    expect(stdout).toContain(
      '  resource:default/ghost-data\n  resource:default/orphan-data (no owner: add spec.owner, e.g. group:default/<team>)\n',
    );
  });

  it('says where a --team that is no team is named', async () => {
    await fs.writeFile(
      join(tmp, 'jane.yaml'),
      'apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: jane\nspec:\n  memberOf: [ml-team]\n---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: jane-notebook\n  annotations:\n    ml-maturity.io/asset: notebook\nspec:\n  type: other\n  lifecycle: production\n  owner: user:jane\n',
    );
    const { code, stderr } = await run(['assess', tmp, '--team', 'ml-team']);
    expect(code).toBe(1);
    expect(stderr).toContain(
      'ml-maturity: group:default/ml-team is named in this input, but is no team:\n  user:default/jane spec.memberOf = "group:default/ml-team": No entity with this ref was read',
    );
    expect(stderr).toContain(
      'No team group:default/ml-team among the 0 teams of this input',
    );
  });

  it('names real refs of other teams under an item a team may meet by using them', async () => {
    const { code, stdout } = await run([
      'assess',
      EXAMPLES,
      '--team',
      'vision',
      '--now',
      NOW,
    ]);
    expect(code).toBe(0);
    // from the start of an item's line to the start of the next item's
    const itemBlock = (id: string, next: string) =>
      stdout.slice(
        stdout.lastIndexOf('\n', stdout.indexOf(` ${id} - `)),
        stdout.lastIndexOf('\n', stdout.indexOf(` ${next} - `)),
      );
    const block = itemBlock(
      'scaler.technology.feature-store',
      'scaler.technology.shared-repos',
    );
    expect(block).toContain('[unmet]');
    expect(block).toContain(
      'in this input, owned by other teams (refs to use): component:default/enterprise-feature-store (owned by group:default/platform-engineering)',
    );
    // not under items only the team's own assets meet
    const notebooks = itemBlock(
      'synergizer.technology.orchestration-notebooks',
      'synergizer.technology.versioned-environments',
    );
    expect(notebooks).toContain('[unmet]');
    expect(notebooks).not.toContain('in this input');
  });

  it('names unknown config keys and filter operators, and multi-document files', async () => {
    const write = (name: string, text: string) =>
      fs.writeFile(join(tmp, name), text);
    await write(
      'typo.yaml',
      'mlMaturity:\n  assetTypeAlias:\n    mdl: ml-model\n',
    );
    await write(
      'operator.yaml',
      'mlMaturity:\n  kits:\n    items:\n      - id: accelerator.technology.curated-datasets\n        rule: { via: owned, filter: { $alll: [{ kind: Resource }] } }\n',
    );
    await write('multi.yaml', 'a: 1\n---\nb: 2\n');
    const stderrOf = async (name: string) => {
      const result = await run([
        'assess',
        EXAMPLES,
        '--config',
        join(tmp, name),
      ]);
      expect(result.code).toBe(2);
      return result.stderr;
    };
    expect(await stderrOf('typo.yaml')).toBe(
      `ml-maturity: Invalid ML maturity config in ${join(
        tmp,
        'typo.yaml',
      )} at mlMaturity.assetTypeAlias: unknown key; allowed: kits, assetTypeAliases, schedule, attestations, history\n`,
    );
    expect(await stderrOf('operator.yaml')).toContain(
      'at mlMaturity.kits.items[0].rule.filter.$alll: unknown filter operator; the operators are $all, $any, $not, $exists, $in, $contains, $hasPrefix',
    );
    expect(await stderrOf('multi.yaml')).toContain(
      'holds several YAML documents (separated by ---)',
    );
  });

  it('says in one line why a --config file cannot be read', async () => {
    await fs.writeFile(join(tmp, 'broken.yaml'), 'mlMaturity:\n  kits: [\n');
    const stderrOf = async (path: string) => {
      const result = await run(['assess', EXAMPLES, '--config', path]);
      expect(result.code).toBe(2);
      return result.stderr;
    };
    expect(await stderrOf(join(tmp, 'missing.yaml'))).toBe(
      `ml-maturity: Cannot read config file ${join(
        tmp,
        'missing.yaml',
      )}: no such file or directory\n`,
    );
    expect(await stderrOf(tmp)).toBe(
      `ml-maturity: Cannot read config file ${tmp}: it is a directory; give an app-config YAML file\n`,
    );
    expect(await stderrOf(join(tmp, 'broken.yaml'))).toBe(
      `ml-maturity: Cannot read config file ${join(
        tmp,
        'broken.yaml',
      )}: Flow sequence in block collection must be sufficiently indented and end with a ] at line 3, column 1\n`,
    );
  });

  it('resolves $include, $env and ${VAR} in a --config mlMaturity section, as the backend does', async () => {
    await fs.writeFile(
      join(tmp, 'catalog.yaml'),
      [
        'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\nspec:\n  type: team\n  children: []\n',
        'apiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata:\n  name: pictures\nspec:\n  type: picture-collection\n  owner: team-a\n',
        'apiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata:\n  name: clips\nspec:\n  type: clip-collection\n  owner: team-a\n',
        'apiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata:\n  name: movies\nspec:\n  type: video-collection\n  owner: team-a\n',
      ].join('---\n'),
    );
    await fs.mkdir(join(tmp, 'conf'));
    await fs.writeFile(
      join(tmp, 'conf', 'aliases.yaml'),
      'picture-collection: dataset\n',
    );
    // the rest of an app-config may name files and variables this machine
    // lacks: only the mlMaturity section is resolved
    await fs.writeFile(
      join(tmp, 'conf', 'app-config.yaml'),
      [
        'backend:',
        '  database:',
        '    connection:',
        '      password: ${ML_MATURITY_TEST_UNSET_PASSWORD}',
        '      ca:',
        '        $file: /nonexistent/ca.pem',
        'mlMaturity:',
        '  assetTypeAliases:',
        '    $include: ./aliases.yaml',
        '',
      ].join('\n'),
    );
    await fs.writeFile(
      join(tmp, 'env-config.yaml'),
      'mlMaturity:\n  assetTypeAliases:\n    clip-collection: ${ML_MATURITY_TEST_TARGET}\n    video-collection:\n      $env: ML_MATURITY_TEST_TARGET\n',
    );
    const evidence = (stdout: string) =>
      (JSON.parse(stdout) as Assessment).teams[0].items.find(
        i => i.id === 'starter.technology.project-datasets',
      )!.evidence;

    const included = await run([
      'assess',
      join(tmp, 'catalog.yaml'),
      '--json',
      '--config',
      join(tmp, 'conf', 'app-config.yaml'),
    ]);
    expect(included.stderr).toBe('');
    expect(included.code).toBe(0);
    expect(evidence(included.stdout)).toEqual(['resource:default/pictures']);

    process.env.ML_MATURITY_TEST_TARGET = 'dataset';
    try {
      const substituted = await run([
        'assess',
        join(tmp, 'catalog.yaml'),
        '--json',
        '--config',
        join(tmp, 'env-config.yaml'),
      ]);
      expect(substituted.stderr).toBe('');
      expect(evidence(substituted.stdout)).toEqual([
        'resource:default/clips',
        'resource:default/movies',
      ]);
    } finally {
      delete process.env.ML_MATURITY_TEST_TARGET;
    }

    await fs.rm(join(tmp, 'conf', 'aliases.yaml'));
    const missing = await run([
      'assess',
      join(tmp, 'catalog.yaml'),
      '--config',
      join(tmp, 'conf', 'app-config.yaml'),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toBe(
      `ml-maturity: Cannot read config file ${join(
        tmp,
        'conf',
        'app-config.yaml',
      )}: error at .mlMaturity.assetTypeAliases, failed to include "${join(
        tmp,
        'conf',
        'aliases.yaml',
      )}", file does not exist\n`,
    );
  });

  it('says in one line why a file a --config file includes cannot be parsed', async () => {
    await fs.writeFile(join(tmp, 'several.yaml'), 'a: b\n---\nc: d\n');
    await fs.writeFile(join(tmp, 'broken.yaml'), 'kits: [\n');
    const stderrOf = async (included: string) => {
      await fs.writeFile(
        join(tmp, 'app-config.yaml'),
        `mlMaturity:\n  assetTypeAliases:\n    $include: ./${included}\n`,
      );
      const result = await run([
        'assess',
        EXAMPLES,
        '--config',
        join(tmp, 'app-config.yaml'),
      ]);
      expect(result.code).toBe(2);
      return result.stderr;
    };
    const prefix = `ml-maturity: Cannot read config file ${join(
      tmp,
      'app-config.yaml',
    )}: error at .mlMaturity.assetTypeAliases, failed to parse included file`;
    // as for the --config file itself: no code excerpt over several lines
    expect(await stderrOf('several.yaml')).toBe(
      `${prefix} ./several.yaml: it holds several YAML documents (separated by ---); an included file holds one\n`,
    );
    expect(await stderrOf('broken.yaml')).toBe(
      `${prefix} ./broken.yaml, YAMLParseError: Flow sequence in block collection must be sufficiently indented and end with a ] at line 2, column 1\n`,
    );
  });

  it('shows control and bidi characters from the input as escapes in the table, --team and stderr, not in --json', async () => {
    const rlo = '\u202E';
    await fs.writeFile(
      join(tmp, 'catalog.yaml'),
      [
        `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\n  annotations:\n    ml-maturity.io/attest.starter.process.use-cases: "https://evil.example.com/${rlo}gpj.exe"\n    "ml-maturity.io/attest.nope\\x1b[2J": https://wiki.example.com/x\nspec:\n  type: team\n  children: []\n`,
        `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: stray\n  annotations:\n    ml-maturity.io/asset: "notebook${rlo}"\nspec:\n  type: service\n  owner: group:default/team-a\n  lifecycle: x\n`,
      ].join('---\n'),
    );
    const config = join(tmp, `odd${rlo}name.yaml`);
    await fs.writeFile(config, 'app:\n  title: Portal\n');
    const unsafe = (text: string) =>
      [rlo, '\u001B'].filter(c => text.includes(c));

    const table = await run([
      'assess',
      join(tmp, 'catalog.yaml'),
      '--config',
      config,
      '--now',
      NOW,
    ]);
    expect(table.code).toBe(0);
    expect(table.stderr).toBe(
      `ml-maturity: config file ${join(
        tmp,
        'odd\\u202Ename.yaml',
      )} has no mlMaturity section, so it changes nothing\n`,
    );
    expect(unsafe(table.stdout)).toEqual([]);

    const report = await run([
      'assess',
      join(tmp, 'catalog.yaml'),
      '--team',
      'group:default/team-a',
      '--now',
      NOW,
    ]);
    expect(report.code).toBe(0);
    expect(unsafe(report.stdout)).toEqual([]);
    expect(report.stdout).toContain('https://evil.example.com/\\u202Egpj.exe');
    expect(report.stdout).toContain('attest.nope\\u001B[2J');

    // --json is data: the values as they are
    const json = await run([
      'assess',
      join(tmp, 'catalog.yaml'),
      '--json',
      '--now',
      NOW,
    ]);
    const findings = (JSON.parse(json.stdout) as Assessment).teams[0].findings;
    expect(findings.map(f => f.value)).toContain(
      `https://evil.example.com/${rlo}gpj.exe`,
    );
  });

  it('says when a --config file has no mlMaturity section, so changes nothing', async () => {
    await fs.writeFile(
      join(tmp, 'typo.yaml'),
      'mlmaturity:\n  assetTypeAliases:\n    mlflow: ml-platform\n',
    );
    await fs.writeFile(join(tmp, 'other.yaml'), 'app:\n  title: Portal\n');
    await fs.writeFile(join(tmp, 'empty.yaml'), '# nothing yet\n');
    const plain = await run(['assess', EXAMPLES, '--json', '--now', NOW]);
    for (const [name, hint] of [
      ['typo.yaml', ' (it has mlmaturity: keys are case-sensitive)'],
      ['other.yaml', ''],
      ['empty.yaml', ''],
    ]) {
      const result = await run([
        'assess',
        EXAMPLES,
        '--json',
        '--now',
        NOW,
        '--config',
        join(tmp, name),
      ]);
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(plain.stdout);
      expect(result.stderr).toBe(
        `ml-maturity: config file ${join(
          tmp,
          name,
        )} has no mlMaturity section, so it changes nothing${hint}\n`,
      );
    }
  });

  it('exits 0 for the help command', async () => {
    for (const argv of [['help'], ['help', 'assess']]) {
      const { code, stdout } = await run(argv);
      expect(code).toBe(0);
      expect(stdout).toContain('assess');
    }
  });

  it('says on bad usage what is wrong and where to find the usage', async () => {
    for (const [argv, error] of [
      [['assess', EXAMPLES, '--frobnicate'], "unknown option '--frobnicate'"],
      [['assess'], "missing required argument 'paths'"],
      [
        ['assess', EXAMPLES, '--team'],
        "option '--team <entityRef>' argument missing",
      ],
      [['asses', EXAMPLES], "unknown command 'asses'\n(Did you mean assess?)"],
    ] as const) {
      const { code, stdout, stderr } = await run([...argv]);
      expect({ argv, code, stdout, stderr }).toEqual({
        argv,
        code: 2,
        stdout: '',
        stderr: `error: ${error}\n(add --help for usage)\n`,
      });
    }
  });

  it('exits 2 on bad usage and 0 on --help', async () => {
    expect((await run(['assess', EXAMPLES, '--frobnicate'])).code).toBe(2);
    expect((await run(['assess'])).code).toBe(2);
    expect((await run([])).code).toBe(2);
    const help = await run(['assess', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--team <entityRef>');
  });

  it('runAssess takes the arguments after "assess"', async () => {
    let stdout = '';
    const code = await runAssess({
      argv: [EXAMPLES, '--json', '--now', NOW],
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: () => undefined },
    });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(await assessJson(EXAMPLES));
  });
});
