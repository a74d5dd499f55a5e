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
 * The `dist/` folders it builds are removed afterwards unless --keep-dist
 * (one that was there before is left, rebuilt).
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
    /^dist\/bench\.cjs\.js$/,
    /^dist\/bench\.d\.ts$/,
    /^bin\/ml-maturity$/,
    /^bin\/ml-maturity-bench$/,
  ],
  'plugins/ml-maturity-backend': [
    /^dist\/index\.cjs\.js$/,
    /^dist\/index\.d\.ts$/,
    /^migrations\/\d+_init\.js$/,
    /^config\.schema\.json$/,
    /^src\/schema\/openapi\.yaml$/,
  ],
  'plugins/ml-maturity': [
    /^dist\/index\.esm\.js$/,
    /^dist\/index\.d\.ts$/,
    /^dist\/alpha\.esm\.js$/,
    /^dist\/alpha\.d\.ts$/,
  ],
};
const EVERY_PACKAGE = [/^package\.json$/, /^README\.md$/, /^LICENSE$/];

/** Every file of these folders must be packed too. */
const WHOLE_FOLDERS = { 'plugins/ml-maturity-backend': ['migrations'] };

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function run(args, cwd) {
  const result = spawnSync('yarn', args, { cwd, encoding: 'utf8' });
  return {
    ok: result.status === 0,
    output: `${result.stdout ?? ''}${result.stderr ?? ''}`,
  };
}

/** The files `yarn pack --dry-run --json` lists (its other lines skipped). */
function packedFiles(output) {
  const files = [];
  for (const line of output.split('\n')) {
    try {
      const location = JSON.parse(line).location;
      if (typeof location === 'string') files.push(location);
    } catch {
      // not one of pack's JSON lines
    }
  }
  return files;
}

/** Returns an error message, or undefined when the package is fine. */
function checkPackage(dir, expected) {
  const cwd = path.join(root, dir);
  const build = run(['backstage-cli', 'package', 'build'], cwd);
  if (!build.ok) {
    return `build failed (run \`yarn tsc\` first: the build bundles dist-types/)\n${build.output.slice(
      -3000,
    )}`;
  }
  const pack = run(['pack', '--dry-run', '--json'], cwd);
  if (!pack.ok) {
    return `yarn pack failed\n${pack.output.slice(-2000)}`;
  }
  const files = packedFiles(pack.output);
  const folders = (WHOLE_FOLDERS[dir] ?? []).flatMap(folder =>
    fs
      .readdirSync(path.join(cwd, folder))
      .map(name => new RegExp(`^${escape(`${folder}/${name}`)}$`)),
  );
  const missing = [...EVERY_PACKAGE, ...expected, ...folders].filter(
    pattern => !files.some(file => pattern.test(file)),
  );
  if (missing.length > 0) {
    return `the packed package lacks ${missing.join(', ')}`;
  }
  console.log(`${dir}: builds; packs ${files.length} files`);
  return undefined;
}

let failures = 0;
for (const [dir, expected] of Object.entries(PACKAGES)) {
  const dist = path.join(root, dir, 'dist');
  const hadDist = fs.existsSync(dist);
  try {
    const error = checkPackage(dir, expected);
    if (error) {
      failures++;
      console.error(`${dir}: ${error}`);
    }
  } finally {
    // leave the tree as it was: remove only a dist/ this run made
    if (!keepDist && !hadDist) {
      fs.rmSync(dist, { recursive: true, force: true });
    }
  }
}
if (failures > 0) {
  console.error(`check-packages: ${failures} package(s) not publishable`);
  process.exit(1);
}
