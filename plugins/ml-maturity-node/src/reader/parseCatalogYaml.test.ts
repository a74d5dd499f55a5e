import { classify } from '@aiml-service-kits/plugin-ml-maturity-common';
import { parseCatalogYaml } from './parseCatalogYaml';

const NOW = '2026-11-27T06:00:00Z';

const component = (name: string) => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
spec:
  type: ml-model
  owner: vision
`;

describe('parseCatalogYaml', () => {
  it('returns every entity of a multi-document file, in order', () => {
    const text = `${component('a')}---\n${component('b')}---\n${component(
      'c',
    )}`;
    const { entities, skipped } = parseCatalogYaml(text, 'multi.yaml');
    expect(skipped).toEqual([]);
    expect(entities.map(e => (e as any).metadata.name)).toEqual([
      'a',
      'b',
      'c',
    ]);
    expect((entities[0] as any).spec).toEqual({
      type: 'ml-model',
      owner: 'vision',
    });
  });

  it.each([
    ['${{', '  name: ${{ values.name }}'],
    ['{{', '  name: "{{ cookiecutter.name }}"'],
    ['{%', '  description: "{% if x %}y{% endif %}"'],
  ])(
    'skips and reports a document holding the template marker %s',
    (marker, line) => {
      const template = `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n${line}\n  title: t\nspec:\n  type: service\n`;
      const text = `${component('before')}---\n${template}---\n${component(
        'after',
      )}`;
      const { entities, skipped } = parseCatalogYaml(text, 'tpl.yaml');
      expect(entities.map(e => (e as any).metadata.name)).toEqual([
        'before',
        'after',
      ]);
      expect(skipped).toEqual([
        {
          file: 'tpl.yaml',
          documentIndex: 1,
          // the placeholder's line: 7 of the first document, the `---`, 4 more
          line: 12,
          category: 'template',
          reason: expect.stringContaining(`"${marker}"`),
        },
      ]);
    },
  );

  it('reports the line of the first placeholder, whichever marker it is', () => {
    const text = `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: "{{ name }}"\n  title: \${{ values.title }}\n`;
    const { skipped } = parseCatalogYaml(text, 'two.yaml');
    expect(skipped).toEqual([
      expect.objectContaining({
        line: 4,
        reason: expect.stringContaining('"{{"'),
      }),
    ]);
  });

  it('reads a document whose only placeholder is in a comment, as the classifier does', () => {
    const text = `# Jinja users write {{ var }} here\n${component(
      'a',
    )}  # or {% this %}\n---\n${component('b')}`;
    const { entities, skipped } = parseCatalogYaml(text, 'comment.yaml');
    expect(skipped).toEqual([]);
    expect(entities.map(e => (e as any).metadata.name)).toEqual(['a', 'b']);
    expect(classify({ entities, now: NOW }).teams[0].entityRef).toBe(
      'group:default/vision',
    );
  });

  it('skips an unquoted placeholder, which YAML reads as a mapping', () => {
    const text = `${component(
      'a',
    )}---\napiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata:\n  name: data\nspec:\n  type: dataset\n  owner: {{ cookiecutter.team }}\n`;
    const warn = jest.spyOn(process, 'emitWarning');
    const { entities, skipped } = parseCatalogYaml(text, 'unquoted.yaml');
    // the YAML library's warning about the `{ ... }` key stays out of stderr
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
    expect(entities.map(e => (e as any).metadata.name)).toEqual(['a']);
    expect(skipped).toEqual([
      expect.objectContaining({
        category: 'template',
        line: 15,
        reason: 'template placeholder "{{" found, not an entity',
      }),
    ]);
  });

  it('tells a comment after an apostrophe from a quoted value', () => {
    // broken YAML: the placeholder is in a comment, so it is a parse error
    const comment = `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: it's # {{ x }}\n  bad: [\n`;
    expect(parseCatalogYaml(comment, 'c.yaml').skipped).toEqual([
      expect.objectContaining({ category: 'parse-error' }),
    ]);
    // and a placeholder inside a quoted value is no comment
    const quoted = `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: 'a # {{ x }}'\n  bad: [\n`;
    expect(parseCatalogYaml(quoted, 'q.yaml').skipped).toEqual([
      expect.objectContaining({ category: 'template', line: 4 }),
    ]);
  });

  it('reports the line of the placeholder outside comments', () => {
    const text = `# {{ not this one }}\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: "{{ name }}"\n`;
    const { entities, skipped } = parseCatalogYaml(text, 'tpl.yaml');
    expect(entities).toEqual([]);
    expect(skipped).toEqual([
      expect.objectContaining({ category: 'template', line: 5 }),
    ]);
  });

  it('skips exactly what the classifier skips: not a served entity with a uid', () => {
    const text = `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: served\n  uid: 1234\n  description: "{{ rendered by someone else }}"\n---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: served-too\n  uid: "1234"\n  description: "{{ x }}"\n`;
    const { entities, skipped } = parseCatalogYaml(text, 'uid.yaml');
    // a number is no uid: that document is a template
    expect(skipped).toEqual([
      expect.objectContaining({ documentIndex: 0, category: 'template' }),
    ]);
    expect(entities.map(e => (e as any).metadata.name)).toEqual(['served-too']);
  });

  it('reports a template even when the placeholder breaks the YAML', () => {
    const text = `{% if include %}\napiVersion: backstage.io/v1alpha1\nkind: Component\n{% endif %}\n`;
    const { entities, skipped } = parseCatalogYaml(text, 'broken-tpl.yaml');
    expect(entities).toEqual([]);
    expect(skipped).toHaveLength(1);
    expect(skipped[0].category).toBe('template');
  });

  it('says a document without apiVersion has none (an app-config file, say)', () => {
    const { skipped } = parseCatalogYaml(
      'app:\n  title: Portal\n',
      'app-config.yaml',
    );
    expect(skipped.map(s => s.reason)).toEqual([
      'not an entity: no apiVersion (a Backstage entity has one starting with backstage.io/)',
    ]);
  });

  it('skips documents that are not Backstage entities, with the reason', () => {
    const text = [
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n',
      'apiVersion: backstage.io/v1alpha1\nmetadata:\n  name: no-kind\n',
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: 42\n',
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {}\n',
      '- just\n- a list\n',
      'a plain string\n',
      component('ok'),
    ].join('---\n');
    const { entities, skipped } = parseCatalogYaml(text, 'mixed.yaml');
    expect(entities.map(e => (e as any).metadata.name)).toEqual(['ok']);
    // each document's first line of content (after its `---`)
    expect(skipped.map(s => [s.documentIndex, s.line, s.category])).toEqual([
      [0, 1, 'not-entity'],
      [1, 6, 'not-entity'],
      [2, 10, 'not-entity'],
      [3, 15, 'not-entity'],
      [4, 19, 'not-entity'],
      [5, 22, 'not-entity'],
    ]);
    expect(skipped[0].reason).toContain('"apps/v1"');
    expect(skipped[1].reason).toContain('kind');
    expect(skipped[2].reason).toContain('metadata.name');
    expect(skipped[4].reason).toContain('sequence');
  });

  it('reports a document that does not parse and keeps the others', () => {
    const bad =
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: [unclosed\n';
    const text = `${component('good')}---\n${bad}`;
    const { entities, skipped } = parseCatalogYaml(text, 'bad.yaml');
    expect(entities.map(e => (e as any).metadata.name)).toEqual(['good']);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({
      file: 'bad.yaml',
      documentIndex: 1,
      // where the YAML parser reports the error, as its message says
      line: 13,
      category: 'parse-error',
    });
    expect(skipped[0].reason).toMatch(/^YAML parse error: .* at line 13,/);
  });

  it('points an unclosed quote at its opening quote, not at the end of the file', () => {
    const open =
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: open\n  description: "unterminated\nspec:\n  owner: vision\n';
    const text = `${component('good')}---\n${open}---\n${component('after')}`;
    const { entities, skipped } = parseCatalogYaml(text, 'quote.yaml');
    expect(entities.map(e => (e as any).metadata.name)).toEqual(['good']);
    expect(skipped).toHaveLength(1);
    // the document starts at line 9, its description at line 13; the
    // parser reports the quote at the end of the file
    expect(text.split('\n')[12]).toBe('  description: "unterminated');
    expect(skipped[0]).toMatchObject({ line: 13, category: 'parse-error' });
    expect(skipped[0].reason).toBe(
      `YAML parse error: Missing closing "quote at line ${
        text.split('\n').length
      }, column 1 (the quoted value that starts at line 13 is never closed: add its closing quote)`,
    );
  });

  it('reports duplicate keys as a parse error, as the catalog does', () => {
    const text =
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nkind: API\nmetadata:\n  name: dup\n';
    const { entities, skipped } = parseCatalogYaml(text, 'dup.yaml');
    expect(entities).toEqual([]);
    expect(skipped[0]).toMatchObject({ category: 'parse-error', line: 3 });
  });

  it('refuses an alias bomb instead of expanding it', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++) {
      lines.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    }
    const text = `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: bomb\nspec:\n  ${lines.join(
      '\n  ',
    )}\n`;
    const { entities, skipped } = parseCatalogYaml(text, 'bomb.yaml');
    expect(entities).toEqual([]);
    expect(skipped).toEqual([
      expect.objectContaining({
        category: 'parse-error',
        reason: expect.stringMatching(/alias/i),
        // the document's first line
        line: 1,
      }),
    ]);
  });

  it('ignores empty documents and handles empty input without throwing', () => {
    expect(parseCatalogYaml('', 'empty.yaml')).toEqual({
      entities: [],
      sources: [],
      skipped: [],
    });
    expect(parseCatalogYaml('# only a comment\n', 'c.yaml')).toEqual({
      entities: [],
      sources: [],
      skipped: [],
    });
    const { entities, sources, skipped } = parseCatalogYaml(
      `---\n${component('x')}---\n`,
      'trailing.yaml',
    );
    expect(entities).toHaveLength(1);
    // the entity's first line, after the `---`
    expect(sources).toEqual([{ file: 'trailing.yaml', line: 2 }]);
    expect(skipped).toEqual([]);
  });

  it('never throws on garbage', () => {
    for (const text of [
      '\u0000\u0001',
      ':::',
      '[{]',
      '%YAML 9.9\n---\na: 1',
      '\t- x',
      '&a *a',
    ]) {
      expect(() => parseCatalogYaml(text, 'garbage.yaml')).not.toThrow();
    }
  });
});
