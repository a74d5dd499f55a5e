import { createHash } from 'node:crypto';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  buildRoadmap,
  NO_ASSESSMENT_REFRESH_FAILED_MESSAGE_START,
  NO_ASSESSMENT_YET_MESSAGE,
  type AssessmentsResponse,
  type AssetContribution,
  type Freshness,
  type KitDefinition,
  type OrgHistoryResponse,
  type TeamAssessment,
  type TeamHistoryResponse,
} from '@aiml-service-kits/plugin-ml-maturity-common';
import {
  AssessmentStore,
  SucceededSnapshot,
  StoredTeam,
} from '../database/AssessmentStore';
import {
  CatalogVisibility,
  cutAsset,
  cutFindings,
  cutTeam,
  findingRefsToCheck,
  isTeamVisible,
  teamRefsToCheck,
} from './visibility';

/** Raw team rows read per round while filling a page. */
const SCAN_CHUNK = 500;

/** Serialised roadmaps kept per snapshot (one per distinct visible set). */
const ROADMAPS_PER_SNAPSHOT = 8;

/** A snapshot's teams and what org-wide views derive from them. */
interface SnapshotTeams {
  /** Sorted by ref. */
  teams: StoredTeam[];
  /** Refs of the teams that have a Group entity. */
  groupRefs: string[];
  /** Entities naming an implicit team as owner (they decide its visibility). */
  implicitReferrers: string[];
  /**
   * Serialised roadmaps, most recently used last, keyed by freshness and
   * the hidden team refs.
   */
  roadmaps: Map<string, { body: Buffer; etag: string }>;
}

function indexTeams(teams: StoredTeam[]): SnapshotTeams {
  const implicit = teams.filter(t => t.assessment.implicit);
  return {
    teams,
    groupRefs: teams
      .filter(t => !t.assessment.implicit)
      .map(t => t.assessment.entityRef),
    implicitReferrers: [...new Set(implicit.flatMap(t => t.referencedBy))],
    roadmaps: new Map(),
  };
}

function encodeCursor(teamRef: string): string {
  return Buffer.from(teamRef, 'utf8').toString('base64url');
}

/** @internal */
export function decodeCursor(cursor: string): string | undefined {
  const ref = Buffer.from(cursor, 'base64url').toString('utf8');
  // Buffer skips characters outside the alphabet, padding and a dangling
  // last character: only the exact encoding of a ref is a cursor, so that
  // a damaged one is refused rather than read as another place in the list.
  return encodeCursor(ref) === cursor &&
    /^[a-z0-9._-]+:[a-z0-9._-]+\/[a-z0-9._-]+$/.test(ref)
    ? ref
    : undefined;
}

/**
 * The read side of the API: the latest snapshot, cut to what the caller may
 * read in the catalog.
 *
 * @internal
 */
export class AssessmentService {
  static create(options: {
    store: AssessmentStore;
    catalog: CatalogService;
    kits: ReadonlyArray<KitDefinition>;
  }): AssessmentService {
    return new AssessmentService(options.store, options.catalog, options.kits);
  }

  private constructor(
    private readonly store: AssessmentStore,
    private readonly catalog: CatalogService,
    private readonly kits: ReadonlyArray<KitDefinition>,
  ) {}

  /**
   * Every team of one successful snapshot, parsed once, with what the
   * org-wide views derive from them: a snapshot's teams never change (a
   * refresh writes a new snapshot id in the same transaction as its teams),
   * so these views neither re-read nor re-parse them.
   */
  private teamsCache?: { snapshotId: number; teams: Promise<SnapshotTeams> };

  private allTeams(snapshotId: number): Promise<SnapshotTeams> {
    if (this.teamsCache?.snapshotId !== snapshotId) {
      const teams = (async () => {
        const result: StoredTeam[] = [];
        let afterRef: string | undefined;
        for (;;) {
          const rows = await this.store.listTeams({
            afterRef,
            limit: SCAN_CHUNK,
          });
          result.push(...rows);
          if (rows.length < SCAN_CHUNK) break;
          afterRef = rows[rows.length - 1].assessment.entityRef;
        }
        return indexTeams(result);
      })();
      this.teamsCache = { snapshotId, teams };
      teams.catch(() => {
        if (this.teamsCache?.teams === teams) this.teamsCache = undefined;
      });
    }
    return this.teamsCache.teams;
  }

  visibilityFor(credentials: BackstageCredentials): CatalogVisibility {
    return new CatalogVisibility(this.catalog, credentials);
  }

  /**
   * Throws what the read routes answer before the first successful refresh
   * (503, saying why): for routes that need a team of the assessment, which
   * would otherwise say the team does not exist.
   */
  async requireAssessment(): Promise<void> {
    await this.latest();
  }

