import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN = resolve(__dirname, '../../bin/ml-maturity');
const REPO = resolve(__dirname, '../../../..');

describe('bin/ml-maturity', () => {
  it('reads relative paths from where the user ran the package script (INIT_CWD)', async () => {
    // `yarn ml-maturity assess org.yaml` run in examples/: yarn starts the
    // script in the repository's root and sets INIT_CWD to examples/.
    const { stdout } = await run(
      process.execPath,
      [BIN, 'assess', 'org.yaml', '--json'],
      {
        cwd: REPO,
        env: { ...process.env, INIT_CWD: resolve(REPO, 'examples') },
      },
    );
    const teams = JSON.parse(stdout).teams.map(
      (t: { entityRef: string }) => t.entityRef,
    );
    expect(teams).toContain('group:default/vision');
  }, 60_000);
});
