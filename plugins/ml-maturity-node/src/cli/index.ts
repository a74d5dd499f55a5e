export { runCli, runAssess, EXIT_CODES } from './runCli';
export type { CliOutput, RunCliOptions } from './types';
