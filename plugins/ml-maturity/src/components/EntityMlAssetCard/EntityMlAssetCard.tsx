import { InfoCard, Progress } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useAssetContribution } from '../../hooks/useAssetContribution';
import { EmptyHint } from '../EmptyHint';
import { LoadError } from '../LoadError';
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
  const { value, loading, error, retry } = useAssetContribution(
    stringifyEntityRef(entity),
  );

  let content;
  if (loading) {
    content = <Progress />;
  } else if (error) {
    content = <LoadError error={error} onRetry={retry} />;
  } else if (!value?.contribution) {
    content = (
      <EmptyHint title="This ML asset is not assessed yet.">
        It shows here after the next refresh. If it still does not, check its{' '}
        <code>ml-maturity.io/asset</code> annotation: the value must be one of
        the asset types (dataset, notebook, ml-model, ml-pipeline,
        feature-store…); the team card of its owner lists the findings about
        values that are not.
      </EmptyHint>
    );
  } else {
    content = (
      <AssetDetails contribution={value.contribution} kits={value.kits} />
    );
  }
  return <InfoCard title={props.title ?? 'ML asset'}>{content}</InfoCard>;
}
