import { InfoCard, Progress } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useLastLoaded } from '../../hooks/useLastLoaded';
import { useTeamAssessment } from '../../hooks/useTeamAssessment';
import { CARD_TITLE_PROPS } from '../../lib/headings';
import { EmptyHint } from '../EmptyHint';
import { LoadError } from '../LoadError';
import { RefreshedStatus, RefreshNow } from '../RefreshNow';
import { TeamMaturity } from './TeamMaturity';

/** Props of {@link EntityMlMaturityCard}. @public */
export interface EntityMlMaturityCardProps {
  /** Card title; defaults to "ML maturity". */
  title?: string;
}

/**
 * The ML maturity of the Group on the current entity page.
 * @public
 */
export function EntityMlMaturityCard(props: EntityMlMaturityCardProps) {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const { value: loaded, loading, error, retry } = useTeamAssessment(entityRef);
  // While it reloads, the card keeps what it shows (no flicker after an
  // attest), and after a reload that failed too (the error shows above
  // them); but when the page moved to another group, the previous group's
  // results must not show under its name.
  const kept = useLastLoaded(loaded);
  const value = kept?.entityRef === entityRef ? kept : undefined;

  let content;
  let shows: 'refresh' | 'results' | undefined;
  if (loading && !value) {
    content = <Progress aria-label="Loading the ML maturity of this group" />;
  } else if (error && !value?.assessment) {
    content = (
      <LoadError
        error={error}
        what="the ML maturity of this group"
        onRetry={retry}
      />
    );
  } else if (!value?.assessment) {
    shows = 'refresh';
    content = (
      <>
        <EmptyHint title="This group has no ML maturity assessment yet.">
          Every Group of the catalog is assessed at each refresh, so this one
          was probably added to the catalog after the last refresh: it shows
          here after the next one. Its level then comes from the ML assets it
          owns: annotate their catalog-info.yaml with{' '}
          <code>ml-maturity.io/asset: dataset</code> (or notebook, ml-model,
          ml-pipeline…) and make this group their <code>spec.owner</code>.
        </EmptyHint>
        <RefreshNow onReload={retry} />
      </>
    );
  } else {
    shows = 'results';
    content = (
      <>
        {error && (
          <LoadError
            error={error}
            what="the latest ML maturity of this group"
            // said whatever failed: a 403 or 503 names no results of its own
            note="The results below are the last ones loaded."
            onRetry={retry}
          />
        )}
        <TeamMaturity
          assessment={value.assessment}
          kits={value.kits}
          onChanged={retry}
        />
      </>
    );
  }

  return (
    <InfoCard
      title={props.title ?? 'ML maturity'}
      titleTypographyProps={CARD_TITLE_PROPS}
    >
      <RefreshedStatus
        key={entityRef}
        shows={shows}
        message="The refresh has finished: the ML maturity of this group is shown."
      />
      {content}
    </InfoCard>
  );
}
