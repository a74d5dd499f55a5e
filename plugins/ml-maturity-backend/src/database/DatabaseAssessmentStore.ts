import { DatabaseService, LoggerService } from '@backstage/backend-plugin-api';
import type {
  AssetContribution,
  MaturityLevel,
  PortalAttestation,
} from '@aiml-service-kits/plugin-ml-maturity-common';
import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';
import {
  AssessmentStore,
  AttestationEvent,
  AttestationRecord,
  HistoryLevelCount,
  HistoryRange,
  RefreshStatus,
  Snapshot,
  SnapshotPayload,
  SnapshotResult,
  SnapshotStatus,
  StoredTeam,
  TeamHistoryPoint,
} from './AssessmentStore';
import { migrateLatest } from './migrate';

/**
 * Bind parameters per INSERT statement: under SQLite's limit (32,766 since
 * 3.32) and PostgreSQL's (65,535), so that a refresh writes each table in one
 * statement up to thousands of rows.
 */
const MAX_BINDINGS = 30_000;

/**
 * Team refs per `IN` / `NOT IN` list when counting history: one statement
 * up to this many, well under both engines' bind parameter limits.
 */
export const MAX_FILTER_REFS = 10_000;

type DbTimestamp = Date | string | number;

/** @internal */
export type SnapshotRow = {
  id: number;
  started_at: DbTimestamp;
  finished_at: DbTimestamp | null;
  status: SnapshotStatus;
  entity_count: number | null;
  team_count: number | null;
  error: string | null;
  heartbeat_at: DbTimestamp;
  payload: string | null;
};

/** @internal */
export type TeamAssessmentRow = {
  team_ref: string;
  parent_ref: string | null;
  level: number;
  payload: string;
};

/** @internal */
export type AssetContributionRow = {
  entity_ref: string;
  payload: string;
};

/** @internal */
export type TeamHistoryRow = {
  team_ref: string;
  day: string;
  level: number;
  kits_completed: number;
  kits: string;
};

/** @internal */
export type AttestationRow = {
  id: string;
  team_ref: string;
  item_id: string;
  url: string;
  comment: string | null;
  created_by: string;
  created_at: DbTimestamp;
  expires_at: DbTimestamp;
  revoked_at: DbTimestamp | null;
  revoked_by: string | null;
};

/** @internal */
export type AttestationEventRow = {
  id: number;
  attestation_id: string;
  team_ref: string;
  item_id: string;
  action: 'created' | 'revoked';
  actor: string;
  at: DbTimestamp;
  url: string;
  comment: string | null;
};

/** SQLite hands back epoch numbers, PostgreSQL Date objects. */
function toIso(value: DbTimestamp): string {
  return new Date(value).toISOString();
}

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    result.push(items.slice(i, i + size));
  }
  return result;
}

/**
 * Multi-row INSERTs built directly (one placeholder group per row, as many
 * rows per statement as {@link MAX_BINDINGS} allows): knex's insert builder
 * normalises every row object, which costs more than the write itself at
 * thousands of rows. Table and column names are constants of this file.
 */
