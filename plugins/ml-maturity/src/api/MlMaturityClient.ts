import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type {
  KitDefinition,
  KitsResponse,
} from '@aiml-service-kits/plugin-ml-maturity-common';
import type {
  GetAssessmentsOptions,
  HistoryRange,
  MlMaturityApi,
} from './MlMaturityApi';
import type {
  AssessmentsPage,
  AssetContributionResponse,
  Attestation,
  CreateAttestationRequest,
  TeamAttestations,
  OrgHistory,
  RefreshResult,
  RoadmapResponse,
  TeamAssessmentResponse,
  TeamHistory,
} from './types';

/** Builds `/:kind/:namespace/:name` from a ref, lower-cased like the API's refs. */
function entityPath(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef.toLowerCase());
  return [kind, namespace, name].map(encodeURIComponent).join('/');
}

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') {
      search.append(key, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * Default {@link MlMaturityApi}: calls the backend through `fetchApi`, so the
 * user's Backstage token goes along, and maps error bodies to `ResponseError`.
 * @public
 */
export class MlMaturityClient implements MlMaturityApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  static create(options: {
    discoveryApi: DiscoveryApi;
    fetchApi: FetchApi;
  }): MlMaturityClient {
    return new MlMaturityClient(options);
  }

  private constructor(options: {
    discoveryApi: DiscoveryApi;
    fetchApi: FetchApi;
  }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getKits(): Promise<KitDefinition[]> {
    const body = await this.request<KitsResponse>('/kits');
    return body.kits;
  }

  async getAssessments(
    options: GetAssessmentsOptions = {},
  ): Promise<AssessmentsPage> {
    return this.request<AssessmentsPage>(
      `/assessments${query({ limit: options.limit, cursor: options.cursor })}`,
    );
  }

  async getTeamAssessment(
    entityRef: string,
  ): Promise<TeamAssessmentResponse | undefined> {
    return this.requestOptional<TeamAssessmentResponse>(
      `/assessments/${entityPath(entityRef)}`,
    );
  }

  async getAssetContribution(
    entityRef: string,
  ): Promise<AssetContributionResponse | undefined> {
    return this.requestOptional<AssetContributionResponse>(
      `/assets/${entityPath(entityRef)}`,
    );
  }

  async getRoadmap(): Promise<RoadmapResponse> {
    return this.request<RoadmapResponse>('/roadmap');
  }

  async getTeamHistory(
    options: HistoryRange & { entityRef: string },
  ): Promise<TeamHistory> {
    return this.request<TeamHistory>(
      `/history${query({
        entityRef: options.entityRef.toLowerCase(),
        from: options.from,
        to: options.to,
      })}`,
    );
  }

  async getOrgHistory(options: HistoryRange = {}): Promise<OrgHistory> {
    return this.request<OrgHistory>(
      `/history${query({ from: options.from, to: options.to })}`,
    );
  }

  async getAttestations(options: {
    entityRef: string;
  }): Promise<Attestation[]> {
    return (await this.getTeamAttestations(options)).attestations;
  }

  async getTeamAttestations(options: {
    entityRef: string;
  }): Promise<TeamAttestations> {
    const body = await this.request<Partial<TeamAttestations>>(
      `/attestations${query({ entityRef: options.entityRef.toLowerCase() })}`,
    );
    return {
      attestations: body.attestations ?? [],
      // a backend before canAttest: let the server decide on submit
      canAttest: body.canAttest ?? true,
    };
  }

  async createAttestation(
    request: CreateAttestationRequest,
  ): Promise<Attestation> {
    return this.request<Attestation>('/attestations', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
  }

  async revokeAttestation(id: string): Promise<void> {
    const res = await this.send(`/attestations/${encodeURIComponent(id)}`, {
      method: 'DELETE',
    });
    if (!res.ok) {
      throw await ResponseError.fromResponse(res);
    }
  }

  async refresh(): Promise<RefreshResult> {
    const res = await this.send('/refresh', { method: 'POST' });
    if (res.status === 409) {
      return 'already-running';
    }
    if (!res.ok) {
      throw await ResponseError.fromResponse(res);
    }
    return 'started';
  }

  private async send(path: string, init?: RequestInit): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('ml-maturity');
    return this.fetchApi.fetch(`${baseUrl}/v1${path}`, init);
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const res = await this.send(path, init);
    if (!res.ok) {
      throw await ResponseError.fromResponse(res);
    }
    return (await res.json()) as T;
  }

  /** Like `request`, but a 404 means "no such thing" rather than an error. */
  private async requestOptional<T>(path: string): Promise<T | undefined> {
    const res = await this.send(path);
    if (res.status === 404) {
      return undefined;
    }
    if (!res.ok) {
      throw await ResponseError.fromResponse(res);
    }
    return (await res.json()) as T;
  }
}
