import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCatalogFiles } from './readCatalogFiles';

const entity = (kind: string, name: string) =>
  `apiVersion: backstage.io/v1alpha1\nkind: ${kind}\nmetadata:\n  name: ${name}\nspec: {}\n`;

describe('readCatalogFiles', () => {
  let root: string;

  beforeEach(async () => {
    root = await fs.mkdtemp(join(tmpdir(), 'ml-maturity-reader-'));
  });

  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  async function write(path: string, text: string) {
    await fs.mkdir(join(root, path, '..'), { recursive: true });
    await fs.writeFile(join(root, path), text);
  }

  const names = (entities: unknown[]) =>
    entities.map(e => (e as { metadata: { name: string } }).metadata.name);

  it('reads directories recursively, yaml and yml, in name order', async () => {
    await write('b.yaml', entity('Group', 'b'));
    await write('a/deep/er/c.yml', entity('User', 'c'));
    await write(
      'a/a.yaml',
      `${entity('Component', 'a1')}---\n${entity('Component', 'a2')}`,
    );
    await write('a/readme.md', entity('Component', 'not-read'));

    const result = await readCatalogFiles({ paths: [root] });

    expect(names(result.entities)).toEqual(['a1', 'a2', 'c', 'b']);
    expect(result.filesRead).toBe(3);
    expect(result.errors).toEqual([]);
    expect(result.skipped).toEqual([]);
  });

  it('skips node_modules and dot directories', async () => {
    await write(
      'node_modules/pkg/catalog-info.yaml',
      entity('Component', 'nm'),
    );
    await write('.github/catalog.yaml', entity('Component', 'dot'));
    await write('catalog-info.yaml', entity('Component', 'kept'));

    const result = await readCatalogFiles({ paths: [root] });

    expect(names(result.entities)).toEqual(['kept']);
  });

  it('reads a file given explicitly whatever its extension, once', async () => {
    await write('entities.txt', entity('Component', 'txt'));
    await write('one.yaml', entity('Component', 'one'));
    const file = join(root, 'one.yaml');

    const result = await readCatalogFiles({
      paths: [join(root, 'entities.txt'), file, file, root],
    });

    expect(names(result.entities)).toEqual(['txt', 'one']);
    expect(result.filesRead).toBe(2);
  });

  it('reports skipped documents with the file they came from', async () => {
    await write('tpl/template.yaml', entity('Template', '${{ values.name }}'));
    await write(
      'k8s.yaml',
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n',
    );

    const result = await readCatalogFiles({ paths: [root] });

    expect(result.entities).toEqual([]);
    expect(result.filesRead).toBe(2);
    expect(
      result.skipped.map(s => [s.file, s.documentIndex, s.category]),
    ).toEqual([
      [join(root, 'k8s.yaml'), 0, 'not-entity'],
      [join(root, 'tpl/template.yaml'), 0, 'template'],
    ]);
  });

  it('reports files that are not UTF-8 instead of reading odd names', async () => {
    const text =
      'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: caf\u00e9\n';
    await fs.writeFile(
      join(root, 'utf16.yaml'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
    );
    await fs.writeFile(join(root, 'latin1.yaml'), Buffer.from(text, 'latin1'));
    await fs.writeFile(
      join(root, 'utf16-no-bom.yaml'),
      // ASCII only: the bytes are then valid UTF-8, with NULs between
      Buffer.from(text.replace('caf\u00e9', 'cafe'), 'utf16le'),
    );
    await fs.writeFile(join(root, 'utf8.yaml'), text);
    const result = await readCatalogFiles({ paths: [root] });
    expect(result.entities).toHaveLength(1);
    expect(result.errors).toEqual([
      {
        file: join(root, 'latin1.yaml'),
        reason: expect.stringContaining('not valid UTF-8'),
      },
      {
        file: join(root, 'utf16-no-bom.yaml'),
        reason: expect.stringContaining('NUL characters'),
      },
      {
        file: join(root, 'utf16.yaml'),
        reason: expect.stringContaining('UTF-16'),
      },
    ]);
  });

  it('says a binary file given as a path is binary, not text in another encoding', async () => {
    // an executable's first bytes, and a PNG image's
    await fs.writeFile(
      join(root, 'tool'),
      Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0, 0, 0, 0, 0]),
    );
    await fs.writeFile(
      join(root, 'logo.yaml'),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0]),
    );
    const result = await readCatalogFiles({
      paths: [join(root, 'tool'), root],
    });
    const reason =
      'a binary file, not YAML text: pass catalog YAML files or the directories that hold them';
    expect(result.errors).toEqual([
      { file: join(root, 'tool'), reason },
      { file: join(root, 'logo.yaml'), reason },
    ]);
  });

  it('reports missing paths and oversized files instead of throwing', async () => {
    await write('ok.yaml', entity('Component', 'ok'));
    const big = join(root, 'big.yaml');
    await fs.writeFile(big, '');
    await fs.truncate(big, 10 * 1024 * 1024 + 1);

    const result = await readCatalogFiles({
      paths: [join(root, 'missing.yaml'), root],
    });

    expect(names(result.entities)).toEqual(['ok']);
    expect(result.errors).toEqual([
      { file: join(root, 'missing.yaml'), reason: 'no such file or directory' },
      { file: big, reason: expect.stringContaining('10 MB limit') },
    ]);
    expect(result.filesRead).toBe(1);
  });
});
