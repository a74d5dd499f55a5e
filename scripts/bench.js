#!/usr/bin/env node
/*
 * `yarn bench`: runs every benchmark section in its own process and prints,
 * as its very last line, one JSON object merging their figures
 * (docs/benchmarks.md explains each).
 *
 *   classifier  plugins/ml-maturity-node/bin/ml-maturity-bench  (--entities N, --sizes a,b,c)
 *   backend     plugins/ml-maturity-backend/bench/run.js        (refresh vs stream, API latency on PostgreSQL)
 *   frontend    scripts/bench-frontend.js                       (roadmap heat map in Chromium)
 *
 *   yarn bench [--smoke] [--only classifier,backend,frontend] [--no-build] [--entities N] [--sizes ...]
 */
const { spawn } = require('child_process');
const path = require('path');

const root = path.resolve(__dirname, '..');
const argv = process.argv.slice(2);
const smoke = argv.includes('--smoke');
const onlyIndex = argv.indexOf('--only');
const only = onlyIndex >= 0 ? argv[onlyIndex + 1].split(',') : undefined;
const noBuild = argv.includes('--no-build');
const classifierArgs = argv.filter(
  (a, i) => a !== '--only' && argv[i - 1] !== '--only' && a !== '--no-build',
);

const sections = [
  {
    name: 'classifier',
    script: 'plugins/ml-maturity-node/bin/ml-maturity-bench',
    args: classifierArgs,
  },
  {
    name: 'backend',
    script: 'plugins/ml-maturity-backend/bench/run.js',
    args: smoke ? ['--smoke'] : [],
  },
  {
    name: 'frontend',
    script: 'scripts/bench-frontend.js',
    args: [...(smoke ? ['--smoke'] : []), ...(noBuild ? ['--no-build'] : [])],
  },
];

function run(section) {
  return new Promise((resolve, reject) => {
    console.log(`\n=== bench: ${section.name}`);
    const child = spawn(
      process.execPath,
      [path.join(root, section.script), ...section.args],
      { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', chunk => {
      out += chunk;
      process.stdout.write(chunk);
    });
    child.on('exit', code => {
      const last = out.trim().split('\n').pop();
      if (code !== 0) {
        reject(new Error(`bench section ${section.name} exited with ${code}`));
        return;
      }
      try {
        resolve(JSON.parse(last));
      } catch {
        reject(
          new Error(`bench section ${section.name} printed no JSON last line`),
        );
      }
    });
  });
}

async function main() {
  const merged = {};
  for (const section of sections) {
    if (only && !only.includes(section.name)) continue;
    const figures = await run(section);
    for (const [key, value] of Object.entries(figures)) {
      merged[key in merged ? `${section.name}.${key}` : key] = value;
    }
  }
  console.log(JSON.stringify(merged));
}

main().catch(e => {
  console.error(String(e.message || e));
  process.exit(1);
});
