import { InfoCard, Progress } from '@backstage/core-components';
import {
  type Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useAssetContribution } from '../../hooks/useAssetContribution';
import { CARD_TITLE_PROPS } from '../../lib/headings';
import { sourceFileOf } from '../../lib/sourceFile';
import { LoadError } from '../LoadError';
import { RefreshedStatus } from '../RefreshNow';
import { SnapshotStatusNotice } from '../SnapshotStatusNotice';
import { AssetDetails } from './AssetDetails';
import { NotAssessedHint } from './NotAssessedHint';

/** The entity's `spec.owner` as a full ref (a Group when it has no kind), if any. */
function ownerRef(entity: Entity): string | undefined {
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || !owner.trim()) {
    return undefined;
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(owner.trim(), {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return undefined;
  }
}

/** Props of {@link EntityMlAssetCard}. @public */
export interface EntityMlAssetCardProps {
  /** Card title; defaults to "ML asset". */
  title?: string;
}

/**
 * How the ML asset on the current entity page counts toward teams' kits.
 * @public
 */
export function EntityMlAssetCard(props: EntityMlAssetCardProps) {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const {
    value: loaded,
    loading,
    error,
    retry,
  } = useAssetContribution(entityRef);
  // While it reloads (after "Refresh now"), the card keeps what it shows;
  // but another entity's answer must not show under this one's name.
  const value = loaded?.entityRef === entityRef ? loaded : undefined;
  const owner = ownerRef(entity);

  let content;
  let shows: 'refresh' | 'results' | undefined;
  if (loading && !value) {
    content = <Progress aria-label="Loading how this ML asset counts" />;
  } else if (error) {
    content = (
      <LoadError
        error={error}
        what="how this ML asset counts"
        onRetry={retry}
      />
    );
  } else if (!value?.contribution) {
    shows = 'refresh';
    content = (
      <NotAssessedHint entity={entity} owner={owner} onReload={retry} />
    );
  } else {
    shows = 'results';
    // when the last refresh failed, this is the previous snapshot's answer
    content = (
      <>
        <SnapshotStatusNotice status={value.contribution} />
        <AssetDetails
          contribution={value.contribution}
          kits={value.kits}
          owner={owner}
          sourceFile={sourceFileOf(entity)}
        />
      </>
    );
  }
  return (
    <InfoCard
      title={props.title ?? 'ML asset'}
      titleTypographyProps={CARD_TITLE_PROPS}
    >
      <RefreshedStatus
        key={entityRef}
        shows={shows}
        message="The refresh has finished: how this ML asset counts is shown."
      />
      {content}
    </InfoCard>
  );
}
