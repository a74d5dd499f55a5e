/**
 * Backend plugin of the ML maturity plugins: assesses teams' ML assets in the
 * catalog against the AIML Service Kits.
 *
 * @packageDocumentation
 */
export { mlMaturityPlugin as default } from './plugin';
export {
  createMlMaturityTeamConditionalDecision,
  isTeamMember,
  mlMaturityTeamConditions,
  mlMaturityTeamPermissionResourceRef,
  mlMaturityTeamRules,
} from './permissions/rules';
export type {
  MlMaturityTeamQuery,
  MlMaturityTeamResource,
} from './permissions/rules';
