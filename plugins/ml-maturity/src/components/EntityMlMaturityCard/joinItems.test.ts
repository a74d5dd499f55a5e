import type { Attestation } from '../../api';
import { JoinedItem, pendingChange } from './joinItems';

const item = (status: 'unmet' | 'attested'): JoinedItem => ({
  title: 'Practice defined',
  definition: {
    id: 'scaler.process.practice',
    kit: 'scaler',
    dimension: 'process',
    title: 'Practice defined',
    description: '',
    howTo: '',
    required: true,
    attestable: true,
  },
  result: {
    id: 'scaler.process.practice',
    kit: 'scaler',
    dimension: 'process',
    required: true,
    status,
    evidence: [],
    ...(status === 'attested' && {
      attestation: { source: 'portal' as const, url: 'https://x.example/p' },
    }),
  },
});

const attestation = (overrides: Partial<Attestation>): Attestation => ({
  id: 'a1',
  teamRef: 'group:default/vision',
  itemId: 'scaler.process.practice',
  url: 'https://x.example/p',
  by: 'user:default/ana',
  at: '2026-11-01T00:00:00Z',
  expiresAt: '2999-01-01T00:00:00Z',
  status: 'active',
  events: [],
  ...overrides,
});

const FINISHED = '2026-11-27T06:00:00.000Z';
const NOW = Date.parse('2026-11-27T06:01:00Z');

describe('pendingChange', () => {
  it('waits for an attestation recorded while the shown refresh ran', () => {
    // recorded 2 minutes before that refresh finished: it may have read the
    // attestations before, and the backend runs another refresh
    const during = [attestation({ at: '2026-11-27T05:58:00Z' })];
    expect(pendingChange(item('unmet'), during, FINISHED, NOW)).toBe(
      'attested',
    );
  });

  it('waits for a revocation made while the shown refresh ran', () => {
    const revoked = [
      attestation({
        revokedAt: '2026-11-27T05:59:00Z',
        status: 'revoked',
      }),
    ];
    expect(pendingChange(item('attested'), revoked, FINISHED, NOW)).toBe(
      'revoked',
    );
  });

  it('does not wait for a change older than any refresh that finished since', () => {
    const old = [attestation({ at: '2026-11-27T05:00:00Z' })];
    expect(pendingChange(item('unmet'), old, FINISHED, NOW)).toBeUndefined();
    expect(pendingChange(item('unmet'), old, null, NOW)).toBeUndefined();
  });
});
