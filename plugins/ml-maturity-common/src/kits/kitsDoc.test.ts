import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_KITS } from './defaultKits';
import type { KitRule } from '../types';

/**
 * docs/kits.md lists every default item with its title, `via` and filter:
 * the tables must say what the data says.
 */
const DOC = path.resolve(__dirname, '../../../../docs/kits.md');

function docRows(): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const line of fs.readFileSync(DOC, 'utf8').split('\n')) {
    const cells = line.split('|').map(cell => cell.trim());
    const id = /^`([a-z]+\.[a-z]+\.[a-z0-9-]+)`$/.exec(cells[1] ?? '')?.[1];
    if (id) {
      if (rows.has(id)) throw new Error(`docs/kits.md lists ${id} twice`);
      rows.set(id, cells.slice(2, 5));
    }
  }
  return rows;
}

function filterText(rule: KitRule): string {
  return [rule, ...(rule.allOf ?? [])]
    .map(r => `\`${JSON.stringify(r.filter)}\``)
    .join(' AND ')
    .replace(/` AND `/g, ' AND ');
}

describe('docs/kits.md', () => {
  it('needs no more columns: no default rule has a min above 1 or an allOf reached another way', () => {
    // The tables show neither `min` nor the `via` of `allOf` rules; a
    // default rule that needs them needs a column first.
    for (const item of DEFAULT_KITS.flatMap(kit => kit.items)) {
      for (const rule of item.rule
        ? [item.rule, ...(item.rule.allOf ?? [])]
        : []) {
        expect({ id: item.id, min: rule.min ?? 1, via: rule.via }).toEqual({
          id: item.id,
          min: 1,
          via: item.rule!.via,
        });
      }
    }
  });

  it('lists every default item with its title, via and filter', () => {
    const rows = docRows();
    const items = DEFAULT_KITS.flatMap(kit => kit.items);
    expect([...rows.keys()].sort()).toEqual(items.map(i => i.id).sort());
    for (const item of items) {
      expect({ id: item.id, row: rows.get(item.id) }).toEqual({
        id: item.id,
        row: item.rule
          ? [item.title, item.rule.via, filterText(item.rule)]
          : [item.title, 'attestation', '—'],
      });
    }
  });
});
