import { parseEntityRef } from '@backstage/catalog-model';
import {
  EntityRefLink,
  humanizeEntityRef,
} from '@backstage/plugin-catalog-react';

/**
 * A team's name: a link to its Group, or plain text for an implicit team,
 * which has none (a link would lead to "entity not found").
 * @internal
 */
export function TeamName(props: {
  entityRef: string;
  implicit: boolean;
  /** Passed to the link: `group` shows a Group's ref without its kind. */
  defaultKind?: string;
}) {
  if (!props.implicit) {
    return (
      <EntityRefLink
        entityRef={props.entityRef}
        defaultKind={props.defaultKind}
      />
    );
  }
  return (
    <span title="No Group entity in the catalog: the team is named as an owner only">
      {humanizeEntityRef(parseEntityRef(props.entityRef), {
        defaultKind: 'group',
      })}{' '}
      (no Group entity)
    </span>
  );
}
