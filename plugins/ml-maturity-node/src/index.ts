/**
 * Node-only pieces of the ML maturity plugins: the catalog YAML reader, the
 * `ml-maturity` CLI and the benchmark's organisation generator.
 *
 * @packageDocumentation
 */
export * from './reader';
export * from './cli';
export * from './bench';
