import { InfoCard, Progress } from '@backstage/core-components';
import {
  type Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { useAssetContribution } from '../../hooks/useAssetContribution';
import { CARD_TITLE_PROPS } from '../../lib/headings';
import { EmptyHint } from '../EmptyHint';
import { LoadError } from '../LoadError';
import { SnapshotStatusNotice } from '../SnapshotStatusNotice';
import { AssetDetails } from './AssetDetails';

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
  const { value, loading, error, retry } = useAssetContribution(
    stringifyEntityRef(entity),
  );
  const owner = ownerRef(entity);

  let content;
  if (loading) {
    content = <Progress />;
  } else if (error) {
    content = (
      <LoadError
        error={error}
        what="how this ML asset counts"
        onRetry={retry}
      />
    );
  } else if (!value?.contribution) {
    content = (
      <EmptyHint title="This ML asset is not assessed yet.">
        It shows here after the next refresh. If it still does not, check its{' '}
        <code>ml-maturity.io/asset</code> annotation: the value must be one of
        the asset types (dataset, notebook, ml-model, ml-pipeline,
        feature-store…).{' '}
        {owner ? (
          <>
            If it is not, the ML maturity card of the team that owns this entity
            lists it under Findings (owner: <EntityRefLink entityRef={owner} />
            ).
          </>
        ) : (
          <>
            This entity has no <code>spec.owner</code>, so no team's ML maturity
            card lists findings about it: give it an owner Group.
          </>
        )}
      </EmptyHint>
    );
  } else {
    // when the last refresh failed, this is the previous snapshot's answer
    content = (
      <>
        <SnapshotStatusNotice status={value.contribution} />
        <AssetDetails
          contribution={value.contribution}
          kits={value.kits}
          owner={owner}
        />
      </>
    );
  }
  return (
    <InfoCard
      title={props.title ?? 'ML asset'}
      titleTypographyProps={CARD_TITLE_PROPS}
    >
      {content}
    </InfoCard>
  );
}
