import { StatusOK, StatusPending } from '@backstage/core-components';
import type { ItemResult } from '@aiml-service-kits/plugin-ml-maturity-common';

/** Status as icon plus words, never colour alone. */
export function ItemStatusLabel(props: { item: ItemResult }) {
  const { status, required } = props.item;
  const suffix = required ? '' : ' (optional)';
  if (status === 'met') {
    return <StatusOK>Met{suffix}</StatusOK>;
  }
  if (status === 'attested') {
    return <StatusOK>Attested{suffix}</StatusOK>;
  }
  return <StatusPending>Not met{suffix}</StatusPending>;
}
