/*
 * An example permission policy for the ML maturity plugins. It allows
 * everything, except that recording or revoking a portal attestation
 * (`ml-maturity.attestation.create`) is limited to members of the team.
 * Replace it with your organisation's policy.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { mlMaturityAttestationCreatePermission } from '@aiml-service-kits/plugin-ml-maturity-common';
import {
  createMlMaturityTeamConditionalDecision,
  mlMaturityTeamConditions,
} from '@aiml-service-kits/plugin-ml-maturity-backend';

/**
 * Allows everything; attestations only for members of the team
 * (`IS_TEAM_MEMBER`). `ml-maturity.refresh` is allowed to everyone here; a
 * stricter policy would limit it to an admin group.
 */
export class MlMaturityExamplePolicy implements PermissionPolicy {
  async handle(request: PolicyQuery): Promise<PolicyDecision> {
    if (
      isPermission(request.permission, mlMaturityAttestationCreatePermission)
    ) {
      return createMlMaturityTeamConditionalDecision(
        request.permission,
        mlMaturityTeamConditions.isTeamMember(),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

/** Installs {@link MlMaturityExamplePolicy} in the permission backend. */
export const mlMaturityPermissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'ml-maturity-example-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new MlMaturityExamplePolicy());
      },
    });
  },
});

export default mlMaturityPermissionPolicyModule;
