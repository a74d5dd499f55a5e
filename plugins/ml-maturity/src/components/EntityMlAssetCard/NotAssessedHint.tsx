import type { Entity } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  ANNOTATION_ASSET,
  ASSET_TYPES,
} from '@aiml-service-kits/plugin-ml-maturity-common';
import { entityAssetType } from '../../lib/assetType';
import { ML_MATURITY_ANNOTATIONS_DOCS_URL } from '../../lib/docs';
import { sourceFileOf } from '../../lib/sourceFile';
import { EmptyHint } from '../EmptyHint';
import { RefreshNow } from '../RefreshNow';
import { InSourceFile } from './InSourceFile';
import { isUserRef } from '../../lib/refs';

const ANNOTATIONS_DOCS = {
  url: ML_MATURITY_ANNOTATIONS_DOCS_URL,
  label:
    'Read the ML maturity annotations docs: every asset type and alias, with a catalog-info.yaml to copy',
};

/** Where the findings about this entity are listed, from its owner. */
function WhereFindingsAre(props: { owner?: string }) {
  const { owner } = props;
  if (!owner) {
    return (
      <>
        This entity has no <code>spec.owner</code>, so no team&apos;s ML
        maturity card lists findings about it: give it an owner Group.
      </>
    );
  }
  if (isUserRef(owner)) {
    return (
      <>
        If it still does not, the ML maturity cards of the teams that its owner,{' '}
        <EntityRefLink entityRef={owner} />, is a member of list what the
        assessment could not read under Findings.
      </>
    );
  }
  return (
    <>
      If it still does not, the ML maturity card of the team that owns this
      entity lists what the assessment could not read under Findings (owner:{' '}
      <EntityRefLink entityRef={owner} />
      ).
    </>
  );
}

/** `spec.type "service"`. */
function SpecType(props: { specType: string }) {
  return (
    <>
      <code>spec.type</code> &quot;{props.specType}&quot;
    </>
  );
}

/**
 * The asset card when `GET /assets` answers 404: an ML asset the last refresh
 * did not see (added or annotated since), or an entity that is no ML asset
 * (the card shown under another filter, or an annotation value that is no
 * asset type), told apart by what the entity's own fields say. Aliases added
 * in the backend's config are not known here, so neither case is certain;
 * the text says so where it matters.
 * @internal
 */
export function NotAssessedHint(props: {
  entity: Entity;
  owner?: string;
  onReload(): void;
}) {
  const { entity, owner, onReload } = props;
  const { annotation, specType, assetType, annotationInvalid } =
    entityAssetType(entity);
  const file = sourceFileOf(entity);
  const refresh = <RefreshNow onReload={onReload} />;

  if (assetType) {
    return (
      <>
        <EmptyHint
          title="This ML asset is not assessed yet."
          docs={ANNOTATIONS_DOCS}
        >
          Its{' '}
          {annotationInvalid || annotation === undefined ? (
            <SpecType specType={specType ?? ''} />
          ) : (
            <>
              <code>{ANNOTATION_ASSET}</code> annotation
            </>
          )}{' '}
          makes it an ML asset of type <code>{assetType}</code>, but the last ML
          maturity refresh did not include it: it was probably added to the
          catalog, or annotated, since. It shows here after the next refresh.
          {annotationInvalid && (
            <>
              {' '}
              (Its <code>{ANNOTATION_ASSET}</code> value &quot;{annotation}
              &quot; is not an asset type, so its <code>spec.type</code> counts
              instead.)
            </>
          )}{' '}
          <WhereFindingsAre owner={owner} />
        </EmptyHint>
        {refresh}
      </>
    );
  }

  if (annotationInvalid) {
    return (
      <>
        <EmptyHint
          title={`This entity is not an ML asset: its ${ANNOTATION_ASSET} value is not an asset type.`}
          docs={ANNOTATIONS_DOCS}
        >
          &quot;{annotation}&quot; is not an ML asset type or one of the default
          aliases, and{' '}
          {specType === undefined ? (
            <>
              it has no <code>spec.type</code>
            </>
          ) : (
            <>
              <SpecType specType={specType} /> is not one either
            </>
          )}
          , so the assessment leaves this entity out. Write one of{' '}
          {ASSET_TYPES.join(', ')} (or an alias) as the{' '}
          <code>{ANNOTATION_ASSET}</code> value, under{' '}
          <code>metadata.annotations</code> in <InSourceFile file={file} />. An
          alias your Backstage administrator added in{' '}
          <code>mlMaturity.assetTypeAliases</code> counts too, once a refresh
          has run.
        </EmptyHint>
        {refresh}
      </>
    );
  }

  return (
    <>
      <EmptyHint
        title="This entity is not an ML asset."
        docs={ANNOTATIONS_DOCS}
      >
        {specType === undefined ? (
          <>
            It has no <code>spec.type</code> and no{' '}
          </>
        ) : (
          <>
            Its <SpecType specType={specType} /> is not an ML asset type, and it
            has no{' '}
          </>
        )}
        <code>{ANNOTATION_ASSET}</code> annotation. To count it as one, add
        under <code>metadata.annotations</code> in <InSourceFile file={file} />:{' '}
        <code>{`${ANNOTATION_ASSET}: dataset`}</code> (or notebook, ml-model,
        ml-pipeline…: the docs list every type). A <code>spec.type</code> your
        Backstage administrator added as an alias in{' '}
        <code>mlMaturity.assetTypeAliases</code> counts too, once a refresh has
        run.
      </EmptyHint>
      {refresh}
    </>
  );
}
