import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useAssetContribution } from '../../hooks/useAssetContribution';
import { EmptyHint } from '../EmptyHint';
import { AssetDetails } from './AssetDetails';

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
  const { value, loading, error } = useAssetContribution(
    stringifyEntityRef(entity),
  );

  let content;
  if (loading) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (!value?.contribution) {
    content = (
      <EmptyHint title="No ML asset found for this entity.">
        Annotate its catalog-info.yaml with{' '}
        <code>ml-maturity.io/asset: dataset</code> (or notebook, ml-model,
        ml-pipeline, feature-store…), or set a <code>spec.type</code> from the
        asset vocabulary. It shows here after the next refresh.
      </EmptyHint>
    );
  } else {
    content = (
      <AssetDetails contribution={value.contribution} kits={value.kits} />
    );
  }
  return <InfoCard title={props.title ?? 'ML asset'}>{content}</InfoCard>;
}
