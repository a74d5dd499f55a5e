import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN = resolve(__dirname, '../../bin/ml-maturity');
const REPO = resolve(__dirname, '../../../..');

describe('bin/ml-maturity', () => {
  it('reads relative paths from where the user ran the package script', async () => {
    // `yarn ml-maturity assess org.yaml` run in examples/: the root script
    // starts in the repository's root and passes examples/ along.
    const { stdout } = await run(
      process.execPath,
      [BIN, 'assess', 'org.yaml', '--json'],
      {
        cwd: REPO,
        env: { ...process.env, ML_MATURITY_CWD: resolve(REPO, 'examples') },
      },
    );
    const teams = JSON.parse(stdout).teams.map(
      (t: { entityRef: string }) => t.entityRef,
    );
    expect(teams).toContain('group:default/vision');
  }, 60_000);

  it('reads relative paths from its own directory otherwise, whatever INIT_CWD says', async () => {
    const { stdout } = await run(
      process.execPath,
      [BIN, 'assess', 'org.yaml', '--json'],
      {
        cwd: resolve(REPO, 'examples'),
        env: { ...process.env, INIT_CWD: REPO, ML_MATURITY_CWD: '' },
      },
    );
    expect(JSON.parse(stdout).teams.length).toBeGreaterThan(0);
  }, 60_000);
});
