import fs from 'node:fs';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import {
  DEFAULT_KITS,
  readMlMaturityConfig,
} from '@aiml-service-kits/plugin-ml-maturity-common';
import { parse } from 'yaml';
import { readBackendSettings } from './config';

/**
 * Every `mlMaturity` example of docs/configuration.md starts a backend:
 * the backend's own settings (schedule, attestations, history) and the
 * kits and aliases are read as the plugin reads them at startup.
 */
const DOC = path.resolve(__dirname, '../../../../docs/configuration.md');

const examples = [
  ...fs.readFileSync(DOC, 'utf8').matchAll(/```yaml\n([^]*?)```/g),
]
  .map(match => parse(match[1]))
  .filter(data => data && typeof data === 'object' && 'mlMaturity' in data);

describe('docs/configuration.md examples', () => {
  it('are read by the backend at startup without an error', () => {
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const data of examples) {
      const config = new ConfigReader(data);
      expect(() => readBackendSettings(config)).not.toThrow();
      expect(() => readMlMaturityConfig(config)).not.toThrow();
    }
  });

  it('replace a default rule keeping the conditions they do not mention', () => {
    // "two reusable, curated datasets instead of one": the replacement
    // must still ask for every condition of the default rule
    const defaults = new Map(
      DEFAULT_KITS.flatMap(kit => kit.items).map(item => [item.id, item]),
    );
    const replaced = examples.flatMap(data =>
      (data.mlMaturity.kits?.items ?? []).filter(
        (item: any) => item.rule && defaults.get(item.id)?.rule,
      ),
    );
    expect(replaced.length).toBeGreaterThanOrEqual(1);
    for (const item of replaced) {
      const before: any = defaults.get(item.id)!.rule!.filter;
      const parts = (filter: any) => (filter.$all ? filter.$all : [filter]);
      expect(parts(item.rule.filter)).toEqual(
        expect.arrayContaining(parts(before)),
      );
    }
  });

  it('give the settings their comments state', () => {
    const full = examples.find(data => data.mlMaturity.schedule);
    expect(readBackendSettings(new ConfigReader(full))).toEqual({
      schedule: {
        frequency: { minutes: 30 },
        timeout: { minutes: 10 },
        initialDelay: { seconds: 15 },
      },
      validForDays: 365,
      retentionDays: 400,
    });
  });
});
