import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { yamlBlocks } from '../__testUtils__/markdown';
import { runCli } from './runCli';

/**
 * Every `mlMaturity` config example in the docs is valid for the CLI: it
 * applies the example's kits and aliases with `--config` (checked as the
 * backend checks them at startup) and assesses the example organisation
 * without complaint. The backend-only keys (schedule, attestations,
 * history) are checked by the backend's own test of these examples.
 */
const ROOT = resolve(__dirname, '../../../..');
const DOCS = ['docs/configuration.md', 'docs/cli.md', 'README.md'];

async function configExamples() {
  const examples: Array<{ doc: string; yaml: string }> = [];
  for (const doc of DOCS) {
    const text = await fs.readFile(join(ROOT, doc), 'utf8');
    for (const { yaml } of yamlBlocks(text)) {
      if (/^mlMaturity:/m.test(yaml)) examples.push({ doc, yaml });
    }
  }
  return examples;
}

describe('mlMaturity config examples in the docs', () => {
  it('each one is applied by the CLI without an error', async () => {
    const examples = await configExamples();
    expect(examples.length).toBeGreaterThanOrEqual(3);
    const tmp = await fs.mkdtemp(join(tmpdir(), 'ml-maturity-docs-config-'));
    try {
      for (const [index, example] of examples.entries()) {
        const file = join(tmp, `config-${index}.yaml`);
        await fs.writeFile(file, example.yaml);
        let stdout = '';
        let stderr = '';
        const code = await runCli({
          argv: ['assess', join(ROOT, 'examples'), '--json', '--config', file],
          stdout: { write: (s: string) => (stdout += s) },
          stderr: { write: (s: string) => (stderr += s) },
        });
        expect({ doc: example.doc, code, stderr }).toEqual({
          doc: example.doc,
          code: 0,
          stderr: '',
        });
        expect(JSON.parse(stdout).teams.length).toBeGreaterThan(0);
      }
    } finally {
      await fs.rm(tmp, { recursive: true, force: true });
    }
  });
});
