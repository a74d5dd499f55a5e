/*
 * Starts the real portal for end-to-end tests and benchmarks: the production
 * build of packages/app served by packages/backend (plugin-app-backend), on an
 * in-memory SQLite database, and drives it with Debian's Chromium through
 * playwright-core.
 */
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '../..');

function log(...args) {
  console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...args);
}

/** Builds packages/app for production (the backend serves packages/app/dist). */
function buildApp() {
  log('app: production build');
  const res = spawnSync('yarn', ['workspace', 'app', 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (res.status !== 0) throw new Error('app build failed');
}

/**
 * Starts packages/backend with extra config files; resolves when the
 * readiness endpoint answers. Returns { baseUrl, stop, output }.
 */
async function startBackend({ port = 7007, configs = [], env = {} } = {}) {
  const baseUrl = `http://localhost:${port}`;
  // The backend's sources run through Backstage's Node transform, as
  // `backstage-cli package start` does, but without its file watcher (a
  // restart mid-test would fail the run).
  const args = [
    '--require',
    require.resolve('@backstage/cli/config/nodeTransform.cjs', {
      paths: [root],
    }),
    path.join(root, 'packages/backend/src/index.ts'),
  ];
  for (const c of ['app-config.yaml', ...configs]) {
    args.push('--config', path.resolve(root, c));
  }
  const output = [];
  const child = spawn(process.execPath, args, {
    cwd: path.join(root, 'packages/backend'),
    env: {
      NODE_ENV: 'development',
      ...process.env,
      ...env,
      APP_CONFIG_app_baseUrl: baseUrl,
      APP_CONFIG_backend_baseUrl: baseUrl,
      APP_CONFIG_backend_listen_port: String(port),
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = chunk => {
    output.push(chunk.toString());
    if (output.length > 2000) output.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  child.on('exit', code => {
    exited = code;
  });

  const stop = async () => {
    if (exited !== null) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    for (let i = 0; i < 50 && exited === null; i++) {
      await new Promise(r => setTimeout(r, 200));
    }
    if (exited === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };

  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline) {
    if (exited !== null) {
      throw new Error(
        `backend exited with ${exited}:\n${output.join('').slice(-5000)}`,
      );
    }
    try {
      const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
      if (res.ok) {
        log(`backend: ready at ${baseUrl}`);
        return { baseUrl, stop, output };
      }
    } catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  await stop();
  throw new Error(
    `backend not ready in time:\n${output.join('').slice(-5000)}`,
  );
}

/** Headless Debian Chromium, flags that work on a machine without network. */
async function launchBrowser() {
  const { chromium } = require('playwright-core');
  const executablePath =
    process.env.CHROMIUM_PATH ||
    ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(p =>
      fs.existsSync(p),
    );
  if (!executablePath) {
    throw new Error(
      'No Chromium found: install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH',
    );
  }
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Signs in through the guest provider's "Enter" button. */
async function signInAsGuest(page, baseUrl) {
  await page.goto(baseUrl);
  const enter = page.getByRole('button', { name: /enter/i });
  await enter.waitFor({ timeout: 60_000 });
  await enter.click();
  // Signed in once the sign-in page is gone; the choice of provider is kept
  // in local storage, so later navigations sign in again by themselves.
  await enter.waitFor({ state: 'detached', timeout: 60_000 });
}

/** Polls until fn() returns truthy. */
async function waitFor(fn, { timeoutMs = 120_000, intervalMs = 1000, what }) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    await new Promise(r => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out waiting for ${what}: ${last}`);
}

module.exports = {
  root,
  log,
  buildApp,
  startBackend,
  launchBrowser,
  signInAsGuest,
  waitFor,
};
