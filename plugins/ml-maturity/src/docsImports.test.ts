import fs from 'node:fs';
import path from 'node:path';
import * as common from '@aiml-service-kits/plugin-ml-maturity-common';
import * as index from './index';
import * as alpha from './alpha';

/**
 * The install snippets of the READMEs are what adopters copy: every name
 * they import from the frontend and common packages must be exported there.
 */
const ROOT = path.resolve(__dirname, '../../..');
const DOCS = [
  'README.md',
  'plugins/ml-maturity/README.md',
  'plugins/ml-maturity-common/README.md',
];

const EXPORTS: Record<string, Record<string, unknown>> = {
  '@aiml-service-kits/plugin-ml-maturity': index,
  '@aiml-service-kits/plugin-ml-maturity/alpha': alpha,
  '@aiml-service-kits/plugin-ml-maturity-common': common,
};

function importsOf(text: string) {
  const found: Array<{ module: string; name: string }> = [];
  const pattern =
    /import\s+(?:(\w+)|\{([^}]*)\})\s+from\s+'(@aiml-service-kits\/[^']+)'/g;
  for (const [, defaultName, named, module] of text.matchAll(pattern)) {
    if (defaultName) found.push({ module, name: 'default' });
    for (const name of named?.split(',') ?? []) {
      const trimmed = name.trim().replace(/^type\s+/, '');
      if (trimmed) found.push({ module, name: trimmed.split(/\s+as\s+/)[0] });
    }
  }
  return found;
}

describe('README install snippets', () => {
  it.each(DOCS)('%s imports only exported names', doc => {
    const imports = importsOf(
      fs.readFileSync(path.join(ROOT, doc), 'utf8'),
    ).filter(i => i.module in EXPORTS);
    expect(imports.length).toBeGreaterThan(0);
    const missing = imports.filter(
      i => EXPORTS[i.module][i.name] === undefined,
    );
    expect(missing).toEqual([]);
  });

  it('finds a name that is not exported', () => {
    const imports = importsOf(
      "import { EntityMlMaturityCrad } from '@aiml-service-kits/plugin-ml-maturity';",
    );
    expect(imports).toEqual([
      {
        module: '@aiml-service-kits/plugin-ml-maturity',
        name: 'EntityMlMaturityCrad',
      },
    ]);
    expect(index).not.toHaveProperty('EntityMlMaturityCrad');
  });
});
