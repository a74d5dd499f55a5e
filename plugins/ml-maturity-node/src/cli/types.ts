/**
 * Where the CLI writes: `process.stdout` / `process.stderr`, or a buffer in
 * tests.
 * @public
 */
export interface CliOutput {
  write(chunk: string): unknown;
}

/** Options of `runCli` and `runAssess` (and of the benchmark's `runBench`). @public */
export interface RunCliOptions {
  /** Arguments after the program name (`process.argv.slice(2)`). */
  argv: string[];
  stdout: CliOutput;
  stderr: CliOutput;
}
