import { performance } from 'node:perf_hooks';
import { classify } from '@aiml-service-kits/plugin-ml-maturity-common';
import { renderColumns } from '../cli/formatTable';
import { machineReferenceMs } from './machineReference';
import { measureInChildProcess, MemoryMeasurement } from './memory';
import { median, round } from './stats';
import { BenchContext, BenchSection, BenchSectionResult } from './types';

/** Above this many ms of timed runs per size, fewer runs are made. */
const TIME_BUDGET_PER_SIZE_MS = 90_000;

const NOW = '2026-01-01T00:00:00.000Z';

interface SizeResult {
  entities: number;
  relations: number;
  teams: number;
  generateMs: number;
  runs: number;
  classifyMsMedian: number;
  classifyMsMin: number;
  classifyMsMax: number;
  /** Process CPU time (all threads, GC included): less sensitive to a busy machine. */
  classifyCpuMsMedian: number;
  entitiesPerSecond: number;
  peakHeapMb: number | null;
  peakV8HeapMb: number | null;
  memoryMethod: MemoryMeasurement['method'] | null;
}

function timeClassify(entities: ReadonlyArray<unknown>): {
  ms: number;
  cpuMs: number;
  teams: number;
} {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const assessment = classify({ entities, now: NOW });
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  return {
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    teams: assessment.teams.length,
  };
}

async function measureSize(
  context: BenchContext,
  size: number,
): Promise<SizeResult> {
  const generateStart = performance.now();
  const org = context.getOrg(size);
  const generateMs = performance.now() - generateStart;

  let runs = context.runs;
  if (!context.smoke) {
    const warmup = timeClassify(org.entities);
    context.log(`  ${size} entities: warm-up ${Math.round(warmup.ms)} ms`);
    runs = Math.max(
      1,
      Math.min(
        runs,
        Math.floor(TIME_BUDGET_PER_SIZE_MS / Math.max(1, warmup.ms)),
      ),
    );
  }
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let teams = 0;
  for (let i = 0; i < runs; i++) {
    const run = timeClassify(org.entities);
    times.push(run.ms);
    cpuTimes.push(run.cpuMs);
    teams = run.teams;
  }
  const ms = median(times);

  let memory: MemoryMeasurement | undefined;
  if (context.memory) {
    context.log(`  ${size} entities: measuring memory in a child process`);
    memory = await measureInChildProcess({
      entities: size,
      seed: context.seed,
    });
  }
  return {
    entities: org.entities.length,
    relations: org.counts.relations,
    teams,
    generateMs: Math.round(generateMs),
    runs,
    classifyMsMedian: round(ms),
    classifyMsMin: round(Math.min(...times)),
    classifyMsMax: round(Math.max(...times)),
    classifyCpuMsMedian: round(median(cpuTimes)),
    entitiesPerSecond: Math.round(org.entities.length / (ms / 1000)),
    peakHeapMb: memory ? memory.peakRssMb : null,
    peakV8HeapMb: memory ? memory.peakV8HeapMb : null,
    memoryMethod: memory ? memory.method : null,
  };
}

function table(results: SizeResult[]): string[] {
  const rows = [
    [
      'entities',
      'relations',
      'teams',
      'runs',
      'median ms',
      'min ms',
      'max ms',
      'cpu ms',
      'entities/s',
      'us/entity',
      'peak RSS MB',
      'peak heap MB',
    ],
  ];
  for (const r of results) {
    rows.push([
      String(r.entities),
      String(r.relations),
      String(r.teams),
      String(r.runs),
      String(r.classifyMsMedian),
      String(r.classifyMsMin),
      String(r.classifyMsMax),
      String(r.classifyCpuMsMedian),
      String(r.entitiesPerSecond),
      String(round((r.classifyMsMedian * 1000) / r.entities, 2)),
      r.peakHeapMb === null ? '-' : String(r.peakHeapMb),
      r.peakV8HeapMb === null ? '-' : String(r.peakV8HeapMb),
    ]);
  }
  return renderColumns(rows).split('\n');
}

/**
 * Times `classify` over generated organisations: one warm-up run, then
 * `runs` timed runs per size (fewer when a run is slow, to stay in time),
 * and its memory in a fresh child process.
 *
 * @public
 */
export const classifierBenchSection: BenchSection = {
  id: 'classifier',
  title: 'Classifier (classify over generated catalog entities with relations)',
  async run(context: BenchContext): Promise<BenchSectionResult> {
    // Before the organisations are generated: the reference runs on a
    // small heap, as the same code would on any machine.
    const referenceMs = machineReferenceMs();
    const results: SizeResult[] = [];
    for (const size of context.sizes) {
      results.push(await measureSize(context, size));
    }
    const primary =
      results.find(r => r.entities === context.primarySize) ??
      results[results.length - 1];
    const fields: Record<string, unknown> = {
      ...primary,
      machineReferenceMs: referenceMs,
    };
    if (results.length > 1) {
      fields.sizes = results;
    }
    return {
      lines: [
        ...table(results),
        `machine reference: ${referenceMs} ms (a fixed workload of 100,000 refs in a Map; compare figures of different machines by it)`,
      ],
      fields,
    };
  },
};
