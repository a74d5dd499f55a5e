#!/usr/bin/env node
/*
 * Checks that the four plugin packages can be published: each one builds
 * (`backstage-cli package build`, which also bundles its type declarations
 * from `dist-types/`, so run `yarn tsc` first) and `yarn pack --dry-run`
 * lists the files an installed package needs. A type marked `@internal` but
 * used by an exported one, for example, is stripped from the declarations
 * and fails the build here, while `yarn tsc` and the tests pass.
 *
 *   node scripts/check-packages.js [--keep-dist]
 *
 * The built `dist/` folders are removed afterwards unless --keep-dist.
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const keepDist = process.argv.includes('--keep-dist');

/** Per package: file patterns its packed tarball must hold. */
const PACKAGES = {
  'plugins/ml-maturity-common': [
    /^dist\/index\.cjs\.js$/,
    /^dist\/index\.esm\.js$/,
    /^dist\/index\.d\.ts$/,
    /^config\.schema\.json$/,
  ],
  'plugins/ml-maturity-node': [
    /^dist\/index\.cjs\.js$/,
    /^dist\/index\.d\.ts$/,
    /^bin\/ml-maturity$/,
  ],
  'plugins/ml-maturity-backend': [
    /^dist\/index\.cjs\.js$/,
    /^dist\/index\.d\.ts$/,
    /^migrations\/\d+_init\.js$/,
    /^config\.schema\.json$/,
  ],
  'plugins/ml-maturity': [
    /^dist\/index\.esm\.js$/,
    /^dist\/index\.d\.ts$/,
    /^dist\/alpha\.esm\.js$/,
    /^dist\/alpha\.d\.ts$/,
  ],
};
const EVERY_PACKAGE = [/^package\.json$/, /^README\.md$/, /^LICENSE$/];

function run(args, cwd) {
  const result = spawnSync('yarn', args, { cwd, encoding: 'utf8' });
  return {
    ok: result.status === 0,
    output: `${result.stdout ?? ''}${result.stderr ?? ''}`,
  };
}

let failures = 0;
for (const [dir, expected] of Object.entries(PACKAGES)) {
  const cwd = path.join(root, dir);
  const build = run(['backstage-cli', 'package', 'build'], cwd);
  if (!build.ok) {
    failures++;
    console.error(`${dir}: build failed\n${build.output.slice(-3000)}`);
    continue;
  }
  const pack = run(['pack', '--dry-run', '--json'], cwd);
  const files = pack.output
    .split('\n')
    .filter(line => line.startsWith('{'))
    .map(line => JSON.parse(line).location)
    .filter(Boolean);
  const missing = [...EVERY_PACKAGE, ...expected].filter(
    pattern => !files.some(file => pattern.test(file)),
  );
  if (!pack.ok || missing.length > 0) {
    failures++;
    console.error(
      `${dir}: the packed package lacks ${missing.join(', ')}${
        pack.ok ? '' : `\n${pack.output.slice(-2000)}`
      }`,
    );
  } else {
    console.log(`${dir}: builds; packs ${files.length} files`);
  }
  if (!keepDist) {
    fs.rmSync(path.join(cwd, 'dist'), { recursive: true, force: true });
  }
}
if (failures > 0) {
  console.error(`check-packages: ${failures} package(s) not publishable`);
  process.exit(1);
}