  private async latest(): Promise<{
    snapshot: SucceededSnapshot;
    freshness: Freshness;
  }> {
    const { lastSuccess, lastFailure } = await this.store.getRefreshStatus();
    if (!lastSuccess) {
      throw new ServiceUnavailableError(
        lastFailure
          ? `${NO_ASSESSMENT_REFRESH_FAILED_MESSAGE_START}${lastFailure.error}`
          : NO_ASSESSMENT_YET_MESSAGE,
      );
    }
    return {
      snapshot: lastSuccess,
      freshness: {
        stale: Boolean(lastFailure),
        lastRefresh: lastSuccess.finishedAt,
        lastError: lastFailure?.error ?? null,
      },
    };
  }

  /** Cuts visible teams, fetching rollup levels only when a rollup shrinks. */
  private async cutTeams(
    teams: StoredTeam[],
    visibility: CatalogVisibility,
  ): Promise<TeamAssessment[]> {
    const hiddenRollupRefs = teams.flatMap(
      t => t.assessment.rollup?.teams.filter(r => !visibility.canRead(r)) ?? [],
    );
    const levels =
      hiddenRollupRefs.length > 0
        ? await this.store.getTeamLevels(
            teams.flatMap(t => t.assessment.rollup?.teams ?? []),
          )
        : new Map<string, number>();
    return teams.map(t =>
      cutTeam(
        t.assessment,
        visibility.canRead,
        ref => levels.get(ref),
        t.shortenedReasonRefs,
      ),
    );
  }

  async listAssessments(options: {
    credentials: BackstageCredentials;
    limit: number;
    afterRef?: string;
  }): Promise<AssessmentsResponse> {
    const { snapshot, freshness } = await this.latest();
    const visibility = this.visibilityFor(options.credentials);
    // Collect one team more than asked, to know whether a next page exists.
    const visible: StoredTeam[] = [];
    let afterRef = options.afterRef;
    for (;;) {
      const rows = await this.store.listTeams({ afterRef, limit: SCAN_CHUNK });
      await visibility.load(rows.flatMap(teamRefsToCheck));
      for (const row of rows) {
        if (visible.length > options.limit) break;
        if (isTeamVisible(row, visibility.canRead)) visible.push(row);
      }
      if (visible.length > options.limit || rows.length < SCAN_CHUNK) break;
      afterRef = rows[rows.length - 1].assessment.entityRef;
    }
    const hasMore = visible.length > options.limit;
    if (hasMore) visible.pop();

    const firstPage = options.afterRef === undefined;
    const { payload } = snapshot;
    if (firstPage) {
      await visibility.load([
        ...payload.unattributedAssets,
        ...payload.findings.flatMap(findingRefsToCheck),
      ]);
    }
    const teams = await this.cutTeams(visible, visibility);
    return {
      generatedAt: payload.generatedAt,
      teams,
      unattributedAssets: firstPage
        ? payload.unattributedAssets.filter(visibility.canRead)
        : [],
      findings: firstPage
        ? cutFindings(payload.findings, visibility.canRead)
        : [],
      ...freshness,
      ...(hasMore && {
        nextCursor: encodeCursor(teams[teams.length - 1].entityRef),
      }),
    };
  }

  /** The stored team, or NotFoundError when unknown or hidden from the caller. */
  async getVisibleTeam(options: {
    visibility: CatalogVisibility;
    teamRef: string;
  }): Promise<StoredTeam> {
    const team = await this.store.getTeam(options.teamRef);
    if (team) {
      await options.visibility.load(teamRefsToCheck(team));
      if (isTeamVisible(team, options.visibility.canRead)) {
        return team;
      }
    }
    throw new NotFoundError(`No team ${options.teamRef}`);
  }

  async getTeam(options: {
    credentials: BackstageCredentials;
    teamRef: string;
  }): Promise<TeamAssessment & Freshness> {
    const visibility = this.visibilityFor(options.credentials);
    // The snapshot status and the team (with its visibility check) are read
    // at once; the status is awaited first, so that its errors win.
    const latest = this.latest();
    const visibleTeam = this.getVisibleTeam({
      visibility,
      teamRef: options.teamRef,
    });
    visibleTeam.catch(() => {});
    const { freshness } = await latest;
    const team = await visibleTeam;
    const [assessment] = await this.cutTeams([team], visibility);
    return { ...assessment, ...freshness };
  }

  /** Which of `teamRefs` the caller may see (implicit teams included). */
  private async visibleTeamRefs(
    teamRefs: string[],
    visibility: CatalogVisibility,
  ): Promise<Set<string>> {
    await visibility.load(teamRefs);
    const visible = new Set(teamRefs.filter(visibility.canRead));
    // Hidden refs may be implicit teams, visible through their referrers:
    // one batched read of those teams, one batched visibility check.
    const hidden = [...new Set(teamRefs.filter(r => !visible.has(r)))];
    if (hidden.length === 0) return visible;
    const implicit = (await this.store.getTeams(hidden)).filter(
      team => team.assessment.implicit,
    );
    await visibility.load(implicit.flatMap(team => team.referencedBy));
    for (const team of implicit) {
      if (isTeamVisible(team, visibility.canRead)) {
        visible.add(team.assessment.entityRef);
      }
    }
    return visible;
  }

