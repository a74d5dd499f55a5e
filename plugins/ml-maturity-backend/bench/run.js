#!/usr/bin/env node
/*
 * Backend benchmarks (docs/benchmarks.md, section "Backend"): runs the
 * TypeScript sources through Backstage's Node transform. The last stdout line
 * is one JSON object with the figures; progress goes to stderr.
 *
 *   node bench/run.js [--smoke]
 */
require('@backstage/cli/config/nodeTransform.cjs');

require('./main.ts')
  .main(process.argv.slice(2))
  .then(
    result => {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      process.exit(0);
    },
    error => {
      process.stderr.write(
        `ml-maturity backend bench: ${String(error.stack || error).slice(
          0,
          2000,
        )}\n`,
      );
      process.exit(1);
    },
  );
