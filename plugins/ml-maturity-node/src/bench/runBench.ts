import { InputError } from '@backstage/errors';
import { Command, CommanderError, Option } from 'commander';
import { CliOutput, RunCliOptions } from '../cli/types';
import { generateOrg, GeneratedOrg } from './generateOrg';
import { measureInThisProcess } from './memory';
import { defaultBenchSections } from './sections';
import { BenchContext, BenchSection } from './types';

/** Options of {@link runBench}. @public */
export interface RunBenchOptions extends RunCliOptions {
  /** Sections to run; default {@link defaultBenchSections}. */
  sections?: ReadonlyArray<BenchSection>;
}

interface BenchFlags {
  entities: string;
  sizes?: string;
  seed: string;
  runs: string;
  smoke?: boolean;
  memory: boolean;
  memoryChild?: boolean;
}

const SMOKE_ENTITIES = 2000;

function positiveInteger(name: string, value: string, min: number): number {
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < min) {
    throw new InputError(
      `${name} must be an integer of at least ${min}, got "${value}"`,
    );
  }
  return n;
}

function createContext(flags: BenchFlags, stderr: CliOutput): BenchContext {
  const seed = positiveInteger('--seed', flags.seed, 0);
  if (flags.smoke) {
    return makeContext(
      {
        sizes: [SMOKE_ENTITIES],
        primarySize: SMOKE_ENTITIES,
        seed,
        runs: 1,
        smoke: true,
        memory: flags.memory,
      },
      stderr,
    );
  }
  const primarySize = positiveInteger('--entities', flags.entities, 100);
  const sizes = flags.sizes
    ? flags.sizes.split(',').map(s => positiveInteger('--sizes', s.trim(), 100))
    : [primarySize];
  return makeContext(
    {
      sizes,
      primarySize,
      seed,
      runs: positiveInteger('--runs', flags.runs, 1),
      smoke: false,
      memory: flags.memory,
    },
    stderr,
  );
}

function makeContext(
  settings: Omit<BenchContext, 'getOrg' | 'log'>,
  stderr: CliOutput,
): BenchContext {
  // One organisation at a time: holding every size at once would skew the
  // timings of the larger ones with GC pressure.
  let cached: { size: number; org: GeneratedOrg } | undefined;
  return {
    ...settings,
    getOrg(size) {
      if (cached?.size !== size) {
        cached = undefined;
        cached = {
          size,
          org: generateOrg({ entities: size, seed: settings.seed }),
        };
      }
      return cached.org;
    },
    log(message) {
      stderr.write(`${message}\n`);
    },
  };
}

async function runSections(
  sections: ReadonlyArray<BenchSection>,
  context: BenchContext,
  stdout: CliOutput,
): Promise<Record<string, unknown>> {
  const fields: Record<string, unknown> = {
    node: process.version,
    seed: context.seed,
    smoke: context.smoke,
  };
  for (const section of sections) {
    context.log(`bench: ${section.id}`);
    const result = await section.run(context);
    stdout.write(`\n${section.title}\n${result.lines.join('\n')}\n`);
    for (const [key, value] of Object.entries(result.fields)) {
      if (key in fields) {
        throw new Error(
          `bench section ${section.id} sets field "${key}", already set by another section`,
        );
      }
      fields[key] = value;
    }
  }
  return fields;
}

/**
 * `yarn bench`: runs the bench sections, prints a table per section, and as
 * its very last stdout line one JSON object with every section's fields.
 * Returns the exit code.
 *
 * @public
 */
export async function runBench(options: RunBenchOptions): Promise<number> {
  const { argv, stdout, stderr, sections = defaultBenchSections } = options;
  const program = new Command('ml-maturity-bench')
    .description(
      'Benchmark the ML maturity classifier over a generated organisation (docs/benchmarks.md)',
    )
    .option('--entities <n>', 'entities to generate', '100000')
    .option(
      '--sizes <list>',
      'comma-separated entity counts for a linearity table, e.g. 10000,100000,300000',
    )
    .option('--seed <n>', 'generator seed', '42')
    .option('--runs <n>', 'timed runs per size, after one warm-up', '5')
    .option('--smoke', `one quick run over ${SMOKE_ENTITIES} entities (CI)`)
    .option('--no-memory', 'skip the memory measurement in a child process')
    .addOption(
      new Option(
        '--memory-child',
        'internal: measure memory in this process',
      ).hideHelp(),
    )
    .exitOverride()
    .configureOutput({
      writeOut: text => stdout.write(text),
      writeErr: text => stderr.write(text),
    });
  try {
    program.parse(argv, { from: 'user' });
    const flags = program.opts<BenchFlags>();
    if (flags.memoryChild) {
      const entities = positiveInteger('--entities', flags.entities, 100);
      const seed = positiveInteger('--seed', flags.seed, 0);
      stdout.write(
        `${JSON.stringify(measureInThisProcess({ entities, seed }))}\n`,
      );
      return 0;
    }
    const context = createContext(flags, stderr);
    const fields = await runSections(sections, context, stdout);
    stdout.write(`\n${JSON.stringify(fields)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' ? 0 : 2;
    }
    if (error instanceof InputError) {
      stderr.write(`ml-maturity-bench: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
