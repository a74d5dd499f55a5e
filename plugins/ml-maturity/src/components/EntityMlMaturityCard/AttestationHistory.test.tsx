import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { DEFAULT_KITS } from '@aiml-service-kits/plugin-ml-maturity-common';
import type { Attestation } from '../../api';
import { AttestationHistory } from './AttestationHistory';

const NOW = Date.parse('2026-11-29T12:00:00Z');
const ITEM = DEFAULT_KITS.flatMap(k => k.items).find(
  i => i.id === 'scaler.process.enterprise-use-cases',
)!;

function attestation(overrides: Partial<Attestation>): Attestation {
  return {
    id: 'a1',
    teamRef: 'group:default/vision',
    itemId: ITEM.id,
    url: 'https://wiki.example.com/ml-practice',
    by: 'user:default/ana',
    at: '2026-11-01T09:00:00Z',
    expiresAt: '2027-11-01T09:00:00Z',
    status: 'active',
    events: [
      {
        id: 1,
        action: 'created',
        actor: 'user:default/ana',
        at: '2026-11-01T09:00:00Z',
        url: 'https://wiki.example.com/ml-practice',
      },
    ],
    ...overrides,
  };
}

async function render(attestations: Attestation[]) {
  await renderInTestApp(
    <AttestationHistory
      attestations={attestations}
      kits={DEFAULT_KITS}
      now={NOW}
    />,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

function entries(): HTMLElement[] {
  return Array.from(
    document.querySelectorAll<HTMLElement>(
      '#ml-maturity-attestation-history > li',
    ),
  );
}

describe('AttestationHistory', () => {
  it('lists active, expired and revoked attestations newest first, with who, when, evidence and trail', async () => {
    await render([
      attestation({
        id: 'old',
        at: '2025-01-10T00:00:00Z',
        expiresAt: '2026-01-10T00:00:00Z',
        status: 'expired',
        comment: 'first review',
      }),
      attestation({
        id: 'revoked',
        at: '2026-06-01T00:00:00Z',
        status: 'revoked',
        revokedAt: '2026-06-02T08:00:00Z',
        revokedBy: 'user:default/bo',
        events: [
          {
            id: 2,
            action: 'created',
            actor: 'user:default/ana',
            at: '2026-06-01T00:00:00Z',
            url: 'https://wiki.example.com/ml-practice',
          },
          {
            id: 3,
            action: 'revoked',
            actor: 'user:default/bo',
            at: '2026-06-02T08:00:00Z',
            url: 'https://wiki.example.com/ml-practice',
          },
        ],
      }),
      attestation({ id: 'current', at: '2026-11-01T09:00:00Z' }),
    ]);
    const [current, revoked, old] = entries();
    expect(entries()).toHaveLength(3);
    expect(current).toHaveTextContent(
      `${ITEM.title} (AIML Scaler Kit) · Active until 2027-11-01`,
    );
    expect(current).toHaveTextContent(
      'Recorded by ana on 2026-11-01, evidence https://wiki.example.com/ml-practice',
    );
    expect(
      within(current).getByRole('link', {
        name: /^https:\/\/wiki\.example\.com\/ml-practice/,
      }),
    ).toHaveAttribute('href', 'https://wiki.example.com/ml-practice');
    // the creation is in the first lines: no trail for an attestation only recorded
    expect(
      within(current).queryByRole('list', { name: 'Audit trail' }),
    ).not.toBeInTheDocument();

    expect(revoked).toHaveTextContent('Revoked 2026-06-02');
    const trail = within(revoked).getByRole('list', { name: 'Audit trail' });
    expect(trail).toHaveTextContent('2026-06-02: revoked by bo');

    expect(old).toHaveTextContent('Expired 2026-01-10');
    expect(old).toHaveTextContent('first review');
  });

  it('says an attestation past its expiry has expired, even before the server says so', async () => {
    await render([
      attestation({ expiresAt: '2026-11-28T00:00:00Z', status: 'active' }),
    ]);
    expect(entries()[0]).toHaveTextContent('Expired 2026-11-28');
  });

  it('names nobody the caller may not read, and keeps an item the kits no longer have', async () => {
    await render([
      attestation({
        by: undefined,
        itemId: 'custom.gone',
        events: [
          {
            id: 1,
            action: 'created',
            at: '2026-11-01T09:00:00Z',
            url: 'https://wiki.example.com/x',
          },
        ],
      }),
    ]);
    const [entry] = entries();
    expect(entry).toHaveTextContent('Recorded on 2026-11-01');
    expect(entry).not.toHaveTextContent(/ by /);
    expect(entry).toHaveTextContent(
      'custom.gone (an item no longer in the kits)',
    );
  });

  it("names each item's kit, as the checklist shows one kit only", async () => {
    await render([
      attestation({ id: 'scaler', at: '2026-11-02T00:00:00Z' }),
      attestation({ id: 'starter', itemId: 'starter.process.use-cases' }),
    ]);
    const [scaler, starter] = entries();
    expect(scaler).toHaveTextContent(`${ITEM.title} (AIML Scaler Kit) ·`);
    expect(starter).toHaveTextContent(
      'Business use cases fit for ML (AIML Starter Kit) ·',
    );
  });

  it("keeps the line breaks of a comment written in the dialog's multi-line field", async () => {
    await render([
      attestation({ comment: 'Reviewed with product.\nSee p. 3' }),
    ]);
    const comment = within(entries()[0]).getByText(/Reviewed with product/);
    expect(comment.textContent).toBe('Reviewed with product.\nSee p. 3');
    expect(getComputedStyle(comment).whiteSpace).toBe('pre-wrap');
  });

  it('shows the five newest and the rest on request', async () => {
    const user = userEvent.setup({ delay: null });
    await render(
      Array.from({ length: 7 }, (_, i) =>
        attestation({ id: `a${i}`, at: `2026-10-0${i + 1}T00:00:00Z` }),
      ),
    );
    expect(entries()).toHaveLength(5);
    expect(entries()[0]).toHaveTextContent('on 2026-10-07');
    await user.click(
      screen.getByRole('button', { name: 'Show all 7 attestations' }),
    );
    expect(entries()).toHaveLength(7);
    expect(entries()[6]).toHaveTextContent('on 2026-10-01');
  });
});
