#!/usr/bin/env node
/*
 * Frontend benchmark (docs/benchmarks.md, section "Frontend"): the production
 * build of the app, served by the real backend holding TEAMS generated team
 * Groups, in headless Chromium. Measures the time from navigation start to the
 * roadmap heat map's first render (the page's
 * `performance.mark('ml-maturity:heatmap-rendered')`), median of 5 page loads.
 * The last stdout line is one JSON object.
 *
 *   node scripts/bench-frontend.js [--teams 2000] [--smoke] [--no-build]
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const {
  log,
  buildApp,
  startBackend,
  launchBrowser,
  signInAsGuest,
  waitFor,
} = require('./lib/portal');
const { guestToken } = require('./lib/guest');

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const smoke = process.argv.includes('--smoke');
const TEAMS = option('--teams', smoke ? 100 : 2000);
const RUNS = smoke ? 2 : 5;
const PARENTS = Math.max(1, Math.round(TEAMS / 50));

/** TEAMS team Groups under PARENTS divisions, a dataset for every 4th team. */
function writeCatalog(dir) {
  const docs = [];
  for (let p = 0; p < PARENTS; p++) {
    docs.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: `division-${p}` },
      spec: { type: 'division', children: [] },
    });
  }
  for (let t = 0; t < TEAMS; t++) {
    const annotations = {};
    if (t % 3 === 0) {
      annotations['ml-maturity.io/attest.starter.process.data-management'] =
        'https://wiki.example.com/data-management';
    }
    docs.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: `team-${t}`, annotations },
      spec: { type: 'team', parent: `division-${t % PARENTS}`, children: [] },
    });
    if (t % 4 === 0) {
      docs.push({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: {
          name: `dataset-${t}`,
          annotations: { 'ml-maturity.io/asset': 'dataset' },
        },
        spec: { type: 'dataset', owner: `team-${t}` },
      });
    }
  }
  const file = path.join(dir, 'teams.yaml');
  fs.writeFileSync(file, docs.map(d => JSON.stringify(d)).join('\n---\n'));
  const config = path.join(dir, 'app-config.bench.yaml');
  fs.writeFileSync(
    config,
    [
      'catalog:',
      '  locations:',
      `    - type: file`,
      `      target: ${file}`,
      'mlMaturity:',
      '  schedule:',
      '    frequency: { minutes: 30 }',
      '    timeout: { minutes: 10 }',
      '    initialDelay: { seconds: 5 }',
      '',
    ].join('\n'),
  );
  return { config, entities: docs.length };
}

async function main() {
  if (!process.argv.includes('--no-build')) buildApp();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-maturity-bench-'));
  const { config, entities } = writeCatalog(dir);
  const backend = await startBackend({ port: 7027, configs: [config] });
  let browser;
  try {
    const token = await guestToken(backend.baseUrl);
    const api = `${backend.baseUrl}/api/ml-maturity/v1`;
    const headers = { authorization: `Bearer ${token}` };
    log(`catalog: ingesting ${entities} entities (this catalog does ~60/s)`);
    const ingestStart = Date.now();
    await waitFor(
      async () => {
        const res = await fetch(
          `${backend.baseUrl}/api/catalog/entities/by-query?filter=kind=group&limit=1`,
          { headers },
        );
        const body = await res.json();
        return body.totalItems >= TEAMS + PARENTS;
      },
      { timeoutMs: 900_000, intervalMs: 3000, what: 'catalog ingestion' },
    );
    log(
      `catalog: ingested in ${Math.round((Date.now() - ingestStart) / 1000)} s`,
    );
    await waitFor(
      async () => {
        await fetch(`${api}/refresh`, { method: 'POST', headers });
        const res = await fetch(`${api}/assessments?limit=1`, { headers });
        const body = res.ok ? await res.json() : {};
        const all = await fetch(`${api}/roadmap`, { headers }).then(r =>
          r.ok ? r.json() : undefined,
        );
        const teams = all
          ? Object.values(all.levels).reduce((n, l) => n + l.length, 0)
          : 0;
        return body.teams && teams >= TEAMS;
      },
      { timeoutMs: 300_000, intervalMs: 3000, what: `${TEAMS} teams assessed` },
    );

    browser = await launchBrowser();
    const page = await browser.newPage({
      viewport: { width: 1400, height: 1000 },
    });
    await signInAsGuest(page, backend.baseUrl);
    const samples = [];
    for (let run = 0; run < RUNS; run++) {
      await page.goto(`${backend.baseUrl}/ml-maturity`);
      const ms = await page.waitForFunction(
        () => {
          const mark = performance.getEntriesByName(
            'ml-maturity:heatmap-rendered',
          )[0];
          return mark ? mark.startTime : false;
        },
        undefined,
        { timeout: 60_000 },
      );
      samples.push(Math.round(await ms.jsonValue()));
      log(
        `run ${run + 1}: heat map rendered ${samples[run]} ms after navigation`,
      );
    }
    const sorted = [...samples].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    console.log(
      `\nFrontend (roadmap heat map, ${TEAMS} teams, production build)`,
    );
    console.log(`runs  median ms  min ms  max ms`);
    console.log(
      `${RUNS}     ${median}       ${sorted[0]}     ${
        sorted[sorted.length - 1]
      }`,
    );
    console.log(
      JSON.stringify({
        heatmapTeams: TEAMS,
        heatmapRuns: RUNS,
        heatmapMsMedian: median,
        heatmapMsSamples: samples,
      }),
    );
  } finally {
    if (browser) await browser.close();
    await backend.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
