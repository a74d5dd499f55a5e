import { randomUUID } from 'node:crypto';
import {
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsRegistryService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import {
  mlMaturityAttestationCreatePermission,
  type AttestationResponse,
  type KitDefinition,
} from '@aiml-service-kits/plugin-ml-maturity-common';
import {
  AssessmentStore,
  AttestationEvent,
  AttestationRecord,
} from '../database/AssessmentStore';
import {
  MlMaturityTeamResource,
  mlMaturityTeamPermissionResourceRef,
} from '../permissions/rules';
import { AssessmentService } from './AssessmentService';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A portal attestation as the API serves it (defined in -common). @public */
export type { AttestationResponse };

/** Called after each change so that the assessment catches up now. */
export type AttestationsChangedListener = () => Promise<void>;

/**
 * Records and revokes portal attestations (spec §6), with the permission
 * `ml-maturity.attestation.create` checked against the team.
 *
 * @internal
 */
export class AttestationService {
  static create(options: {
    store: AssessmentStore;
    assessments: AssessmentService;
    permissions: PermissionsService;
    permissionsRegistry: PermissionsRegistryService;
    userInfo: UserInfoService;
    kits: ReadonlyArray<KitDefinition>;
    validForDays: number;
    onChange: AttestationsChangedListener;
  }): AttestationService {
    return new AttestationService(options);
  }

  private readonly attestable: Set<string>;
  private readonly isAuthorized: (
    decision: PolicyDecision,
    resource: MlMaturityTeamResource | undefined,
  ) => boolean;

  private constructor(
    private readonly options: Parameters<typeof AttestationService.create>[0],
  ) {
    this.attestable = new Set(
      options.kits.flatMap(k =>
        k.items.filter(i => i.attestable).map(i => i.id),
      ),
    );
    this.isAuthorized = createConditionAuthorizer(
      options.permissionsRegistry.getPermissionRuleset(
        mlMaturityTeamPermissionResourceRef,
      ),
    );
  }

  /** Whether the user may record and revoke attestations of the team. */
  async mayAttest(
    credentials: BackstageCredentials<BackstageUserPrincipal>,
    teamRef: string,
  ): Promise<boolean> {
    const [decision] = await this.options.permissions.authorizeConditional(
      [{ permission: mlMaturityAttestationCreatePermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return true;
    if (decision.result === AuthorizeResult.CONDITIONAL) {
      const { ownershipEntityRefs } = await this.options.userInfo.getUserInfo(
        credentials,
      );
      return this.isAuthorized(decision, { teamRef, ownershipEntityRefs });
    }
    return false;
  }

  private async authorize(
    credentials: BackstageCredentials<BackstageUserPrincipal>,
    teamRef: string,
  ): Promise<void> {
    if (!(await this.mayAttest(credentials, teamRef))) {
      throw new NotAllowedError(
        `You may not record or revoke attestations of ${teamRef}: permission ${mlMaturityAttestationCreatePermission.name} denied`,
      );
    }
  }

  private async visibleTeam(
    credentials: BackstageCredentials,
    teamRef: string,
  ): Promise<void> {
    const { assessments } = this.options;
    await assessments.requireAssessment();
    await assessments.getVisibleTeam({
      visibility: assessments.visibilityFor(credentials),
      teamRef,
    });
  }

  async create(options: {
    credentials: BackstageCredentials<BackstageUserPrincipal>;
    teamRef: string;
    itemId: string;
    url: string;
    comment?: string;
  }): Promise<AttestationResponse> {
    const { credentials, teamRef, itemId } = options;
    if (!this.attestable.has(itemId)) {
      // cut: the schema lets 255 characters through, and a bad value is
      // not echoed back at length
      throw new InputError(
        `itemId: ${
          itemId.length > 100 ? `${itemId.slice(0, 100)}...` : itemId
        } is not an attestable item of the kits in force`,
      );
    }
    await this.visibleTeam(credentials, teamRef);
    await this.authorize(credentials, teamRef);

    const now = Date.now();
    const record = await this.options.store.createAttestation({
      id: randomUUID(),
      teamRef,
      itemId,
      url: options.url,
      ...(options.comment !== undefined && { comment: options.comment }),
      by: credentials.principal.userEntityRef,
      at: new Date(now).toISOString(),
      expiresAt: new Date(
        now + this.options.validForDays * DAY_MS,
      ).toISOString(),
    });
    await this.options.onChange();
    return this.withEvents(record, await this.events(teamRef));
  }

  async revoke(options: {
    credentials: BackstageCredentials<BackstageUserPrincipal>;
    id: string;
  }): Promise<AttestationResponse> {
    const { credentials, id } = options;
    const existing = await this.options.store.getAttestation(id);
    if (!existing) {
      throw new NotFoundError(`No attestation ${id}`);
    }
    try {
      await this.visibleTeam(credentials, existing.teamRef);
    } catch (error) {
      // Not "No team <ref>": that would name a team the caller cannot see.
      if ((error as Error)?.name === 'NotFoundError') {
        throw new NotFoundError(`No attestation ${id}`);
      }
      throw error;
    }
    await this.authorize(credentials, existing.teamRef);
    if (existing.revokedAt) {
      throw new ConflictError(`Attestation ${id} is already revoked`);
    }
    const at = new Date();
    const revoked = await this.options.store.revokeAttestation({
      id,
      actor: credentials.principal.userEntityRef,
      at,
    });
    if (!revoked?.revokedNow) {
      // revoked (or deleted) since it was read, maybe by the same user in
      // another request at the same moment
      throw new ConflictError(`Attestation ${id} is already revoked`);
    }
    const { record } = revoked;
    await this.options.onChange();
    const [response] = await this.namingReadableActors(credentials, [
      this.withEvents(record, await this.events(existing.teamRef)),
    ]);
    return response;
  }

  async list(options: {
    credentials: BackstageCredentials;
    teamRef: string;
  }): Promise<AttestationResponse[]> {
    await this.visibleTeam(options.credentials, options.teamRef);
    const records = await this.options.store.listAttestations({
      teamRef: options.teamRef,
    });
    const events = await this.events(options.teamRef);
    return this.namingReadableActors(
      options.credentials,
      records.map(r => this.withEvents(r, events)),
    );
  }

  /**
   * Who attested and revoked, as any other ref: only Users the caller may
   * read in the catalog are named; the others are left out.
   */
  private async namingReadableActors(
    credentials: BackstageCredentials,
    responses: AttestationResponse[],
  ): Promise<AttestationResponse[]> {
    const visibility = this.options.assessments.visibilityFor(credentials);
    await visibility.load(
      responses.flatMap(r => [
        ...(r.by ? [r.by] : []),
        ...(r.revokedBy ? [r.revokedBy] : []),
        ...r.events.flatMap(e => (e.actor ? [e.actor] : [])),
      ]),
    );
    const { canRead } = visibility;
    return responses.map(({ by, revokedBy, ...rest }) => ({
      ...rest,
      ...(by && canRead(by) && { by }),
      ...(revokedBy && canRead(revokedBy) && { revokedBy }),
      events: rest.events.map(({ actor, ...event }) =>
        actor && canRead(actor) ? { ...event, actor } : event,
      ),
    }));
  }

  private events(teamRef: string): Promise<AttestationEvent[]> {
    return this.options.store.listAttestationEvents({ teamRef });
  }

  private withEvents(
    record: AttestationRecord,
    events: AttestationEvent[],
  ): AttestationResponse {
    let status: AttestationResponse['status'] = 'active';
    if (record.revokedAt) status = 'revoked';
    else if (Date.parse(record.expiresAt) <= Date.now()) status = 'expired';
    return {
      ...record,
      status,
      events: events
        .filter(e => e.attestationId === record.id)
        .map(
          ({ attestationId: _a, teamRef: _t, itemId: _i, ...event }) => event,
        ),
    };
  }
}
