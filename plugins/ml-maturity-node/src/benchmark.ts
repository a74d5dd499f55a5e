/**
 * The benchmark behind `yarn bench` and its deterministic organisation
 * generator: a separate entry point (`@aiml-service-kits/plugin-ml-maturity-node/bench`),
 * so the package's main entry holds only what adopters use, the catalog
 * YAML reader and the CLI.
 *
 * @packageDocumentation
 */
export * from './bench';
export type { CliOutput, RunCliOptions } from './cli';
