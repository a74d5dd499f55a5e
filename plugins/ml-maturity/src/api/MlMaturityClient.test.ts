import { ResponseError } from '@backstage/errors';
import { MlMaturityClient } from './MlMaturityClient';

const BASE = 'http://localhost:7007/api/ml-maturity';

function json(status: number, body?: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    statusText: status === 404 ? 'Not Found' : 'Status',
    headers: { 'Content-Type': 'application/json' },
  });
}

function setup(...responses: Response[]) {
  const fetch = jest.fn();
  for (const r of responses) {
    fetch.mockResolvedValueOnce(r);
  }
  const discoveryApi = { getBaseUrl: jest.fn(async () => BASE) };
  const client = MlMaturityClient.create({ discoveryApi, fetchApi: { fetch } });
  return { client, fetch, discoveryApi };
}

const errorBody = (statusCode: number, name: string, message: string) => ({
  error: { name, message },
  response: { statusCode },
});

describe('MlMaturityClient', () => {
  it('reads the kits from /v1/kits of the ml-maturity base URL', async () => {
    const { client, fetch, discoveryApi } = setup(
      json(200, { kits: [{ id: 'starter' }] }),
    );
    await expect(client.getKits()).resolves.toEqual([{ id: 'starter' }]);
    expect(discoveryApi.getBaseUrl).toHaveBeenCalledWith('ml-maturity');
    expect(fetch).toHaveBeenCalledWith(`${BASE}/v1/kits`, undefined);
  });

  it('passes limit and cursor to /v1/assessments', async () => {
    const { client, fetch } = setup(json(200, { teams: [] }));
    await client.getAssessments({ limit: 500, cursor: 'abc=' });
    expect(fetch.mock.calls[0][0]).toBe(
      `${BASE}/v1/assessments?limit=500&cursor=abc%3D`,
    );
  });

  it('builds the team path from the ref, lower-cased', async () => {
    const team = { entityRef: 'group:default/vision', level: 3 };
    const { client, fetch } = setup(json(200, team));
    await expect(
      client.getTeamAssessment('Group:default/Vision'),
    ).resolves.toEqual(team);
    expect(fetch.mock.calls[0][0]).toBe(
      `${BASE}/v1/assessments/group/default/vision`,
    );
  });

  it('maps 404 on a team or an asset to undefined', async () => {
    const { client, fetch } = setup(
      json(404, errorBody(404, 'NotFoundError', 'no such team')),
      json(404, errorBody(404, 'NotFoundError', 'not an ML asset')),
    );
    await expect(
      client.getTeamAssessment('group:default/ghost'),
    ).resolves.toBeUndefined();
    await expect(
      client.getAssetContribution('resource:ml/raw-logs'),
    ).resolves.toBeUndefined();
    expect(fetch.mock.calls[1][0]).toBe(
      `${BASE}/v1/assets/resource/ml/raw-logs`,
    );
  });

  it('turns an error body into a ResponseError carrying the server message', async () => {
    const { client } = setup(
      json(500, errorBody(500, 'Error', 'database is down')),
    );
    const error = await client.getRoadmap().catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(500);
    expect(error.cause.message).toBe('database is down');
  });

  it('queries team and org history', async () => {
    const { client, fetch } = setup(
      json(200, { points: [] }),
      json(200, { days: [] }),
    );
    await client.getTeamHistory({
      entityRef: 'group:default/vision',
      from: '2026-01-01',
    });
    await client.getOrgHistory({ from: '2026-01-01', to: '2026-02-01' });
    expect(fetch.mock.calls[0][0]).toBe(
      `${BASE}/v1/history?entityRef=group%3Adefault%2Fvision&from=2026-01-01`,
    );
    expect(fetch.mock.calls[1][0]).toBe(
      `${BASE}/v1/history?from=2026-01-01&to=2026-02-01`,
    );
  });

  it('lists, creates and revokes attestations', async () => {
    const attestation = { id: 'a1', itemId: 'starter.process.use-cases' };
    const { client, fetch } = setup(
      json(200, { attestations: [attestation] }),
      json(201, attestation),
      new Response(null, { status: 204 }),
    );
    await expect(
      client.getAttestations({ entityRef: 'group:default/vision' }),
    ).resolves.toEqual([attestation]);
    expect(fetch.mock.calls[0][0]).toBe(
      `${BASE}/v1/attestations?entityRef=group%3Adefault%2Fvision`,
    );

    const request = {
      entityRef: 'group:default/vision',
      itemId: 'starter.process.use-cases',
      url: 'https://wiki.example.com/use-cases',
    };
    await expect(client.createAttestation(request)).resolves.toEqual(
      attestation,
    );
    expect(fetch.mock.calls[1][0]).toBe(`${BASE}/v1/attestations`);
    expect(fetch.mock.calls[1][1].method).toBe('POST');
    expect(JSON.parse(fetch.mock.calls[1][1].body)).toEqual(request);

    await client.revokeAttestation('a1');
    expect(fetch.mock.calls[2][0]).toBe(`${BASE}/v1/attestations/a1`);
    expect(fetch.mock.calls[2][1].method).toBe('DELETE');
  });

  it('reads whether the user may attest, and assumes so from an older backend', async () => {
    const { client } = setup(
      json(200, { attestations: [], canAttest: false }),
      json(200, { attestations: [] }),
    );
    const entityRef = 'group:default/vision';
    await expect(client.getTeamAttestations({ entityRef })).resolves.toEqual({
      attestations: [],
      canAttest: false,
    });
    await expect(client.getTeamAttestations({ entityRef })).resolves.toEqual({
      attestations: [],
      canAttest: true,
    });
  });

  it('rejects a forbidden attestation with the server message', async () => {
    const { client } = setup(
      json(403, errorBody(403, 'NotAllowedError', 'not a member of the team')),
    );
    const error = await client
      .createAttestation({
        entityRef: 'group:default/x',
        itemId: 'i',
        url: 'https://e',
      })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.cause.message).toBe('not a member of the team');
  });

  it('reports a refresh as started (202) or already running (409)', async () => {
    const { client, fetch } = setup(
      new Response(null, { status: 202 }),
      json(409, errorBody(409, 'ConflictError', 'refresh running')),
    );
    await expect(client.refresh()).resolves.toBe('started');
    await expect(client.refresh()).resolves.toBe('already-running');
    expect(fetch.mock.calls[0][0]).toBe(`${BASE}/v1/refresh`);
  });
});
