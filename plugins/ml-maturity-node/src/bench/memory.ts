import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, resolve as resolvePath } from 'node:path';
import { GCProfiler } from 'node:v8';
import { classify } from '@aiml-service-kits/plugin-ml-maturity-common';
import { generateOrg } from './generateOrg';
import { toMb } from './stats';

/** What the memory child reports. @public */
export interface MemoryMeasurement {
  /** Peak resident set size during classify, minus the RSS just before it (MiB). */
  peakRssMb: number;
  /** Peak V8 used heap during classify, minus the used heap just before it (MiB). */
  peakV8HeapMb: number;
  /** RSS with the data loaded, before classify (MiB). */
  baselineRssMb: number;
  /** Teams in the assessment. */
  teams: number;
  /** GCs during classify (each one a heap sample). */
  gcCount: number;
  /**
   * `hwm-reset`: the kernel's RSS high-water mark was reset after loading the
   * data, so the peak is classify's own. `maxrss-delta`: it could not be
   * reset (not Linux), the figure is a lower bound (0 when loading the data
   * peaked higher than classify).
   */
  method: 'hwm-reset' | 'maxrss-delta';
}

/** The bench entry of this package, found the same way in the repo and when installed. */
function benchEntry(): string {
  const packageJson = require.resolve(
    '@aiml-service-kits/plugin-ml-maturity-node/package.json',
  );
  return resolvePath(dirname(packageJson), 'bin', 'ml-maturity-bench');
}

const FIXED_NOW = '2026-01-01T00:00:00.000Z';

/**
 * Resets the process's peak RSS (VmHWM, which getrusage's maxRSS reads) on
 * Linux by writing 5 to /proc/self/clear_refs.
 */
function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs in the child process (`--memory-child`): generates the data, warms
 * the classifier on a small input, collects garbage, resets the RSS
 * high-water mark, then classifies once. Peak RSS comes from the kernel
 * (`resourceUsage().maxRSS`); peak V8 heap from a GC profiler, whose
 * before-GC heap sizes are the heap's local maxima during the run, plus the
 * heap at its end.
 *
 * @internal
 */
export function measureInThisProcess(options: {
  entities: number;
  seed: number;
}): MemoryMeasurement {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) {
    throw new Error('The memory child must run with --expose-gc');
  }
  classify({
    entities: generateOrg({ entities: 200, seed: options.seed }).entities,
    now: FIXED_NOW,
  });
  const { entities } = generateOrg(options);
  gc();
  gc();

  const reset = resetPeakRss();
  const rssBefore = process.memoryUsage().rss;
  const maxRssBefore = process.resourceUsage().maxRSS * 1024;
  const heapBefore = process.memoryUsage().heapUsed;
  const profiler = new GCProfiler();
  profiler.start();

  const assessment = classify({ entities, now: FIXED_NOW });

  const heapAtEnd = process.memoryUsage().heapUsed;
  const gcStats = profiler.stop();
  const maxRssAfter = process.resourceUsage().maxRSS * 1024;
  const peakHeap = gcStats.statistics.reduce(
    (peak, stat) => Math.max(peak, stat.beforeGC.heapStatistics.usedHeapSize),
    heapAtEnd,
  );
  // Reading the result here keeps it alive until after the readings.
  return {
    teams: assessment.teams.length,
    peakRssMb: toMb(
      Math.max(0, maxRssAfter - (reset ? rssBefore : maxRssBefore)),
    ),
    peakV8HeapMb: toMb(Math.max(0, peakHeap - heapBefore)),
    baselineRssMb: toMb(rssBefore),
    gcCount: gcStats.statistics.length,
    method: reset ? 'hwm-reset' : 'maxrss-delta',
  };
}

/**
 * Measures classify's memory in a fresh Node process (same Node binary), so
 * that nothing the benchmark did before (timed runs, other sizes) is in the
 * figures.
 *
 * @internal
 */
export function measureInChildProcess(options: {
  entities: number;
  seed: number;
}): Promise<MemoryMeasurement> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--expose-gc',
        benchEntry(),
        '--memory-child',
        '--entities',
        String(options.entities),
        '--seed',
        String(options.seed),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', chunk => {
      stdout += chunk;
    });
    child.stderr.on('data', chunk => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', code => {
      const lastLine = stdout.trim().split('\n').pop() ?? '';
      if (code !== 0) {
        reject(
          new Error(
            `memory child exited with ${code}: ${
              stderr.trim() || stdout.trim()
            }`,
          ),
        );
        return;
      }
      try {
        resolve(JSON.parse(lastLine) as MemoryMeasurement);
      } catch {
        reject(new Error(`memory child printed no JSON: ${stdout.trim()}`));
      }
    });
  });
}
