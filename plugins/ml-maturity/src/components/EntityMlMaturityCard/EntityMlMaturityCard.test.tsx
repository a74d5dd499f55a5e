import { useState } from 'react';
import {
  act,
  isInaccessible,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ResponseError } from '@backstage/errors';
import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  type EntityPresentationApi,
  EntityProvider,
  entityPresentationApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { mlMaturityApiRef } from '../../api';
import type { Attestation, MlMaturityApi } from '../../api';
import {
  type ItemAttestation,
  type KitDefinition,
  type KitItemDefinition,
  type KitRule,
  NO_ASSESSMENT_YET_MESSAGE,
  type TeamAssessment,
} from '@aiml-service-kits/plugin-ml-maturity-common';
import {
  freshStatus,
  makeTeam,
  mockMlMaturityApi,
  testKits,
} from '../../testing/fixtures';
import { EntityMlMaturityCard } from './EntityMlMaturityCard';

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'vision', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

const vision = { ...makeTeam('vision', 3), ...freshStatus };

function renderCard(api: MlMaturityApi, entity: Entity = group) {
  return renderInTestApp(
    <TestApiProvider apis={[[mlMaturityApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntityMlMaturityCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

// Rendering in a test app is slow on small CI machines.
jest.setTimeout(30_000);

const PRACTICE_URL = 'https://wiki.example.com/practice';

/** A portal attestation of the vision team's `scaler.process.practice`. */
function practiceAttestation(overrides: Partial<Attestation> = {}) {
  return {
    id: 'a1',
    teamRef: 'group:default/vision',
    itemId: 'scaler.process.practice',
    url: PRACTICE_URL,
    by: 'user:default/ana',
    at: '2026-11-01T00:00:00Z',
    expiresAt: '2999-01-01T00:00:00Z',
    events: [],
    ...overrides,
  };
}

/** The vision team with `scaler.process.practice` attested in the portal. */
function withPracticeAttested(
  attestation: Partial<ItemAttestation> = {
    by: 'user:default/ana',
    expiresAt: '2999-01-01T00:00:00Z',
  },
) {
  const team = makeTeam('vision', 3);
  const item = team.items.find(i => i.id === 'scaler.process.practice')!;
  item.status = 'attested';
  item.evidence = [PRACTICE_URL];
  item.attestation = {
    source: 'portal',
    url: PRACTICE_URL,
    id: 'a1',
    ...attestation,
  };
  return team;
}

/**
 * The text assistive tech reads in `element`: its text without what
 * `aria-hidden` hides.
 */
function accessibleText(element: Element): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      parts.push(node.textContent ?? '');
    } else if (
      node instanceof Element &&
      node.getAttribute('aria-hidden') !== 'true'
    ) {
      node.childNodes.forEach(walk);
    }
  };
  walk(element);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/**
 * Makes `matchMedia` answer as a screen `width` px wide would to the
 * `max-width` / `min-width` queries of MUI's breakpoints; returns the undo.
 */
function mockScreenWidth(width: number): () => void {
  const original = window.matchMedia;
  window.matchMedia = ((query: string) => {
    const max = /max-width:\s*([\d.]+)px/.exec(query);
    const min = /min-width:\s*([\d.]+)px/.exec(query);
    const matches =
      (max === null || width <= Number(max[1])) &&
      (min === null || width >= Number(min[1])) &&
      (max !== null || min !== null);
    return {
      matches,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    };
  }) as typeof window.matchMedia;
  return () => {
    window.matchMedia = original;
  };
}

/**
 * Whether a word too long for the line (a URL, an annotation key) breaks
 * inside `element` rather than overflowing its box: set on it or on an
 * ancestor (jsdom computes no inherited values).
 */
function breaksLongWords(element: Element): boolean {
  for (let e: Element | null = element; e; e = e.parentElement) {
    const style = getComputedStyle(e);
    if (
      style.wordBreak === 'break-word' ||
      style.overflowWrap === 'anywhere' ||
      style.overflowWrap === 'break-word'
    ) {
      return true;
    }
    if (style.wordBreak === 'normal' || style.overflowWrap === 'normal') {
      return false;
    }
  }
  return false;
}

const REVOKE_BUTTON = 'Revoke attestation of scaler practice defined';

/** Clicks Revoke on the item, then Revoke in the confirmation dialog. */
async function revokeConfirmed(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole('button', { name: REVOKE_BUTTON }));
  await user.click(
    within(screen.getByRole('dialog')).getByRole('button', { name: 'Revoke' }),
  );
}

/** A starter item of the tailored next-steps tests: unmet, with a generic howTo. */
function starterItem(
  id: string,
  title: string,
  options: { rule?: KitRule; attestable?: boolean } = {},
): KitItemDefinition {
  const [, dimension] = id.split('.');
  return {
    id,
    kit: 'starter',
    dimension: dimension as KitItemDefinition['dimension'],
    title,
    description: title,
    howTo: `Generic howTo of ${title}`,
    required: true,
    attestable: options.attestable ?? false,
    ...(options.rule ? { rule: options.rule } : {}),
  };
}

/** One item per kind of rule the tailored next steps read. */
const tailoredItems: KitItemDefinition[] = [
  starterItem('starter.technology.project-datasets', 'Project datasets', {
    rule: { via: 'owned', filter: { 'ml.asset': 'dataset' } },
  }),
  starterItem(
    'starter.technology.provisioned-resources',
    'Compute and storage',
    {
      rule: {
        via: 'owned',
        filter: { 'ml.asset': 'compute' },
        allOf: [{ via: 'owned-or-used', filter: { 'ml.asset': 'storage' } }],
      },
    },
  ),
  starterItem('starter.people.data-scientists', 'Data scientists', {
    rule: {
      via: 'members',
      filter: { 'ml.roles': { $contains: { $any: ['data-scientist'] } } },
    },
  }),
  starterItem('starter.process.data-management', 'Data management', {
    attestable: true,
  }),
];

/** The test kits with the starter kit's items replaced by {@link tailoredItems}. */
const tailoredKits: KitDefinition[] = testKits.map(kit =>
  kit.id === 'starter' ? { ...kit, items: tailoredItems } : kit,
);

/** A level-1 team with every tailored item unmet. */
function tailoredTeam(entityRef: string, extra: Partial<TeamAssessment> = {}) {
  const team = makeTeam('vision', 1, { entityRef, ...extra });
  team.items = tailoredItems.map(definition => ({
    id: definition.id,
    kit: definition.kit,
    dimension: definition.dimension,
    required: true,
    status: 'unmet' as const,
    evidence: [],
  }));
  team.kits = team.kits.map(k =>
    k.id === 'starter' ? { ...k, met: 0, total: tailoredItems.length } : k,
  );
  return { ...team, ...freshStatus };
}

/** Renders the card for `team` and returns the next step of the item titled `title`. */
async function renderTailored(
  team: ReturnType<typeof tailoredTeam>,
  entity: Entity = group,
) {
  const api = mockMlMaturityApi({
    getKits: jest.fn(async () => tailoredKits),
    getTeamAssessment: jest.fn(async () => team),
  });
  await renderCard(api, entity);
  const list = await screen.findByRole('list', { name: 'Next steps' });
  return (title: string) => {
    const step = within(list).getByText(title).closest('li');
    if (!step) throw new Error(`no next step ${title}`);
    return step as HTMLElement;
  };
}

/** The monospace snippet `text` in `step`. */
function snippet(step: HTMLElement, text: string) {
  const element = within(step).getByText(text);
  expect(element.tagName).toBe('CODE');
  return element;
}

/**
 * The card on an entity page that stays mounted while its entity changes,
 * as the legacy catalog's EntityLayout does on a link to another group:
 * first `group`, then `next` on "Go to the division".
 */
/**
 * Renders the card with an attestation its snapshot has not counted yet,
 * so that it reloads every few seconds, and lets the first reload run: the
 * reloads fail with `failures` in turn, then show the item attested. Call
 * with fake timers.
 */
async function renderReloadsFailing(...failures: Error[]) {
  const getTeamAssessment = jest
    .fn()
    .mockResolvedValueOnce({ ...makeTeam('vision', 3), ...freshStatus });
  for (const failure of failures) {
    getTeamAssessment.mockRejectedValueOnce(failure);
  }
  getTeamAssessment.mockResolvedValue({
    ...withPracticeAttested({}),
    ...freshStatus,
  });
  const api = mockMlMaturityApi({
    getTeamAssessment,
    getAttestations: jest.fn(async () => [
      practiceAttestation({ at: '2026-11-27T06:05:00Z' }),
    ]),
  });
  await renderCard(api);
  await screen.findByText(/it counts once the assessment refreshes/);
  await act(async () => {
    jest.advanceTimersByTime(3_000);
  });
  return getTeamAssessment;
}

async function renderPageGoingTo(api: MlMaturityApi, next: Entity) {
  function Page() {
    const [entity, setEntity] = useState(group);
    return (
      <>
        <button type="button" onClick={() => setEntity(next)}>
          Go to the division
        </button>
        <EntityProvider entity={entity}>
          <EntityMlMaturityCard />
        </EntityProvider>
      </>
    );
  }
  await renderInTestApp(
    <TestApiProvider apis={[[mlMaturityApiRef, api]]}>
      <Page />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('EntityMlMaturityCard', () => {
  it('shows progress while loading', async () => {
    const api = mockMlMaturityApi({
      getTeamAssessment: jest.fn(() => new Promise<never>(() => {})),
    });
    await renderCard(api);
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    expect(api.getTeamAssessment).toHaveBeenCalledWith('group:default/vision');
    // a screen reader names what is loading
    expect(
      await screen.findByRole('progressbar', {
        name: 'Loading the ML maturity of this group',
      }),
    ).toBeInTheDocument();
  });

  it("names each section that is still loading: the history and the rollup's levels", async () => {
    const parent = {
      ...makeTeam('vision', 2, {
        rollup: {
          teams: ['group:default/vision-a'],
          levels: { '1': 0, '2': 1, '3': 0, '4': 0, '5': 0 },
          level: 2,
          kitsCompleted: 1,
          currentKit: 'accelerator',
          kits: [],
        },
      }),
      ...freshStatus,
    };
    const api = mockMlMaturityApi({
      getTeamAssessment: jest.fn(async () => parent),
      getTeamHistory: jest.fn(() => new Promise<never>(() => {})),
      getRoadmap: jest.fn(() => new Promise<never>(() => {})),
    });
    await renderCard(api);
    expect(
      await screen.findByRole('progressbar', {
        name: "Loading the team's level history",
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('progressbar', {
        name: 'Loading the levels of the teams in this group',
      }),
    ).toBeInTheDocument();
  });

  it("does not show the previous group's results while another group's results load", async () => {
    const user = userEvent.setup({ delay: null });
    const division: Entity = {
      ...group,
      metadata: { name: 'ml-division', namespace: 'default' },
    };
    const api = mockMlMaturityApi({
      getTeamAssessment: jest.fn(async (ref: string) =>
        ref === 'group:default/vision' ? vision : new Promise<never>(() => {}),
      ),
    });
    await renderPageGoingTo(api, division);
    expect(await screen.findByText(/2 of 5 kits complete/)).toBeInTheDocument();

    await user.click(
      screen.getByRole('button', { name: 'Go to the division' }),
    );
    await waitFor(() =>
      expect(api.getTeamAssessment).toHaveBeenCalledWith(
        'group:default/ml-division',
      ),
    );
    expect(screen.queryByText(/2 of 5 kits complete/)).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Attest scaler practice defined' }),
    ).not.toBeInTheDocument();
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it("shows another group's failed load as the error, not the previous group's results", async () => {
    const user = userEvent.setup({ delay: null });
    const division: Entity = {
      ...group,
      metadata: { name: 'ml-division', namespace: 'default' },
    };
    const api = mockMlMaturityApi({
      getTeamAssessment: jest.fn(async (ref: string) => {
        if (ref === 'group:default/vision') return vision;
        throw new TypeError('Failed to fetch');
      }),
    });
    await renderPageGoingTo(api, division);
    expect(await screen.findByText(/2 of 5 kits complete/)).toBeInTheDocument();
    await user.click(
      screen.getByRole('button', { name: 'Go to the division' }),
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'while loading the ML maturity of this group',
    );
    expect(alert).not.toHaveTextContent('last ones loaded');
    expect(screen.queryByText(/2 of 5 kits complete/)).not.toBeInTheDocument();
  });

  it('says what to add to the catalog when the group is not assessed', async () => {
    const api = mockMlMaturityApi({
      getTeamAssessment: jest.fn(async () => undefined),
    });
    await renderCard(api);
    expect(
      await screen.findByText('This group has no ML maturity assessment yet.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('ml-maturity.io/asset: dataset'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /ML maturity docs/ }),
    ).toBeInTheDocument();
  });

  it('says when the next refresh is, starts one on request and shows the group once assessed', async () => {
    const user = userEvent.setup({ delay: null });
    const getTeamAssessment = jest
      .fn()
      .mockResolvedValueOnce(undefined)
      .mockResolvedValue(vision);
    const refresh = jest.fn(async () => 'started' as const);
    const api = mockMlMaturityApi({ getTeamAssessment, refresh });
    await renderCard(api);
    expect(
      await screen.findByText('This group has no ML maturity assessment yet.'),
    ).toBeInTheDocument();
    expect(screen.getByText(/every 30 minutes by default/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Refresh now' }));
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(await screen.findByText(/Refresh started/)).toBeInTheDocument();
    expect(
      await screen.findByText(/2 of 5 kits complete/, {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(getTeamAssessment).toHaveBeenCalledTimes(2);
  }, 20_000);

  it('tells screen readers when the refresh it started has brought the results', async () => {
    const user = userEvent.setup({ delay: null });
    const getTeamAssessment = jest
      .fn()
      .mockResolvedValueOnce(undefined)
      .mockResolvedValue(vision);
    const api = mockMlMaturityApi({
      getTeamAssessment,
      refresh: jest.fn(async () => 'started' as const),
    });
    await renderCard(api);
    const refreshNow = await screen.findByRole('button', {
      name: 'Refresh now',
    });
    const liveBefore = [...document.querySelectorAll('[aria-live="polite"]')];
    await user.click(refreshNow);
    await screen.findByText(/2 of 5 kits complete/, {}, { timeout: 10_000 });
    // Refresh now, its messages and the button that had the focus are
    // gone: a live region, there all along, says that the refresh has finished
    expect(liveBefore).toContain(
      screen
        .getByText(
          'The refresh has finished: the ML maturity of this group is shown.',
        )
        .closest('[aria-live="polite"]'),
    );
  }, 20_000);

  const responseError = (status: number, name: string, message: string) =>
    ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: { name, message },
          response: { statusCode: status },
        }),
        {
          status,
          statusText: name,
          headers: { 'Content-Type': 'application/json' },
        },
      ),
    );

  it('says results are not there yet (503), and retries', async () => {
    const user = userEvent.setup({ delay: null });
    const error = await responseError(
      503,
      'ServiceUnavailableError',
      NO_ASSESSMENT_YET_MESSAGE,
    );
    const getTeamAssessment = jest
      .fn()
      .mockRejectedValueOnce(error)
      .mockResolvedValue(vision);
    const api = mockMlMaturityApi({ getTeamAssessment });
    await renderCard(api);
    expect(
      await screen.findByText('No ML maturity results yet.'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Full Error as JSON/)).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByLabelText('Maturity level 3 of 5: Systematic'),
    ).toBeInTheDocument();
    expect(getTeamAssessment).toHaveBeenCalledTimes(2);
  });

  it('says the caller may not see results (403)', async () => {
    const error = await responseError(403, 'NotAllowedError', 'denied');
    const api = mockMlMaturityApi({
      getTeamAssessment: jest.fn(async () => {
        throw error;
      }),
    });
    await renderCard(api);
    expect(
      await screen.findByText(/You are not allowed to see ML maturity results/),
    ).toBeInTheDocument();
  });

  it('says the results shown are the last ones loaded when a reload is refused or unavailable (403, 503)', async () => {
    jest.useFakeTimers();
    try {
      const unavailable = await responseError(
        503,
        'ServiceUnavailableError',
        'The catalog could not say which teams you may see',
      );
      const denied = await responseError(
        403,
        'NotAllowedError',
        'Permission ml-maturity.assessment.read denied',
      );
      await renderReloadsFailing(unavailable, denied);
      const shown = async (said: string) => {
        const region = await waitFor(() => {
          const found = screen
            .getAllByRole('status')
            .find(s => s.textContent?.includes(said));
          expect(found).toBeDefined();
          return found!;
        });
        expect(region).toHaveTextContent(
          'The results below are the last ones loaded.',
        );
        expect(
          screen.getByRole('list', { name: /Checklist of the/ }),
        ).toBeInTheDocument();
        return region;
      };
      const first = await shown(
        'The ML maturity results cannot be shown right now.',
      );
      await act(async () => {
        within(first).getByRole('button', { name: 'Retry' }).click();
      });
      await shown(
        'Ask your Backstage administrator for the ml-maturity.assessment.read permission.',
      );
    } finally {
      jest.useRealTimers();
    }
  });

  it('shows the API error', async () => {
    const api = mockMlMaturityApi({
      getTeamAssessment: jest.fn(async () => {
        throw new Error('backend exploded');
      }),
    });
    await renderCard(api);
    expect(
      (await screen.findAllByText(/backend exploded/)).length,
    ).toBeGreaterThan(0);
  });

  it('shows the level, progress, checklist, next steps, challenges and history', async () => {
    const api = mockMlMaturityApi({
      getTeamAssessment: jest.fn(async () => vision),
      getTeamHistory: jest.fn(async () => ({
        points: [
          { day: '2026-06-01', level: 2 as const, kitsCompleted: 1, kits: {} },
          { day: '2026-09-01', level: 3 as const, kitsCompleted: 2, kits: {} },
        ],
      })),
    });
    await renderCard(api);

    expect(
      await screen.findByLabelText('Maturity level 3 of 5: Systematic'),
    ).toHaveTextContent('L-III Systematic');
    expect(
      screen.getByLabelText('Data level 3 of 5: Systematic'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Working on the AIML Scaler Kit/),
    ).toBeInTheDocument();
    expect(
      screen.getByLabelText('Technology: 1 of 1 required items met'),
    ).toBeInTheDocument();
    expect(
      screen.getByLabelText('Process: 0 of 1 required items met'),
    ).toBeInTheDocument();

    const checklist = screen.getByRole('list', {
      name: 'Checklist of the AIML Scaler Kit',
    });
    expect(within(checklist).getByText('scaler datasets')).toBeInTheDocument();
    expect(within(checklist).getByText('Met')).toBeInTheDocument();
    expect(within(checklist).getByText('Not met')).toBeInTheDocument();
    const evidence = within(checklist).getByRole('link', {
      name: /vision-data/,
    });
    expect(evidence).toHaveAttribute(
      'href',
      '/catalog/default/resource/vision-data',
    );

    expect(
      within(screen.getByRole('list', { name: 'Next steps' })).getByText(
        /Attest the scaler practice with a link to its document/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('a curated dataset with scope team'),
    ).toBeInTheDocument();
    expect(screen.getByText(/Last refreshed/)).toBeInTheDocument();

    const chart = await screen.findByRole('img', {
      name: /Maturity level from/,
    });
    expect(chart.getAttribute('aria-label')).toContain(
      'L-II Opportunistic at the start, L-III Systematic now',
    );
  });

  it('gives screen readers the levels in words: a named image, not a label on a plain element', async () => {
    const api = mockMlMaturityApi({
      getTeamAssessment: jest.fn(async () => vision),
    });
    await renderCard(api);
    // aria-label on an element without a role is not read out
    expect(
      await screen.findByRole('img', {
        name: 'Maturity level 3 of 5: Systematic',
      }),
    ).toHaveTextContent('L-III Systematic');
    expect(
      screen.getByRole('img', { name: 'Data level 3 of 5: Systematic' }),
    ).toBeInTheDocument();
  });

  it('warns when the data is stale', async () => {
    const api = mockMlMaturityApi({
      getTeamAssessment: jest.fn(async () => ({
        ...vision,
        stale: true,
        lastError: 'catalog timed out',
      })),
    });
    await renderCard(api);
    expect(
      await screen.findByText(/This assessment may be out of date/),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/catalog timed out/).length).toBeGreaterThan(0);
  });

  it('attests an item only with an http(s) URL and reloads', async () => {
    const user = userEvent.setup({ delay: null });
    const api = mockMlMaturityApi({
      getTeamAssessment: jest.fn(async () => vision),
      createAttestation: jest.fn(async request => ({
        id: 'a1',
        teamRef: request.entityRef,
        itemId: request.itemId,
        url: request.url,
        by: 'user:default/ana',
        at: '2026-11-27T06:00:00Z',
        expiresAt: '2027-11-27T06:00:00Z',
        events: [],
      })),
    });
    await renderCard(api);

    await user.click(
      await screen.findByRole('button', {
        name: 'Attest scaler practice defined',
      }),
    );
    const dialog = screen.getByRole('dialog');
    const submit = within(dialog).getByRole('button', { name: 'Attest' });
    expect(submit).toBeDisabled();

    const url = within(dialog).getByLabelText(/Evidence URL/);
    // opened with a click too, the dialog puts the focus in its URL field
    expect(url).toHaveFocus();
    await user.click(url);
    await user.paste('ftp://example.com/x');
    expect(submit).toBeDisabled();
    expect(
      within(dialog).getByText(
        /^The URL must be an absolute http:\/\/ or https:\/\/ URL/,
      ),
    ).toBeInTheDocument();
    // a URL the browser parses but the classifier would ignore
    await user.clear(url);
    await user.click(url);
    await user.paste('http:example.com');
    expect(submit).toBeDisabled();
    // credentials would be shown to every reader of the team
    await user.clear(url);
    await user.click(url);
    await user.paste('https://jane:secret@wiki.example.com/practice');
    expect(submit).toBeDisabled();
    expect(
      within(dialog).getByText(
        /^The URL must not contain a user name or password/,
      ),
    ).toBeInTheDocument();

    await user.clear(url);
    await user.click(url);
    await user.paste('https://wiki.example.com/practice');
    await user.click(within(dialog).getByLabelText(/Comment/));
    await user.paste('signed off');
    expect(submit).toBeEnabled();
    await user.click(submit);

    expect(api.createAttestation).toHaveBeenCalledWith({
      entityRef: 'group:default/vision',
      itemId: 'scaler.process.practice',
      url: 'https://wiki.example.com/practice',
      comment: 'signed off',
    });
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    await waitFor(() => expect(api.getTeamAssessment).toHaveBeenCalledTimes(2));
    expect(api.getAttestations).toHaveBeenCalledTimes(2);
  });

  it('shows the API error in the attest dialog', async () => {
    const user = userEvent.setup({ delay: null });
    const api = mockMlMaturityApi({
      getTeamAssessment: jest.fn(async () => vision),
      createAttestation: jest.fn(async () => {
        throw new Error('You are not a member of this team');
      }),
    });
    await renderCard(api);
    await user.click(
      await screen.findByRole('button', {
        name: 'Attest scaler practice defined',
      }),
    );
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByLabelText(/Evidence URL/));
    await user.paste('https://wiki.example.com/practice');
    await user.click(within(dialog).getByRole('button', { name: 'Attest' }));
    expect(
      await within(dialog).findByText('You are not a member of this team'),
    ).toBeInTheDocument();
  });

  it('attests from the keyboard: Enter in the URL field submits', async () => {
    const user = userEvent.setup({ delay: null });
    const api = mockMlMaturityApi({
      getTeamAssessment: jest.fn(async () => vision),
      createAttestation: jest.fn(async () => practiceAttestation()),
    });
    await renderCard(api);
    (
      await screen.findByRole('button', {
        name: 'Attest scaler practice defined',
      })
    ).focus();
    await user.keyboard('{Enter}');
    const dialog = screen.getByRole('dialog');
    const url = within(dialog).getByLabelText(/Evidence URL/);
    // the dialog opens with the focus in its URL field
    expect(url).toHaveFocus();

    // Enter does not submit a URL the form refuses
    await user.keyboard('ftp://wiki.example.com/practice{Enter}');
    expect(api.createAttestation).not.toHaveBeenCalled();
    expect(screen.getByRole('dialog')).toBeInTheDocument();

    await user.clear(url);
    await user.keyboard(`${PRACTICE_URL}{Enter}`);
    expect(api.createAttestation).toHaveBeenCalledTimes(1);
    expect(api.createAttestation).toHaveBeenCalledWith({
      entityRef: 'group:default/vision',
      itemId: 'scaler.process.practice',
      url: PRACTICE_URL,
      comment: undefined,
    });
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('says who recorded an attestation, when, and its evidence before revoking it', async () => {
    const user = userEvent.setup({ delay: null });
    const api = mockMlMaturityApi({
      getTeamAssessment: jest.fn(async () => ({
        ...withPracticeAttested(),
        ...freshStatus,
      })),
      getAttestations: jest.fn(async () => [practiceAttestation()]),
    });
    await renderCard(api);
    await user.click(
      await screen.findByRole('button', { name: REVOKE_BUTTON }),
    );
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent(
      'Recorded by ana on 2026-11-01, with the evidence',
    );
    expect(
      within(dialog).getByRole('link', { name: 'ana' }),
    ).toBeInTheDocument();
    expect(
      // the external link's name ends ", Opens in a new window"
      within(dialog).getByRole('link', {
        name: name => name.startsWith(PRACTICE_URL),
      }),
    ).toHaveAttribute('href', PRACTICE_URL);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(api.revokeAttestation).not.toHaveBeenCalled();
  });

  it('keeps what was typed when the attest dialog is closed unsent', async () => {
    const user = userEvent.setup({ delay: null });
    const api = mockMlMaturityApi({
      getTeamAssessment: jest.fn(async () => vision),
      getAttestations: jest.fn(async () => []),
    });
    await renderCard(api);
    const open = async () => {
      await user.click(
        await screen.findByRole('button', {
          name: 'Attest scaler practice defined',
        }),
      );
      return screen.getByRole('dialog');
    };
    let dialog = await open();
    await user.click(within(dialog).getByLabelText(/Evidence URL/));
    await user.paste(PRACTICE_URL);
    await user.click(within(dialog).getByLabelText(/Comment/));
    await user.paste('signed off by the team');
    await user.keyboard('{Escape}');
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );

    dialog = await open();
    expect(within(dialog).getByLabelText(/Evidence URL/)).toHaveValue(
      PRACTICE_URL,
    );
    expect(within(dialog).getByLabelText(/Comment/)).toHaveValue(
      'signed off by the team',
    );
    expect(api.createAttestation).not.toHaveBeenCalled();
  });

  it('shows the attestation history, revoked ones included, once the team has any', async () => {
    const api = mockMlMaturityApi({
      getTeamAssessment: jest.fn(async () => vision),
      getAttestations: jest.fn(async () => [
        practiceAttestation({
          status: 'revoked',
          revokedAt: '2026-11-02T10:00:00Z',
          revokedBy: 'user:default/bo',
          events: [
            {
              id: 2,
              action: 'revoked',
              actor: 'user:default/bo',
              at: '2026-11-02T10:00:00Z',
              url: PRACTICE_URL,
            },
          ],
        }),
      ]),
    });
    await renderCard(api);
    const section = await screen.findByRole('region', {
      name: 'Attestation history',
    });
    expect(section).toHaveTextContent(
      'scaler practice defined (AIML Scaler Kit) · Revoked 2026-11-02',
    );
    expect(section).toHaveTextContent('Recorded by ana on 2026-11-01');
    expect(
      within(section).getByRole('list', { name: 'Audit trail' }),
    ).toHaveTextContent('2026-11-02: revoked by bo');
  });

  it('has no attestation history section for a team without attestations', async () => {
    const api = mockMlMaturityApi({
      getTeamAssessment: jest.fn(async () => vision),
      getAttestations: jest.fn(async () => []),
    });
    await renderCard(api);
    await screen.findByRole('region', { name: 'Checklist' });
    expect(
      screen.queryByRole('region', { name: 'Attestation history' }),
    ).not.toBeInTheDocument();
  });

  it('keeps the keyboard focus on the item after attesting and after revoking', async () => {
    const user = userEvent.setup({ delay: null });
    const recorded = practiceAttestation({ at: '2026-11-27T06:05:00Z' });
    let attestations: unknown[] = [];
    const api = mockMlMaturityApi({
      getTeamAssessment: jest.fn(async () => vision),
      getAttestations: jest.fn(async () => attestations),
      createAttestation: jest.fn(async () => {
        attestations = [recorded];
        return recorded;
      }),
      revokeAttestation: jest.fn(async () => {
        attestations = [{ ...recorded, revokedAt: '2026-11-27T06:06:00Z' }];
      }),
    });
    await renderCard(api);
    const checklist = await screen.findByRole('list', {
      name: /Checklist of the/,
    });
    const practice = within(checklist)
      .getAllByRole('listitem')
      .find(li => li.textContent?.includes('scaler practice defined'))!;

    await user.click(
      await screen.findByRole('button', {
        name: 'Attest scaler practice defined',
      }),
    );
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByLabelText(/Evidence URL/));
    await user.paste(PRACTICE_URL);
    await user.click(within(dialog).getByRole('button', { name: 'Attest' }));
    // the Attest button that opened the dialog gives way to Revoke
    await screen.findByRole('button', { name: REVOKE_BUTTON });
    expect(
      screen.queryByRole('button', { name: 'Attest scaler practice defined' }),
    ).not.toBeInTheDocument();
    expect(practice).toHaveFocus();

    await revokeConfirmed(user);
    await screen.findByRole('button', {
      name: 'Attest scaler practice defined',
    });
    expect(practice).toHaveFocus();
  });

  it('says an attestation is pending until the refresh, and reloads until it counts', async () => {
    const getTeamAssessment = jest
      .fn()
      .mockResolvedValueOnce({ ...makeTeam('vision', 3), ...freshStatus })
      .mockResolvedValue({
        ...withPracticeAttested({}),
        ...freshStatus,
      });
    const api = mockMlMaturityApi({
      getTeamAssessment,
      // recorded after the snapshot (06:00), which has not caught up
      getAttestations: jest.fn(async () => [
        practiceAttestation({ at: '2026-11-27T06:05:00Z' }),
      ]),
    });
    await renderCard(api);
    expect(
      await screen.findByText(
        /Attested: it counts once the assessment refreshes/,
      ),
    ).toBeInTheDocument();
    await waitFor(() => expect(getTeamAssessment).toHaveBeenCalledTimes(2), {
      timeout: 10_000,
    });
    await waitFor(() =>
      expect(
        screen.queryByText(/it counts once the assessment refreshes/),
      ).not.toBeInTheDocument(),
    );
  }, 20_000);

  it('keeps its results when a reload fails, with the error and Retry above them', async () => {
    jest.useFakeTimers();
    try {
      const getTeamAssessment = await renderReloadsFailing(
        new TypeError('Failed to fetch'),
      );
      await waitFor(() => expect(getTeamAssessment).toHaveBeenCalledTimes(2));
      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent(
        'Could not reach the ML maturity backendThe browser got no answer while loading the latest ML maturity of this group (Failed to fetch).',
      );
      expect(alert).toHaveTextContent(
        'The results below are the last ones loaded.',
      );
      // the checklist stays
      expect(
        screen.getByRole('list', { name: /Checklist of the/ }),
      ).toBeInTheDocument();
      await act(async () => {
        within(alert).getByRole('button', { name: /Retry/ }).click();
      });
      await waitFor(() =>
        expect(screen.queryByRole('alert')).not.toBeInTheDocument(),
      );
      expect(getTeamAssessment).toHaveBeenCalledTimes(3);
    } finally {
      jest.useRealTimers();
    }
  });

  it('keeps reloading while an attestation is pending after a reload failed', async () => {
    jest.useFakeTimers();
    try {
      const getTeamAssessment = await renderReloadsFailing(
        new TypeError('Failed to fetch'),
      );
      await screen.findByRole('alert');
      expect(getTeamAssessment).toHaveBeenCalledTimes(2);
      // no Retry clicked: the next reload comes on its own, and succeeds
      await act(async () => {
        jest.advanceTimersByTime(3_000);
      });
      await waitFor(() => expect(getTeamAssessment).toHaveBeenCalledTimes(3));
      await waitFor(() =>
        expect(screen.queryByRole('alert')).not.toBeInTheDocument(),
      );
      expect(
        screen.queryByText(/it counts once the assessment refreshes/),
      ).not.toBeInTheDocument();
    } finally {
      jest.useRealTimers();
    }
  });

  it('says so when the refresh takes longer than the card keeps reloading', async () => {
    jest.useFakeTimers();
    try {
      // the assessment never catches up with the attestation
      const getTeamAssessment = jest.fn(async () => ({
        ...makeTeam('vision', 3),
        ...freshStatus,
      }));
      const api = mockMlMaturityApi({
        getTeamAssessment,
        getAttestations: jest.fn(async () => [
          practiceAttestation({ at: '2026-11-27T06:05:00Z' }),
        ]),
      });
      await renderCard(api);
      expect(
        await screen.findByText(
          /Attested: it counts once the assessment refreshes \(within seconds\)/,
        ),
      ).toBeInTheDocument();
      for (let poll = 0; poll < 25; poll++) {
        await act(async () => {
          jest.advanceTimersByTime(3_000);
        });
      }
      expect(
        screen.getByText(/That refresh is taking longer than usual/),
      ).toBeInTheDocument();
      expect(screen.queryByText(/within seconds/)).not.toBeInTheDocument();
      // the initial load and 20 reloads, then no more
      expect(getTeamAssessment).toHaveBeenCalledTimes(21);
    } finally {
      jest.useRealTimers();
    }
  });

  it('does not wait for an older attestation the assessment did not count', async () => {
    const getTeamAssessment = jest.fn(async () => ({
      ...makeTeam('vision', 3),
      ...freshStatus,
    }));
    const api = mockMlMaturityApi({
      getTeamAssessment,
      // recorded before the snapshot, yet unmet: ignored by the classifier
      getAttestations: jest.fn(async () => [
        practiceAttestation({ url: 'http:example.com' }),
      ]),
    });
    await renderCard(api);
    expect(
      await screen.findByRole('button', { name: REVOKE_BUTTON }),
    ).toBeInTheDocument();
    expect(
      screen.queryByText(/once the assessment refreshes/),
    ).not.toBeInTheDocument();
  });

  it('offers no attest or revoke to a user who may not attest for the team', async () => {
    const api = mockMlMaturityApi({
      getTeamAssessment: jest.fn(async () => ({
        ...makeTeam('vision', 3),
        ...freshStatus,
      })),
      getTeamAttestations: jest.fn(async () => ({
        attestations: [],
        canAttest: false,
      })),
    });
    await renderCard(api);
    expect(
      await screen.findByText(/Members of this team can attest/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /^Attest / }),
    ).not.toBeInTheDocument();
  });

  it('names who attested as Backstage names users: a link to their page', async () => {
    const api = mockMlMaturityApi({
      getTeamAssessment: jest.fn(async () => ({
        ...withPracticeAttested({
          by: 'user:default/jane.doe',
          expiresAt: '2999-01-01T00:00:00Z',
        }),
        ...freshStatus,
      })),
    });
    await renderCard(api);
    const item = (await screen.findByText('scaler practice defined')).closest(
      'li',
    )!;
    await waitFor(() =>
      expect(item).toHaveTextContent(
        /Attested by jane\.doe, expires 2999-01-01/,
      ),
    );
    expect(item).not.toHaveTextContent('user:default/jane.doe');
    expect(
      within(item).getByRole('link', { name: 'jane.doe' }),
    ).toHaveAttribute('href', '/catalog/default/user/jane.doe');
  });

  it("shows the attesting user's display name from the entity presentation", async () => {
    const api = mockMlMaturityApi({
      getTeamAssessment: jest.fn(async () => ({
        ...withPracticeAttested({ by: 'user:default/jane.doe' }),
        ...freshStatus,
      })),
    });
    const snapshot = (entityRef: string) => ({
      entityRef,
      primaryTitle:
        entityRef === 'user:default/jane.doe' ? 'Jane Doe' : entityRef,
    });
    const presentation: EntityPresentationApi = {
      forEntity: entityOrRef => {
        const ref =
          typeof entityOrRef === 'string' ? entityOrRef : 'user:default/x';
        return {
          snapshot: snapshot(ref),
          promise: Promise.resolve(snapshot(ref)),
        };
      },
    };
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [mlMaturityApiRef, api],
          [entityPresentationApiRef, presentation],
        ]}
      >
        <EntityProvider entity={group}>
          <EntityMlMaturityCard />
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    const link = await screen.findByRole('link', { name: 'Jane Doe' });
    expect(link).toHaveAttribute('href', '/catalog/default/user/jane.doe');
    expect(link.closest('div')).toHaveTextContent(/^Attested by Jane Doe$/);
  });

  it('revokes an active portal attestation', async () => {
    const user = userEvent.setup({ delay: null });
    const api = mockMlMaturityApi({
      getTeamAssessment: jest.fn(async () => ({
        ...withPracticeAttested(),
        ...freshStatus,
      })),
      getAttestations: jest.fn(async () => [practiceAttestation()]),
      revokeAttestation: jest.fn(async () => undefined),
    });
    await renderCard(api);

    const checklist = await screen.findByRole('region', { name: 'Checklist' });
    expect(
      await within(checklist).findByRole('link', {
        name: /wiki\.example\.com\/practice/,
      }),
    ).toHaveAttribute('href', PRACTICE_URL);
    await user.click(
      await screen.findByRole('button', { name: REVOKE_BUTTON }),
    );
    // asks first; Cancel revokes nothing
    const confirm = screen.getByRole('dialog');
    expect(confirm).toHaveTextContent(
      'Revoke the attestation of scaler practice defined?',
    );
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(api.revokeAttestation).not.toHaveBeenCalled();
    await revokeConfirmed(user);
    expect(api.revokeAttestation).toHaveBeenCalledTimes(1);
    expect(api.revokeAttestation).toHaveBeenCalledWith('a1');
    await waitFor(() => expect(api.getTeamAssessment).toHaveBeenCalledTimes(2));
  });

  it('keeps what was typed after a failed attest, and shows a refused field next to it', async () => {
    const user = userEvent.setup({ delay: null });
    const tooLong = await responseError(
      400,
      'InputError',
      'comment: must be at most 2000 characters',
    );
    const createAttestation = jest
      .fn()
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockRejectedValueOnce(tooLong);
    const api = mockMlMaturityApi({
      getTeamAssessment: jest.fn(async () => vision),
      createAttestation,
    });
    await renderCard(api);
    await user.click(
      await screen.findByRole('button', {
        name: 'Attest scaler practice defined',
      }),
    );
    const dialog = screen.getByRole('dialog');
    const url = within(dialog).getByLabelText(/Evidence URL/);
    const comment = within(dialog).getByLabelText(/Comment/);
    await user.click(url);
    await user.paste(PRACTICE_URL);
    await user.click(comment);
    await user.paste('signed off');
    const submit = within(dialog).getByRole('button', { name: 'Attest' });

    // the network failed: nothing typed is lost, and it can be sent again
    await user.click(submit);
    expect(
      await within(dialog).findByText(
        /Could not reach the ML maturity backend/,
      ),
    ).toBeInTheDocument();
    expect(url).toHaveValue(PRACTICE_URL);
    expect(comment).toHaveValue('signed off');
    expect(submit).toBeEnabled();

    // the API refused a field: said next to that field, not above the form
    await user.click(submit);
    await waitFor(() =>
      expect(comment).toHaveAttribute('aria-invalid', 'true'),
    );
    expect(comment).toHaveAccessibleDescription(
      'The comment must be at most 2000 characters',
    );
    expect(url).toHaveAttribute('aria-invalid', 'false');
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
    expect(comment).toHaveValue('signed off');
    // editing the field clears the API's complaint
    await user.type(comment, '!');
    expect(comment).toHaveAttribute('aria-invalid', 'false');
  });

  it('refuses an evidence URL longer than the API takes before sending it', async () => {
    const user = userEvent.setup({ delay: null });
    const api = mockMlMaturityApi({
      getTeamAssessment: jest.fn(async () => vision),
    });
    await renderCard(api);
    await user.click(
      await screen.findByRole('button', {
        name: 'Attest scaler practice defined',
      }),
    );
    const dialog = screen.getByRole('dialog');
    const url = within(dialog).getByLabelText(/Evidence URL/);
    await user.click(url);
    await user.paste(`https://wiki.example.com/${'a'.repeat(2000)}`);
    expect(
      within(dialog).getByRole('button', { name: 'Attest' }),
    ).toBeDisabled();
    expect(url).toHaveAccessibleDescription(
      'The URL must be at most 2000 characters',
    );
  });

  it('shows when a portal attestation expires, also when its author is not named', async () => {
    const day = 24 * 60 * 60 * 1000;
    const soon = new Date(Date.now() + 12.5 * day).toISOString();
    const api = mockMlMaturityApi({
      getTeamAssessment: jest.fn(async () => ({
        // the caller may not read the User who attested: no `by`
        ...withPracticeAttested({ expiresAt: soon }),
        ...freshStatus,
      })),
    });
    await renderCard(api);
    const item = (await screen.findByText('scaler practice defined')).closest(
      'li',
    )!;
    await waitFor(() =>
      expect(item).toHaveTextContent(
        `Attested in the portal, expires ${soon.slice(0, 10)} (in 12 days)`,
      ),
    );
  });

  it('says a portal attestation has expired while the assessment still counts it', async () => {
    const past = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000).toISOString();
    const api = mockMlMaturityApi({
      getTeamAssessment: jest.fn(async () => ({
        ...withPracticeAttested({ by: 'user:default/ana', expiresAt: past }),
        ...freshStatus,
      })),
    });
    await renderCard(api);
    const item = (await screen.findByText('scaler practice defined')).closest(
      'li',
    )!;
    await waitFor(() =>
      expect(item).toHaveTextContent(
        `Attested by ana, expired ${past.slice(
          0,
          10,
        )}: it stops counting at the next refresh`,
      ),
    );
    expect(item).not.toHaveTextContent(/, expires /);
  });

  it('says an item is attested as code, and that revoking the portal one leaves it attested', async () => {
    const user = userEvent.setup({ delay: null });
    const team = withPracticeAttested();
    const item = team.items.find(i => i.id === 'scaler.process.practice')!;
    // the annotation wins over the portal attestation
    item.evidence = ['https://git.example.com/practice', PRACTICE_URL];
    item.attestation = {
      source: 'annotation',
      url: 'https://git.example.com/practice',
    };
    const api = mockMlMaturityApi({
      getTeamAssessment: jest.fn(async () => ({ ...team, ...freshStatus })),
      getAttestations: jest.fn(async () => [practiceAttestation()]),
    });
    await renderCard(api);
    const checklist = await screen.findByRole('region', { name: 'Checklist' });
    const li = (
      await within(checklist).findByText('scaler practice defined')
    ).closest('li')!;
    expect(li).toHaveTextContent(
      "Attested as code: the ml-maturity.io/attest.scaler.process.practice annotation on the team's Group, which does not expire",
    );
    await user.click(
      await screen.findByRole('button', { name: REVOKE_BUTTON }),
    );
    const confirm = screen.getByRole('dialog');
    expect(confirm).toHaveTextContent(
      'The item still counts for the team: it is attested as code too',
    );
    expect(confirm).not.toHaveTextContent('no longer counts');
  });

  it('reloads after a failed revoke (revoked by someone else meanwhile)', async () => {
    const user = userEvent.setup({ delay: null });
    const api = mockMlMaturityApi({
      getTeamAssessment: jest.fn(async () => ({
        ...withPracticeAttested(),
        ...freshStatus,
      })),
      getAttestations: jest.fn(async () => [practiceAttestation()]),
      revokeAttestation: jest.fn(async () => {
        throw new Error('Attestation a1 is already revoked');
      }),
    });
    await renderCard(api);

    await screen.findByRole('button', { name: REVOKE_BUTTON });
    await revokeConfirmed(user);
    expect(
      await screen.findByText(
        /Could not revoke the attestation: .*already revoked/,
      ),
    ).toBeInTheDocument();
    await waitFor(() => expect(api.getTeamAssessment).toHaveBeenCalledTimes(2));
  });

  it('shows the rollup of a parent group, teams linked by level', async () => {
    const parent = {
      ...makeTeam('vision', 2, {
        rollup: {
          teams: ['group:default/vision-a', 'group:default/vision-b'],
          levels: { '1': 0, '2': 1, '3': 0, '4': 1, '5': 0 },
          level: 3,
          kitsCompleted: 2,
          currentKit: 'scaler',
          kits: [],
        },
      }),
      ...freshStatus,
    };
    const api = mockMlMaturityApi({
      getTeamAssessment: jest.fn(async () => parent),
      getRoadmap: jest.fn(async () => ({
        generatedAt: '2026-11-27T06:00:00.000Z',
        levels: {
          '1': ['group:default/other'],
          '2': ['group:default/vision-a'],
          '3': [],
          '4': ['group:default/vision-b'],
          '5': [],
        },
        items: [],
        ...freshStatus,
      })),
    });
    await renderCard(api);

    const level4 = await screen.findByRole('list', {
      name: 'Teams at level 4',
    });
    expect(within(level4).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/group/vision-b',
    );
    const level2 = screen.getByRole('list', { name: 'Teams at level 2' });
    expect(within(level2).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/group/vision-a',
    );
    expect(screen.queryByText(/other/)).not.toBeInTheDocument();
  });

  it('shows the first teams of a level of a large rollup, with a toggle for the rest', async () => {
    const user = userEvent.setup({ delay: null });
    const teams = Array.from(
      { length: 30 },
      (_, i) => `group:default/team-${String(i).padStart(2, '0')}`,
    );
    const parent = {
      ...makeTeam('vision', 2, {
        rollup: {
          teams,
          levels: { '1': 30, '2': 0, '3': 0, '4': 0, '5': 0 },
          level: 1,
          kitsCompleted: 0,
          currentKit: 'starter',
          kits: [],
        },
      }),
      ...freshStatus,
    };
    const api = mockMlMaturityApi({
      getTeamAssessment: jest.fn(async () => parent),
      getRoadmap: jest.fn(async () => ({
        generatedAt: '2026-11-27T06:00:00.000Z',
        levels: { '1': teams, '2': [], '3': [], '4': [], '5': [] },
        items: [],
        ...freshStatus,
      })),
    });
    await renderCard(api);
    const level1 = await screen.findByRole('list', {
      name: 'Teams at level 1',
    });
    expect(within(level1).getAllByRole('listitem')).toHaveLength(10);
    const toggle = screen.getByRole('button', {
      name: 'Show all 30 teams at level 1',
    });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(toggle).toHaveAttribute('aria-controls', level1.id);
    await user.click(toggle);
    expect(within(level1).getAllByRole('listitem')).toHaveLength(30);
    expect(
      screen.getByRole('button', { name: 'Show fewer teams at level 1' }),
    ).toHaveAttribute('aria-expanded', 'true');
  });

  it('lists the findings, the first five with a toggle for the rest', async () => {
    const user = userEvent.setup({ delay: null });
    const findings = [
      {
        entityRef: 'resource:default/vision-images',
        field: 'ml-maturity.io/scope',
        value: 'everyone',
        message:
          'Unknown value; allowed: project, team, enterprise, external. The default project is used',
      },
      {
        entityRef: 'user:default/ana',
        field: 'ml-maturity.io/role',
        value: 'wizard',
        message:
          'Unknown role; allowed: data-scientist, ml-engineer. The other roles still count',
      },
      ...Array.from({ length: 5 }, (_, i) => ({
        entityRef: `component:default/pipeline-${i}`,
        field: 'spec.dependsOn',
        value: `resource:default/missing-${i}`,
        message: `No entity with this ref was read: fix the ref or add the entity (${i})`,
      })),
    ];
    const api = mockMlMaturityApi({
      getTeamAssessment: jest.fn(async () => ({ ...vision, findings })),
    });
    await renderCard(api);

    const heading = await screen.findByRole('heading', {
      name: 'Findings (7)',
    });
    // after the checklist and the next steps
    const nextSteps = screen.getByRole('heading', { name: 'Next steps' });
    expect(
      nextSteps.compareDocumentPosition(heading) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    const section = screen.getByRole('region', { name: 'Findings (7)' });
    const list = within(section).getByRole('list', { name: 'Findings' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(5);

    const first = within(list).getAllByRole('listitem')[0];
    expect(within(first).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/resource/vision-images',
    );
    expect(within(first).getByText('ml-maturity.io/scope')).toBeInTheDocument();
    expect(within(first).getByText('everyone')).toBeInTheDocument();
    expect(
      within(first).getByText(/^Unknown value; allowed: project, team/),
    ).toBeInTheDocument();
    expect(within(list).queryByText(/\(4\)$/)).not.toBeInTheDocument();

    const toggle = within(section).getByRole('button', { name: 'Show all 7' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    expect(within(list).getAllByRole('listitem')).toHaveLength(7);
    expect(
      within(list).getByText(/No entity with this ref was read.*\(4\)$/),
    ).toBeInTheDocument();
    expect(
      within(section).getByRole('button', { name: 'Show fewer' }),
    ).toHaveAttribute('aria-expanded', 'true');
  });

  it('shows no findings section when there are none', async () => {
    const api = mockMlMaturityApi({
      getTeamAssessment: jest.fn(async () => vision),
    });
    await renderCard(api);
    expect(
      await screen.findByRole('heading', { name: 'Next steps' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('heading', { name: /Findings/ }),
    ).not.toBeInTheDocument();
  });

  it("gives screen readers each checklist item's status", async () => {
    const team = withPracticeAttested();
    team.items.find(i => i.id === 'scaler.technology.datasets')!.required =
      false;
    const api = mockMlMaturityApi({
      getTeamAssessment: jest.fn(async () => ({ ...team, ...freshStatus })),
      getTeamAttestations: jest.fn(async () => ({
        attestations: [],
        canAttest: false,
      })),
    });
    await renderCard(api);
    const checklist = await screen.findByRole('list', {
      name: 'Checklist of the AIML Scaler Kit',
    });
    const [practice, datasets] = within(checklist).getAllByRole('listitem');

    // Backstage's status components hide their words from assistive tech
    expect(isInaccessible(within(practice).getByText('Attested'))).toBe(true);
    const status = within(practice).getByText('Status: Attested');
    expect(isInaccessible(status)).toBe(false);
    expect(accessibleText(practice)).toMatch(
      /^scaler practice defined \(process\)\s*Status: Attested/,
    );
    expect(accessibleText(datasets)).toMatch(
      /^scaler datasets \(technology\)\s*Status: Met \(optional\)/,
    );
  });

  it('stacks the ML challenges on a phone instead of squeezing a table', async () => {
    const restore = mockScreenWidth(375);
    try {
      const api = mockMlMaturityApi({
        getTeamAssessment: jest.fn(async () => vision),
      });
      await renderCard(api);
      const challenges = await screen.findByRole('list', {
        name: 'ML challenges',
      });
      expect(
        screen.queryByRole('table', { name: 'ML challenges' }),
      ).not.toBeInTheDocument();
      const items = within(challenges).getAllByRole('listitem');
      expect(items).toHaveLength(3);
      expect(items[2]).toHaveTextContent(
        /^Data.*a curated dataset with scope team$/,
      );
      expect(
        within(items[2]).getByLabelText('Data level 3 of 5: Systematic'),
      ).toBeInTheDocument();
    } finally {
      restore();
    }
  });

  it('keeps the ML challenges table on a wide screen', async () => {
    const restore = mockScreenWidth(1280);
    try {
      const api = mockMlMaturityApi({
        getTeamAssessment: jest.fn(async () => vision),
      });
      await renderCard(api);
      const table = await screen.findByRole('table', {
        name: 'ML challenges',
      });
      expect(within(table).getAllByRole('row')).toHaveLength(3);
      expect(
        screen.queryByRole('list', { name: 'ML challenges' }),
      ).not.toBeInTheDocument();
      // names stay whole ("Profession / al skills" in a squeezed column)
      const name = within(table).getByText('Professional skills');
      expect(getComputedStyle(name).whiteSpace).toBe('nowrap');
    } finally {
      restore();
    }
  });

  it('breaks long annotation keys in the next steps rather than overflowing a phone-wide card', async () => {
    const api = mockMlMaturityApi({
      getTeamAssessment: jest.fn(async () => vision),
    });
    await renderCard(api);
    const steps = await screen.findByRole('list', { name: 'Next steps' });
    // a how-to names keys such as ml-maturity.io/attest.scaler.process.<id>:
    // one "word" wider than the card on a 360 px screen
    const [step] = within(steps).getAllByRole('listitem');
    const howTo = step.querySelector('p');
    expect(howTo).toHaveTextContent(/\w: \w/);
    expect(breaksLongWords(howTo!)).toBe(true);
  });

  it('breaks a long evidence URL in the revoke dialog rather than cutting it off', async () => {
    const user = userEvent.setup({ delay: null });
    const api = mockMlMaturityApi({
      getTeamAssessment: jest.fn(async () => ({
        ...withPracticeAttested(),
        ...freshStatus,
      })),
      getAttestations: jest.fn(async () => [practiceAttestation()]),
    });
    await renderCard(api);
    await user.click(
      await screen.findByRole('button', { name: REVOKE_BUTTON }),
    );
    const confirm = screen.getByRole('dialog');
    const url = within(confirm).getByRole('link', {
      name: /wiki\.example\.com\/practice/,
    });
    expect(breaksLongWords(url)).toBe(true);
    // the annotation key the second paragraph may name is as long
    expect(breaksLongWords(within(confirm).getByText(/no longer counts/))).toBe(
      true,
    );
  });

  it('heads each row of the ML challenges table with its challenge, for table navigation', async () => {
    const restore = mockScreenWidth(1280);
    try {
      const api = mockMlMaturityApi({
        getTeamAssessment: jest.fn(async () => vision),
      });
      await renderCard(api);
      const table = await screen.findByRole('table', {
        name: 'ML challenges',
      });
      const rows = within(table).getAllByRole('row');
      expect(
        rows.map(row => within(row).getByRole('rowheader').textContent),
      ).toEqual(['Professional skills', 'Infrastructure', 'Data']);
      // the level and the reason are the row's cells
      expect(within(rows[2]).getAllByRole('cell')).toHaveLength(2);
    } finally {
      restore();
    }
  });

  it('says plainly when the backend cannot be reached, and retries', async () => {
    const user = userEvent.setup({ delay: null });
    const getTeamAssessment = jest
      .fn()
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockResolvedValue(vision);
    const api = mockMlMaturityApi({ getTeamAssessment });
    await renderCard(api);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not reach the ML maturity backend');
    expect(alert).toHaveTextContent(
      /no answer while loading the ML maturity of this group \(Failed to fetch\)/,
    );
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByLabelText('Maturity level 3 of 5: Systematic'),
    ).toBeInTheDocument();
  });

  it("shows the server's message of a 500, not hidden in a panel", async () => {
    const error = await responseError(
      500,
      'Error',
      'An internal error occurred logId=abc123',
    );
    const api = mockMlMaturityApi({
      getTeamAssessment: jest.fn(async () => {
        throw error;
      }),
    });
    await renderCard(api);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'Could not load the ML maturity of this group',
    );
    expect(
      within(alert).getByText(
        'The ML maturity backend answered 500 Error: An internal error occurred logId=abc123.',
      ),
    ).toBeVisible();
    expect(
      within(alert).getByRole('button', { name: 'Retry' }),
    ).toBeInTheDocument();
  });

  it('offers a retry when the attestations fail to load', async () => {
    const user = userEvent.setup({ delay: null });
    const getAttestations = jest
      .fn()
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockResolvedValue([]);
    const api = mockMlMaturityApi({
      getTeamAssessment: jest.fn(async () => vision),
      getAttestations,
    });
    await renderCard(api);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not reach the ML maturity backend');
    expect(alert).toHaveTextContent('the attestations of this team');
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('button', {
        name: 'Attest scaler practice defined',
      }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('offers a retry when the level history fails to load', async () => {
    const user = userEvent.setup({ delay: null });
    const error = await responseError(500, 'Error', 'history table locked');
    const getTeamHistory = jest
      .fn()
      .mockRejectedValueOnce(error)
      .mockResolvedValue({
        points: [
          { day: '2026-06-01', level: 2 as const, kitsCompleted: 1, kits: {} },
          { day: '2026-09-01', level: 3 as const, kitsCompleted: 2, kits: {} },
        ],
      });
    const api = mockMlMaturityApi({
      getTeamAssessment: jest.fn(async () => vision),
      getTeamHistory,
    });
    await renderCard(api);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent("Could not load the team's level history");
    expect(alert).toHaveTextContent('history table locked');
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('img', { name: /Maturity level from/ }),
    ).toBeInTheDocument();
  });

  it('offers a retry when the levels of the rollup fail to load', async () => {
    const user = userEvent.setup({ delay: null });
    const parent = {
      ...makeTeam('vision', 2, {
        rollup: {
          teams: ['group:default/vision-a'],
          levels: { '1': 0, '2': 1, '3': 0, '4': 0, '5': 0 },
          level: 2,
          kitsCompleted: 1,
          currentKit: 'accelerator',
          kits: [],
        },
      }),
      ...freshStatus,
    };
    const getRoadmap = jest
      .fn()
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockResolvedValue({
        generatedAt: '2026-11-27T06:00:00.000Z',
        levels: {
          '1': [],
          '2': ['group:default/vision-a'],
          '3': [],
          '4': [],
          '5': [],
        },
        items: [],
        ...freshStatus,
      });
    const api = mockMlMaturityApi({
      getTeamAssessment: jest.fn(async () => parent),
      getRoadmap,
    });
    await renderCard(api);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not reach the ML maturity backend');
    expect(alert).toHaveTextContent('the levels of the teams in this group');
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('list', { name: 'Teams at level 2' }),
    ).toBeInTheDocument();
  });
  describe('next steps tailored to the team', () => {
    it('gives the spec.owner value of this team for an owned item, under the generic howTo', async () => {
      const step = await renderTailored(tailoredTeam('group:default/vision'));
      const datasets = step('Project datasets');
      expect(datasets).toHaveTextContent('Generic howTo of Project datasets');
      snippet(datasets, 'spec.owner: vision');
      // a bare name resolves in the asset's own namespace
      snippet(datasets, 'spec.owner: group:default/vision');
      expect(datasets).toHaveTextContent(
        'from an entity of another namespace: spec.owner: group:default/vision',
      );
      // owned only: nothing about using an asset the team does not own
      expect(datasets).not.toHaveTextContent('spec.dependsOn');
      expect(datasets).not.toHaveTextContent('spec.memberOf');
      expect(datasets).not.toHaveTextContent('ml-maturity.io/attest.');
    });

    it('adds spec.dependsOn when a rule of the item (an allOf one too) counts used assets', async () => {
      const step = await renderTailored(tailoredTeam('group:default/vision'));
      const resources = step('Compute and storage');
      snippet(resources, 'spec.owner: vision');
      snippet(resources, 'spec.dependsOn: [<kind>:<namespace>/<name>]');
      expect(resources).toHaveTextContent(
        'an entity with that owner lists its ref with the kind',
      );
    });

    it('gives the spec.memberOf of this team for a members item', async () => {
      const step = await renderTailored(tailoredTeam('group:default/vision'));
      const scientists = step('Data scientists');
      expect(scientists).toHaveTextContent('Generic howTo of Data scientists');
      snippet(scientists, 'spec.memberOf: [vision]');
      snippet(scientists, 'spec.memberOf: [group:default/vision]');
      expect(scientists).toHaveTextContent(
        "or list the user in this Group's spec.members",
      );
      expect(scientists).not.toHaveTextContent('spec.owner');
    });

    it('gives the attestation annotation of an attestable item, besides the Attest button', async () => {
      const step = await renderTailored(tailoredTeam('group:default/vision'));
      const management = step('Data management');
      snippet(
        management,
        'ml-maturity.io/attest.starter.process.data-management: https://<evidence-page>',
      );
      expect(management).toHaveTextContent(
        "in this team's Group catalog-info.yaml under metadata.annotations",
      );
      expect(management).not.toHaveTextContent('spec.owner');
      expect(
        screen.getByRole('button', { name: 'Attest Data management' }),
      ).toBeInTheDocument();
      // not attestable: no annotation
      expect(step('Project datasets')).not.toHaveTextContent(
        'ml-maturity.io/attest.',
      );
    });

    it('writes the full ref of a team outside namespace default', async () => {
      const mlVision: Entity = {
        ...group,
        metadata: { name: 'vision', namespace: 'ml' },
      };
      const step = await renderTailored(
        tailoredTeam('group:ml/vision'),
        mlVision,
      );
      const datasets = step('Project datasets');
      snippet(datasets, 'spec.owner: group:ml/vision');
      expect(datasets).not.toHaveTextContent('another namespace');
      snippet(step('Data scientists'), 'spec.memberOf: [group:ml/vision]');
      expect(screen.queryByText('spec.owner: vision')).not.toBeInTheDocument();
    });

    it('tells an implicit team to create its Group before the steps that need it', async () => {
      const step = await renderTailored(
        tailoredTeam('group:ml/vision', { implicit: true }),
      );
      expect(
        screen.getByText(/This team has no Group entity in the catalog/),
      ).toHaveTextContent('create its catalog-info.yaml first');
      const yaml = screen.getByText(/^apiVersion: backstage\.io\/v1alpha1/);
      expect(yaml.tagName).toBe('CODE');
      expect(yaml.textContent).toBe(
        [
          'apiVersion: backstage.io/v1alpha1',
          'kind: Group',
          'metadata:',
          '  name: vision',
          '  namespace: ml',
          'spec:',
          '  type: team',
          '  children: []',
        ].join('\n'),
      );
      const groupFirst = "Once this team's Group entity exists (see above)";
      expect(step('Data scientists')).toHaveTextContent(groupFirst);
      expect(step('Data management')).toHaveTextContent(groupFirst);
      // spec.owner is how an implicit team exists: it needs no Group
      expect(step('Project datasets')).not.toHaveTextContent(groupFirst);
      snippet(step('Project datasets'), 'spec.owner: group:ml/vision');
    });

    it('says nothing about creating the Group of a team that has one', async () => {
      const step = await renderTailored(tailoredTeam('group:default/vision'));
      expect(step('Data management')).not.toHaveTextContent('Once this team');
      expect(
        screen.queryByText(/This team has no Group entity/),
      ).not.toBeInTheDocument();
    });
  });
});
