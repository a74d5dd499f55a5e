import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';

/**
 * What the `ml-maturity-team` permission rules look at: the team an action
 * is about, and the ownership refs of the user asking (from the user info
 * service), since a rule only ever sees the resource.
 *
 * @public
 */
export type MlMaturityTeamResource = {
  /** Lower-case entity ref of the team. */
  teamRef: string;
  /** The caller's ownership entity refs (the user and its groups). */
  ownershipEntityRefs: string[];
};

/**
 * The team resource is evaluated in memory only; there is no query form.
 *
 * @public
 */
export type MlMaturityTeamQuery = {
  isTeamMember: true;
};

/**
 * Resource ref of the `ml-maturity-team` resource type.
 *
 * @public
 */
export const mlMaturityTeamPermissionResourceRef = createPermissionResourceRef<
  MlMaturityTeamResource,
  MlMaturityTeamQuery
>().with({
  pluginId: 'ml-maturity',
  resourceType: 'ml-maturity-team',
});

/**
 * `IS_TEAM_MEMBER`: the team is one of the caller's ownership refs, that is
 * the caller is a (direct) member of the team.
 *
 * @public
 */
export const isTeamMember = createPermissionRule({
  name: 'IS_TEAM_MEMBER',
  description:
    "Allow when the team is one of the caller's ownership entity refs (the caller is a member of the team)",
  resourceRef: mlMaturityTeamPermissionResourceRef,
  apply: (resource: MlMaturityTeamResource) =>
    resource.ownershipEntityRefs.some(
      ref =>
        ref.toLocaleLowerCase('en-US') ===
        resource.teamRef.toLocaleLowerCase('en-US'),
    ),
  toQuery: () => ({ isTeamMember: true as const }),
});

/** Every rule of the `ml-maturity-team` resource type. @public */
export const mlMaturityTeamRules = { isTeamMember };

const conditionExports = createConditionExports({
  resourceRef: mlMaturityTeamPermissionResourceRef,
  rules: mlMaturityTeamRules,
});

/**
 * Condition factories for `ml-maturity-team` permissions, for policies:
 * `mlMaturityTeamConditions.isTeamMember()`.
 *
 * @public
 */
export const mlMaturityTeamConditions = conditionExports.conditions;

/**
 * Wraps conditions in a conditional decision for an `ml-maturity-team`
 * permission, for policies.
 *
 * @public
 */
export const createMlMaturityTeamConditionalDecision =
  conditionExports.createConditionalDecision;