  async getAsset(options: {
    credentials: BackstageCredentials;
    entityRef: string;
  }): Promise<AssetContribution & Freshness> {
    const { freshness } = await this.latest();
    const visibility = this.visibilityFor(options.credentials);
    const asset = await this.store.getAsset(options.entityRef);
    if (asset) {
      await visibility.load([
        asset.entityRef,
        ...asset.findings.flatMap(findingRefsToCheck),
      ]);
    }
    if (!asset || !visibility.canRead(asset.entityRef)) {
      throw new NotFoundError(`No ML asset ${options.entityRef}`);
    }
    const teams = await this.visibleTeamRefs(
      asset.countsToward.map(c => c.team),
      visibility,
    );
    return {
      ...cutAsset(asset, ref => teams.has(ref), visibility.canRead),
      ...freshness,
    };
  }

  /**
   * The `GET /v1/roadmap` body, serialised, with its ETag: the roadmap of the
   * teams the caller may see, plus freshness. Visibility is asked of the
   * catalog on every call; the body for a given set of visible teams of a
   * snapshot is built, serialised and hashed once (it is a pure function of
   * both and of the freshness fields), a few sets kept per snapshot.
   */
  async getRoadmapBody(options: {
    credentials: BackstageCredentials;
  }): Promise<{ body: Buffer; etag: string }> {
    const { snapshot, freshness } = await this.latest();
    const visibility = this.visibilityFor(options.credentials);
    const index = await this.allTeams(snapshot.id);
    await Promise.all([
      visibility.loadGroups(index.groupRefs),
      visibility.load(index.implicitReferrers),
    ]);
    const hidden = index.teams.filter(
      t => !isTeamVisible(t, visibility.canRead),
    );
    const key = [
      JSON.stringify(freshness),
      ...hidden.map(t => t.assessment.entityRef),
    ].join('\n');
    let cached = index.roadmaps.get(key);
    if (cached) {
      index.roadmaps.delete(key); // re-inserted below: most recently used
    } else {
      const hiddenSet = new Set(hidden);
      const visibleRefs = new Set(
        index.teams
          .filter(t => !hiddenSet.has(t))
          .map(t => t.assessment.entityRef),
      );
      const roadmap = buildRoadmap(
        {
          generatedAt: snapshot.payload.generatedAt,
          // A visible team's parent is named only when the caller may see
          // that group too.
          teams: index.teams
            .filter(t => !hiddenSet.has(t))
            .map(({ assessment }) =>
              assessment.parent && !visibleRefs.has(assessment.parent)
                ? { ...assessment, parent: null }
                : assessment,
            ),
          unattributedAssets: [],
          findings: [],
        },
        [...this.kits],
      );
      const body = Buffer.from(JSON.stringify({ ...roadmap, ...freshness }));
      const hash = createHash('sha1').update(body).digest('base64url');
      cached = { body, etag: `W/"${body.length.toString(16)}-${hash}"` };
      if (index.roadmaps.size >= ROADMAPS_PER_SNAPSHOT) {
        index.roadmaps.delete(index.roadmaps.keys().next().value!);
      }
    }
    index.roadmaps.set(key, cached);
    return cached;
  }

  async getTeamHistory(options: {
    credentials: BackstageCredentials;
    teamRef: string;
    from?: string;
    to?: string;
  }): Promise<TeamHistoryResponse> {
    await this.requireAssessment();
    const visibility = this.visibilityFor(options.credentials);
    await this.getVisibleTeam({ visibility, teamRef: options.teamRef });
    const points = await this.store.getTeamHistory(options);
    return {
      entityRef: options.teamRef,
      points: points.map(({ teamRef: _ref, ...point }) => point),
    };
  }

  async getOrgHistory(options: {
    credentials: BackstageCredentials;
    from?: string;
    to?: string;
  }): Promise<OrgHistoryResponse> {
    const range = { from: options.from, to: options.to };
    // Visibility is decided per team, as for the other views; the database
    // then counts the visible teams' points, instead of every point of the
    // range being read here (800,000 rows at 2,000 teams and 400 days).
    const teamRefs = await this.store.getHistoryTeamRefs(range);
    const visibility = this.visibilityFor(options.credentials);
    await visibility.loadGroups(teamRefs);
    const visible = await this.visibleTeamRefs(teamRefs, visibility);
    if (visible.size === 0) return { days: [] };
    const counts = await this.store.countHistoryLevels({
      ...range,
      teamRefs: [...visible],
    });
    const days = new Map<string, OrgHistoryResponse['days'][number]>();
    for (const { day, level, count } of counts) {
      let entry = days.get(day);
      if (!entry) {
        entry = { day, levels: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 } };
        days.set(day, entry);
      }
      entry.levels[String(level) as '1'] += count;
    }
    return { days: [...days.values()] };
  }
}
