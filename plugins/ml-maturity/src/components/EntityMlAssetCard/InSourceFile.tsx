import { Link } from '@backstage/core-components';
import type { SourceFile } from '../../lib/sourceFile';

/**
 * "this entity's file, datasets.yaml" (linked to where to edit it), or
 * "this entity's catalog-info.yaml" when the catalog recorded no file.
 * @internal
 */
export function InSourceFile(props: { file?: SourceFile }) {
  const { file } = props;
  if (!file) {
    return <>this entity&apos;s catalog-info.yaml</>;
  }
  return (
    <>
      this entity&apos;s file,{' '}
      {file.url ? (
        <Link to={file.url}>{file.name}</Link>
      ) : (
        <code>{file.name}</code>
      )}
    </>
  );
}
