import type {
  AssetContribution,
  Finding,
  PortalAttestation,
  ShortenedReasonRefs,
  TeamAssessment,
  TeamHistoryDay,
} from '@aiml-service-kits/plugin-ml-maturity-common';

/** @internal */
export type SnapshotStatus = 'running' | 'succeeded' | 'failed';

/** One refresh run. @internal */
export interface Snapshot {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  status: SnapshotStatus;
  entityCount: number | null;
  teamCount: number | null;
  error: string | null;
  heartbeatAt: string;
}

/** The top-level parts of an assessment, kept with its snapshot. @internal */
export interface SnapshotPayload {
  generatedAt: string;
  unattributedAssets: string[];
  findings: Finding[];
}

/** A successful snapshot with its payload. @internal */
export interface SucceededSnapshot extends Snapshot {
  /** Set when the snapshot completes, as every succeeded one has. */
  finishedAt: string;
  payload: SnapshotPayload;
}

/** What the API reports about freshness. @internal */
export interface RefreshStatus {
  /** The latest successful refresh, whose results are served. */
  lastSuccess: SucceededSnapshot | undefined;
  /** The latest failed refresh finished after the last success, if any. */
  lastFailure: Snapshot | undefined;
}

/** A team's stored assessment. @internal */
export interface StoredTeam {
  assessment: TeamAssessment;
  /**
   * For an implicit team (no Group entity): the entities that name it as
   * owner, so that visibility can follow them. Empty for real groups.
   */
  referencedBy: string[];
  /**
   * The full ref lists of the team's challenge reasons that name only some
   * (`ClassificationDetails.shortenedReasonRefs`), to recount them for a
   * caller who may not read all; absent when none is cut short, and in
   * rows stored before they were kept.
   */
  shortenedReasonRefs?: ShortenedReasonRefs;
}

/** Everything one successful refresh writes, in one transaction. @internal */
export interface SnapshotResult {
  snapshotId: number;
  finishedAt: Date;
  entityCount: number;
  payload: SnapshotPayload;
  teams: StoredTeam[];
  assets: AssetContribution[];
  /** UTC day of the history points, YYYY-MM-DD: they replace that day's. */
  day: string;
  /** History points with a day before this one are purged. */
  purgeHistoryBefore: string;
}

/** One history point of one team. @internal */
export interface TeamHistoryPoint extends TeamHistoryDay {
  teamRef: string;
}

/** Days of history, `YYYY-MM-DD`, both inclusive; absent: no limit. @internal */
export interface HistoryRange {
  from?: string;
  to?: string;
}

/** How many teams had one level on one day. @internal */
export interface HistoryLevelCount {
  day: string;
  level: number;
  count: number;
}

/** A portal attestation with its revocation state. @public */
export interface AttestationRecord extends PortalAttestation {
  revokedAt?: string;
  revokedBy?: string;
}

/** One entry of the attestation audit trail. @public */
export interface AttestationEvent {
  id: number;
  attestationId: string;
  teamRef: string;
  itemId: string;
  action: 'created' | 'revoked';
  actor: string;
  at: string;
  url: string;
  comment?: string;
}

/**
 * Persistence of the ML maturity plugin: snapshots of the latest assessment,
 * team history and portal attestations.
 *
 * @internal
 */
export interface AssessmentStore {
  /** Records the start of a refresh; marks abandoned runs as failed. */
  startSnapshot(options: {
    startedAt: Date;
    /** Running rows whose heartbeat is older than this are abandoned. */
    abandonedBefore: Date;
  }): Promise<number>;
  heartbeat(options: { snapshotId: number; at: Date }): Promise<void>;
  /** The running refresh whose heartbeat is not older than `since`. */
  getRunningSnapshot(options: { since: Date }): Promise<Snapshot | undefined>;
  /**
   * Writes a successful refresh's results, in one transaction, one refresh
   * at a time; replaces the points of `result.day`. Rejects with a
   * ConflictError, writing nothing, when a refresh that started later has
   * stored its results already.
   */
  completeSnapshot(result: SnapshotResult): Promise<void>;
  failSnapshot(options: {
    snapshotId: number;
    finishedAt: Date;
    error: string;
  }): Promise<void>;
  getRefreshStatus(): Promise<RefreshStatus>;
  listSnapshots(): Promise<Snapshot[]>;

  /** Teams sorted by ref, strictly after `afterRef` when given. */
  listTeams(options: {
    afterRef?: string;
    limit: number;
  }): Promise<StoredTeam[]>;
  getTeam(teamRef: string): Promise<StoredTeam | undefined>;
  /** The stored teams among `teamRefs`, in batches; unknown refs left out. */
  getTeams(teamRefs: string[]): Promise<StoredTeam[]>;
  /** Levels of the given teams; unknown refs are left out. */
  getTeamLevels(teamRefs: string[]): Promise<Map<string, number>>;
  getAsset(entityRef: string): Promise<AssetContribution | undefined>;

  getTeamHistory(options: {
    teamRef: string;
    from?: string;
    to?: string;
  }): Promise<TeamHistoryPoint[]>;
  /**
   * Each team with at least one history point in the range, once (for the
   * org view, which decides which of them the caller may see).
   */
  getHistoryTeamRefs(options: HistoryRange): Promise<string[]>;
  /**
   * How many of `teamRefs` had each level on each day of the range (for the
   * org view), counted by the database: days ascending, then levels; only
   * day and level pairs with at least one of those teams. Teams not in
   * `teamRefs` never count, whatever was written since they were listed.
   */
  countHistoryLevels(
    options: HistoryRange & { teamRefs: string[] },
  ): Promise<HistoryLevelCount[]>;

  createAttestation(
    attestation: Omit<AttestationRecord, 'revokedAt' | 'revokedBy'>,
  ): Promise<AttestationRecord>;
  /**
   * Revokes an attestation and records the event, unless it is revoked
   * already (then nothing is written). Returns the record as it now is
   * and whether this call revoked it (of calls at once, exactly one did),
   * or undefined when there is no such id.
   */
  revokeAttestation(options: {
    id: string;
    actor: string;
    at: Date;
  }): Promise<{ record: AttestationRecord; revokedNow: boolean } | undefined>;
  getAttestation(id: string): Promise<AttestationRecord | undefined>;
  listAttestations(options: { teamRef: string }): Promise<AttestationRecord[]>;
  listAttestationEvents(options: {
    teamRef: string;
  }): Promise<AttestationEvent[]>;
  /** Attestations not revoked (active and expired), for the classifier. */
  listUnrevokedAttestations(): Promise<PortalAttestation[]>;
  /** Id of the latest attestation event, 0 when none: changes on every write. */
  getAttestationsVersion(): Promise<number>;
}
