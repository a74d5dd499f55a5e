import fs from 'node:fs';
import path from 'node:path';

/**
 * docs/permissions.md gives adopters a complete policy module to copy; it
 * must be the one the demo backend runs (and type-checks), not a copy that
 * drifts from it.
 */
const ROOT = path.resolve(__dirname, '../../../..');

describe('docs/permissions.md policy module', () => {
  it('is packages/backend/src/permissionPolicy.ts from its imports on', () => {
    const doc = fs.readFileSync(path.join(ROOT, 'docs/permissions.md'), 'utf8');
    const blocks = [...doc.matchAll(/```ts\n([^]*?)```/g)].map(m => m[1]);
    const source = fs.readFileSync(
      path.join(ROOT, 'packages/backend/src/permissionPolicy.ts'),
      'utf8',
    );
    const fromImports = source.slice(source.indexOf('import '));
    expect(blocks).toContain(fromImports);
  });
});
