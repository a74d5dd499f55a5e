import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useTeamAssessment } from '../../hooks/useTeamAssessment';
import { EmptyHint } from '../EmptyHint';
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
  const { value, loading, error, retry } = useTeamAssessment(entityRef);

  let content;
  if (loading && !value) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (!value?.assessment) {
    content = (
      <EmptyHint title="This group has no ML maturity assessment yet.">
        Teams are assessed from the catalog at each refresh. Add the group's ML
        assets to the catalog with this group as owner: annotate their
        catalog-info.yaml with <code>ml-maturity.io/asset: dataset</code> (or
        notebook, ml-model, ml-pipeline…), and give members their roles with{' '}
        <code>ml-maturity.io/role</code>.
      </EmptyHint>
    );
  } else {
    content = (
      <TeamMaturity
        assessment={value.assessment}
        kits={value.kits}
        onChanged={retry}
      />
    );
  }

  return <InfoCard title={props.title ?? 'ML maturity'}>{content}</InfoCard>;
}