async function insertRows(
  tx: Knex.Transaction,
  table: string,
  columns: string[],
  rows: unknown[][],
): Promise<void> {
  const group = `(${columns.map(() => '?').join(', ')})`;
  const head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES `;
  for (const chunk of chunks(rows, Math.floor(MAX_BINDINGS / columns.length))) {
    await tx.raw(
      head + new Array(chunk.length).fill(group).join(', '),
      chunk.flat() as Knex.RawBinding[],
    );
  }
}

function whereInRange(
  query: Knex.QueryBuilder,
  column: string,
  range: HistoryRange,
): Knex.QueryBuilder {
  if (range.from) query.where(column, '>=', range.from);
  if (range.to) query.where(column, '<=', range.to);
  return query;
}

/**
 * The distinct team refs with a history point in the range, by a skip scan
 * of the (team_ref, day) index written as a recursive query (PostgreSQL 15
 * does not skip through an index by itself): one index probe per team for
 * the next ref, one for a point of that team in the range. Two probes per
 * team whatever the number of days, where `SELECT DISTINCT team_ref ...
 * WHERE day ...` reads every point of the range (362,000 rows for 180 days
 * of 2,000 teams).
 */
async function historyTeamRefs(
  db: Knex | Knex.Transaction,
  range: HistoryRange,
): Promise<string[]> {
  const query = db
    .withRecursive(
      'refs',
      ['team_ref'],
      db.raw(
        'SELECT MIN(team_ref) FROM team_history UNION ALL' +
          ' SELECT (SELECT MIN(h.team_ref) FROM team_history h' +
          ' WHERE h.team_ref > refs.team_ref)' +
          ' FROM refs WHERE refs.team_ref IS NOT NULL',
      ),
    )
    .select('team_ref')
    .from('refs')
    .whereNotNull('team_ref');
  if (range.from || range.to) {
    query.whereExists(
      whereInRange(
        db
          .select(db.raw('1'))
          .from('team_history as h')
          .whereRaw('h.team_ref = refs.team_ref'),
        'h.day',
        range,
      ),
    );
  }
  const rows: Array<{ team_ref: string }> = await query;
  return rows.map(row => row.team_ref);
}

/** Teams per day and level in the range, to be narrowed to some teams. */
function historyLevelsQuery(
  db: Knex | Knex.Transaction,
  range: HistoryRange,
): Knex.QueryBuilder {
  return whereInRange(
    db('team_history')
      .select('day', 'level')
      .count({ count: '*' })
      .groupBy('day', 'level'),
    'day',
    range,
  );
}

function byDayAndLevel(a: HistoryLevelCount, b: HistoryLevelCount): number {
  if (a.day !== b.day) return a.day < b.day ? -1 : 1;
  return a.level - b.level;
}

function toSnapshot(row: Omit<SnapshotRow, 'payload'>): Snapshot {
  return {
    id: Number(row.id),
    startedAt: toIso(row.started_at),
    finishedAt: row.finished_at === null ? null : toIso(row.finished_at),
    status: row.status,
    entityCount: row.entity_count,
    teamCount: row.team_count,
    error: row.error,
    heartbeatAt: toIso(row.heartbeat_at),
  };
}

function toAttestation(row: AttestationRow): AttestationRecord {
  return {
    id: row.id,
    teamRef: row.team_ref,
    itemId: row.item_id,
    url: row.url,
    ...(row.comment !== null && { comment: row.comment }),
    by: row.created_by,
    at: toIso(row.created_at),
    expiresAt: toIso(row.expires_at),
    ...(row.revoked_at !== null && { revokedAt: toIso(row.revoked_at) }),
    ...(row.revoked_by !== null && { revokedBy: row.revoked_by }),
  };
}

function toEvent(row: AttestationEventRow): AttestationEvent {
  return {
    id: Number(row.id),
    attestationId: row.attestation_id,
    teamRef: row.team_ref,
    itemId: row.item_id,
    action: row.action,
    actor: row.actor,
    at: toIso(row.at),
    url: row.url,
    ...(row.comment !== null && { comment: row.comment }),
  };
}

/**
 * Knex implementation of {@link AssessmentStore}, on SQLite or PostgreSQL.
 *
 * @internal
 */
export class DatabaseAssessmentStore implements AssessmentStore {
  static async create(options: {
    database: DatabaseService;
    /** Told when a migration collides with another instance's. */
    logger?: LoggerService;
  }): Promise<DatabaseAssessmentStore> {
    const { database, logger } = options;
    const client = await database.getClient();

    if (!database.migrations?.skip) {
      await migrateLatest({ knex: client, logger });
    }

    return new DatabaseAssessmentStore(client);
  }

  private readonly db: Knex;
  /** Byte-order comparison of refs, so that ordering matches JavaScript's. */
  private readonly collate: string;

  private constructor(db: Knex) {
    this.db = db;
    this.collate = db.client.config.client === 'pg' ? ' COLLATE "C"' : '';
  }

  async startSnapshot(options: {
    startedAt: Date;
    abandonedBefore: Date;
  }): Promise<number> {
    return this.db.transaction(async tx => {
      await tx<SnapshotRow>('snapshots')
        .where('status', 'running')
        .where('heartbeat_at', '<', options.abandonedBefore)
        .update({
          status: 'failed',
          finished_at: options.startedAt,
          error: 'Refresh abandoned: no heartbeat',
        });
      const [row] = await tx<SnapshotRow>('snapshots')
        .insert({
          started_at: options.startedAt,
          status: 'running',
          heartbeat_at: options.startedAt,
        })
        .returning('id');
      return Number(typeof row === 'object' ? row.id : row);
    });
  }

  async heartbeat(options: { snapshotId: number; at: Date }): Promise<void> {
    await this.db<SnapshotRow>('snapshots')
      .where({ id: options.snapshotId, status: 'running' })
      .update({ heartbeat_at: options.at });
  }

  async getRunningSnapshot(options: {
    since: Date;
  }): Promise<Snapshot | undefined> {
    const row = await this.db<SnapshotRow>('snapshots')
      .where('status', 'running')
      .where('heartbeat_at', '>=', options.since)
      .orderBy('id', 'desc')
      .first();
    return row ? toSnapshot(row) : undefined;
  }

  async completeSnapshot(result: SnapshotResult): Promise<void> {
    await this.db.transaction(async tx => {
      // One refresh's results written at a time. On PostgreSQL another
      // instance's refresh may complete at the same moment (one that ran
      // past the scheduler's timeout, say): without the lock both delete
      // the rows they see and insert theirs, and one fails on a duplicate
      // key. EXCLUSIVE mode lets readers through. SQLite runs one write
      // transaction at a time already.
      if (this.db.client.config.client === 'pg') {
        await tx.raw('LOCK TABLE team_assessments IN EXCLUSIVE MODE');
      }
      // A refresh that started later and has stored its results already
      // keeps them: these are older (read from the catalog before its).
      const newer = await tx<SnapshotRow>('snapshots')
        .where('status', 'succeeded')
        .where('id', '>', result.snapshotId)
        .orderBy('id', 'desc')
        .first('id');
      if (newer) {
        throw new ConflictError(
          `Refresh ${result.snapshotId} was not stored: refresh ${Number(
            newer.id,
          )}, which started later, has stored its results already`,
        );
      }
      // Only the latest success's payload is served: older ones are
      // cleared, all but the one before it (which a reader that has just
      // read its id may still ask for), so that the table keeps a short
      // row per refresh, not every refresh's findings.
      const previous = await tx<SnapshotRow>('snapshots')
        .where('status', 'succeeded')
        .where('id', '<', result.snapshotId)
        .orderBy('id', 'desc')
        .first('id');
      if (previous) {
        await tx<SnapshotRow>('snapshots')
          .where('status', 'succeeded')
          .where('id', '<', previous.id)
          .whereNotNull('payload')
          .update({ payload: null });
      }
      await tx<SnapshotRow>('snapshots')
        .where({ id: result.snapshotId })
        .update({
          status: 'succeeded',
          finished_at: result.finishedAt,
          heartbeat_at: result.finishedAt,
          entity_count: result.entityCount,
          team_count: result.teams.length,
          error: null,
          payload: JSON.stringify(result.payload),
        });

      await tx('team_assessments').delete();
      await insertRows(
        tx,
        'team_assessments',
        ['team_ref', 'parent_ref', 'level', 'payload'],
        result.teams.map(team => [
          team.assessment.entityRef,
          team.assessment.parent,
          team.assessment.level,
          JSON.stringify(team),
        ]),
      );

      await tx('asset_contributions').delete();
      await insertRows(
        tx,
        'asset_contributions',
        ['entity_ref', 'payload'],
        result.assets.map(asset => [asset.entityRef, JSON.stringify(asset)]),
      );

      // One point per team per day, of the day's last refresh: a second
      // refresh on the same day replaces all of that day's points, so that
      // a team it no longer has (removed, renamed) has none that day.
      // (knex's builder writes a compound SELECT on SQLite, which SQLite
      // caps at 500 rows.)
      await tx('team_history').where('day', result.day).delete();
      await insertRows(
        tx,
        'team_history',
        ['team_ref', 'day', 'level', 'kits_completed', 'kits'],
        result.teams.map(({ assessment }) => [
          assessment.entityRef,
          result.day,
          assessment.level,
          assessment.kitsCompleted,
          JSON.stringify(assessment.kits),
        ]),
      );
      await tx('team_history')
        .where('day', '<', result.purgeHistoryBefore)
        .delete();
    });
  }

  async failSnapshot(options: {
    snapshotId: number;
    finishedAt: Date;
    error: string;
  }): Promise<void> {
    // Only a running snapshot fails: one that succeeded keeps its rows,
    // and its status must say so.
    await this.db<SnapshotRow>('snapshots')
      .where({ id: options.snapshotId, status: 'running' })
      .update({
        status: 'failed',
        finished_at: options.finishedAt,
        heartbeat_at: options.finishedAt,
        error: options.error,
      });
  }

  /**
   * The parsed payload of the latest successful snapshot: a snapshot's
   * payload never changes once written, so it is parsed once per id.
   */
  private payloadCache?: { id: number; payload: SnapshotPayload };

  async getRefreshStatus(): Promise<RefreshStatus> {
    // A payload is cleared two successes later (see completeSnapshot): a
    // reader that read an id just before that finds it gone, and reads again.
    for (let attempt = 1; attempt <= 3; attempt++) {
      const status = await this.readRefreshStatus();
      if (status) return status;
    }
    throw new Error(
      'The latest ML maturity refresh could not be read: newer refreshes kept replacing it while it was read',
    );
  }

  /** The refresh status; undefined when the payload was cleared meanwhile. */
  private async readRefreshStatus(): Promise<RefreshStatus | undefined> {
    // The latest failure overall is the one after the last success, if any
    // failed after it: both rows are read at once, without the payload.
    const columns = [
      'id',
      'started_at',
      'finished_at',
      'status',
      'entity_count',
      'team_count',
      'error',
      'heartbeat_at',
    ] as const;
    const [success, failure] = await Promise.all(
      (['succeeded', 'failed'] as const).map(status =>
        this.db<SnapshotRow>('snapshots')
          .where('status', status)
          .orderBy('id', 'desc')
          .first(...columns),
      ),
    );
    if (!success) {
      return {
        lastSuccess: undefined,
        lastFailure: failure && toSnapshot(failure),
      };
    }
    const snapshot = toSnapshot(success);
    let cached = this.payloadCache;
    if (cached?.id !== snapshot.id) {
      const row = await this.db<SnapshotRow>('snapshots')
        .where('id', snapshot.id)
        .first('payload');
      if (!row?.payload) return undefined;
      cached = { id: snapshot.id, payload: JSON.parse(row.payload) };
      this.payloadCache = cached;
    }
    return {
      lastSuccess: {
        ...snapshot,
        // completeSnapshot sets both to the same time
        finishedAt: snapshot.finishedAt ?? snapshot.heartbeatAt,
        payload: cached.payload,
      },
      lastFailure:
        failure && Number(failure.id) > snapshot.id
          ? toSnapshot(failure)
          : undefined,
    };
  }

  async listSnapshots(): Promise<Snapshot[]> {
    const rows = await this.db<SnapshotRow>('snapshots').orderBy('id', 'asc');
    return rows.map(toSnapshot);
  }

  async listTeams(options: {
    afterRef?: string;
    limit: number;
  }): Promise<StoredTeam[]> {
    const query = this.db<TeamAssessmentRow>('team_assessments')
      .select('payload')
      .orderByRaw(`team_ref${this.collate} asc`)
      .limit(options.limit);
    if (options.afterRef !== undefined) {
      query.whereRaw(`team_ref${this.collate} > ?`, [options.afterRef]);
    }
    const rows = await query;
    return rows.map(row => JSON.parse(row.payload));
  }

  async getTeam(teamRef: string): Promise<StoredTeam | undefined> {
    const row = await this.db<TeamAssessmentRow>('team_assessments')
      .where('team_ref', teamRef)
      .first('payload');
    return row ? JSON.parse(row.payload) : undefined;
  }

  async getTeams(teamRefs: string[]): Promise<StoredTeam[]> {
    const teams: StoredTeam[] = [];
    for (const chunk of chunks([...new Set(teamRefs)], 500)) {
      const rows = await this.db<TeamAssessmentRow>('team_assessments')
        .whereIn('team_ref', chunk)
        .select('payload');
      for (const row of rows) {
        teams.push(JSON.parse(row.payload));
      }
    }
    return teams;
  }

  async getTeamLevels(teamRefs: string[]): Promise<Map<string, number>> {
    const levels = new Map<string, number>();
    for (const chunk of chunks([...new Set(teamRefs)], 500)) {
      const rows = await this.db<TeamAssessmentRow>('team_assessments')
        .whereIn('team_ref', chunk)
        .select('team_ref', 'level');
      for (const row of rows) {
        levels.set(row.team_ref, Number(row.level));
      }
    }
    return levels;
  }

  async getAsset(entityRef: string): Promise<AssetContribution | undefined> {
    const row = await this.db<AssetContributionRow>('asset_contributions')
      .where('entity_ref', entityRef)
      .first('payload');
    return row ? JSON.parse(row.payload) : undefined;
  }

  async getTeamHistory(options: {
    teamRef: string;
    from?: string;
    to?: string;
  }): Promise<TeamHistoryPoint[]> {
    const query = this.db<TeamHistoryRow>('team_history')
      .where('team_ref', options.teamRef)
      .orderBy('day', 'asc');
    if (options.from) query.where('day', '>=', options.from);
    if (options.to) query.where('day', '<=', options.to);
    const rows = await query;
    return rows.map(row => ({
      teamRef: row.team_ref,
      day: row.day,
      level: Number(row.level) as MaturityLevel,
      kitsCompleted: Number(row.kits_completed),
      kits: JSON.parse(row.kits),
    }));
  }

  async getHistoryTeamRefs(options: HistoryRange): Promise<string[]> {
    return historyTeamRefs(this.db, options);
  }

  async countHistoryLevels(
    options: HistoryRange & { teamRefs: string[] },
  ): Promise<HistoryLevelCount[]> {
    const wanted = new Set(options.teamRefs);
    if (wanted.size === 0) return [];
    // Only `teamRefs` count, even when a refresh wrote other teams since the
    // caller listed them: the teams in the range are listed again in the
    // snapshot the counts are read from, and the filter leaves out all but
    // `teamRefs`. (A transaction reads one snapshot on SQLite; PostgreSQL
    // takes one per statement unless the transaction is repeatable read.)
    const isolation: Knex.TransactionConfig | undefined =
      this.db.client.config.client === 'pg'
        ? { isolationLevel: 'repeatable read', readOnly: true }
        : undefined;
    const rows = await this.db.transaction(async tx => {
      const present = await historyTeamRefs(tx, options);
      const counted = present.filter(ref => wanted.has(ref));
      const others = present.filter(ref => !wanted.has(ref));
      if (counted.length === 0) return [];
      // the shorter list: none at all when the caller may see every team
      if (others.length <= counted.length && others.length <= MAX_FILTER_REFS) {
        const query = historyLevelsQuery(tx, options);
        if (others.length > 0) query.whereNotIn('team_ref', others);
        return query;
      }
      // disjoint chunks of teams: their counts add up
      const all: Array<{ day: string; level: number; count: number | string }> =
        [];
      for (const chunk of chunks(counted, MAX_FILTER_REFS)) {
        all.push(
          ...(await historyLevelsQuery(tx, options).whereIn('team_ref', chunk)),
        );
      }
      return all;
    }, isolation);

    const counts = new Map<string, HistoryLevelCount>();
    for (const row of rows) {
      const level = Number(row.level);
      const key = `${row.day} ${level}`;
      const entry = counts.get(key);
      if (entry) {
        entry.count += Number(row.count);
      } else {
        counts.set(key, { day: row.day, level, count: Number(row.count) });
      }
    }
    return [...counts.values()].sort(byDayAndLevel);
  }

  async createAttestation(
    attestation: Omit<AttestationRecord, 'revokedAt' | 'revokedBy'>,
  ): Promise<AttestationRecord> {
    await this.db.transaction(async tx => {
      await tx<AttestationRow>('attestations').insert({
        id: attestation.id,
        team_ref: attestation.teamRef,
        item_id: attestation.itemId,
        url: attestation.url,
        comment: attestation.comment ?? null,
        created_by: attestation.by,
        created_at: new Date(attestation.at),
        expires_at: new Date(attestation.expiresAt),
      });
      await tx<AttestationEventRow>('attestation_events').insert({
        attestation_id: attestation.id,
        team_ref: attestation.teamRef,
        item_id: attestation.itemId,
        action: 'created',
        actor: attestation.by,
        at: new Date(attestation.at),
        url: attestation.url,
        comment: attestation.comment ?? null,
      });
    });
    return (await this.getAttestation(attestation.id))!;
  }

  async revokeAttestation(options: {
    id: string;
    actor: string;
    at: Date;
  }): Promise<{ record: AttestationRecord; revokedNow: boolean } | undefined> {
    return this.db.transaction(async tx => {
      const row = await tx<AttestationRow>('attestations')
        .where('id', options.id)
        .first();
      if (!row) {
        return undefined;
      }
      if (row.revoked_at !== null) {
        return { record: toAttestation(row), revokedNow: false };
      }
      // Only the revoke that changes the row records an event: two at once
      // both read it unrevoked (PostgreSQL's read committed), and the
      // second one's update then changes nothing.
      const changed = await tx<AttestationRow>('attestations')
        .where('id', options.id)
        .whereNull('revoked_at')
        .update({ revoked_at: options.at, revoked_by: options.actor });
      if (changed === 0) {
        const current = await tx<AttestationRow>('attestations')
          .where('id', options.id)
          .first();
        return current && { record: toAttestation(current), revokedNow: false };
      }
      await tx<AttestationEventRow>('attestation_events').insert({
        attestation_id: row.id,
        team_ref: row.team_ref,
        item_id: row.item_id,
        action: 'revoked',
        actor: options.actor,
        at: options.at,
        url: row.url,
        comment: row.comment,
      });
      const updated = await tx<AttestationRow>('attestations')
        .where('id', options.id)
        .first();
      return { record: toAttestation(updated!), revokedNow: true };
    });
  }

  async getAttestation(id: string): Promise<AttestationRecord | undefined> {
    const row = await this.db<AttestationRow>('attestations')
      .where('id', id)
      .first();
    return row ? toAttestation(row) : undefined;
  }

  async listAttestations(options: {
    teamRef: string;
  }): Promise<AttestationRecord[]> {
    const rows = await this.db<AttestationRow>('attestations')
      .where('team_ref', options.teamRef)
      .orderBy([
        { column: 'created_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(toAttestation);
  }

  async listAttestationEvents(options: {
    teamRef: string;
  }): Promise<AttestationEvent[]> {
    const rows = await this.db<AttestationEventRow>('attestation_events')
      .where('team_ref', options.teamRef)
      .orderBy('id', 'asc');
    return rows.map(toEvent);
  }

  async listUnrevokedAttestations(): Promise<PortalAttestation[]> {
    const rows = await this.db<AttestationRow>('attestations')
      .whereNull('revoked_at')
      .orderBy('id', 'asc');
    return rows.map(row => {
      const {
        revokedAt: _a,
        revokedBy: _b,
        ...attestation
      } = toAttestation(row);
      return attestation;
    });
  }

  async getAttestationsVersion(): Promise<number> {
    const row = await this.db<AttestationEventRow>('attestation_events')
      .max({ version: 'id' })
      .first();
    return Number(row?.version ?? 0);
  }
}
