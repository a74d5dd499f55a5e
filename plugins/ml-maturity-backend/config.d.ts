/*
 * The backend reads `mlMaturity.schedule`, `mlMaturity.attestations.validForDays`
 * and `mlMaturity.history.retentionDays`, all declared (with the kits and
 * aliases) by @aiml-service-kits/plugin-ml-maturity-common's config.d.ts.
 * The backend has no keys of its own; this file exists because package.json
 * names it as the package's configSchema.
 */
export interface Config {}
