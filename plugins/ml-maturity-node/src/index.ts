/**
 * Node-only pieces of the ML maturity plugins: the catalog YAML reader and the
 * `ml-maturity` CLI. The benchmark and its organisation generator are the
 * separate `/bench` entry point.
 *
 * @packageDocumentation
 */
export * from './reader';
export * from './cli';
