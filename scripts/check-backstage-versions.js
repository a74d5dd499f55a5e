#!/usr/bin/env node
/*
 * Fails when the installed tree holds more than one version of any
 * @backstage/* package, or a version other than the one pinned in the root
 * package.json's resolutions: every Backstage package must come from one
 * release line (mismatches crash plugins at startup).
 */
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const pinned = JSON.parse(
  fs.readFileSync(path.join(root, 'package.json'), 'utf8'),
).resolutions;
const found = new Map();

function walk(dir, depth) {
  if (depth > 8) return;
  let entries;
  try {
    entries = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.startsWith('.')) continue;
    const full = path.join(dir, entry);
    if (entry.startsWith('@')) {
      for (const name of fs.readdirSync(full)) {
        const pkgDir = path.join(full, name);
        if (entry === '@backstage') record(pkgDir);
        walk(path.join(pkgDir, 'node_modules'), depth + 1);
      }
    } else {
      walk(path.join(full, 'node_modules'), depth + 1);
    }
  }
}

function record(pkgDir) {
  try {
    const { name, version } = JSON.parse(
      fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'),
    );
    if (!found.has(name)) found.set(name, new Set());
    found.get(name).add(version);
  } catch {
    // not a package
  }
}

walk(path.join(root, 'node_modules'), 0);
for (const parent of ['packages', 'plugins']) {
  for (const ws of fs.readdirSync(path.join(root, parent))) {
    walk(path.join(root, parent, ws, 'node_modules'), 0);
  }
}

const problems = [];
for (const [name, versions] of [...found].sort()) {
  if (versions.size > 1) {
    problems.push(`${name}: several versions installed (${[...versions]})`);
  } else if (!pinned[name]) {
    problems.push(`${name}@${[...versions][0]}: not pinned in resolutions`);
  } else if (pinned[name] !== [...versions][0]) {
    problems.push(
      `${name}: ${[...versions][0]} installed, ${pinned[name]} pinned`,
    );
  }
}
if (problems.length) {
  console.error(
    `@backstage/* packages off the pinned release line:\n  ${problems.join(
      '\n  ',
    )}`,
  );
  process.exit(1);
}
console.log(
  `${found.size} @backstage/* packages, one version each, all pinned`,
);
