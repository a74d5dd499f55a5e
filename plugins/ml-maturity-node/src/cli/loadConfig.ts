import { promises as fs } from 'node:fs';
import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  KitDefinition,
  readMlMaturityConfig,
} from '@aiml-service-kits/plugin-ml-maturity-common';
import { parse } from 'yaml';

/** Kits and aliases in force for one CLI run. */
export interface CliMlMaturityConfig {
  kits: KitDefinition[];
  assetTypeAliases: Record<string, string>;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Reads app-config style YAML files (later files override earlier ones, as
 * in Backstage) and validates their `mlMaturity` section. No `${VAR}`
 * substitution or `$include`: the CLI reads the files as they are.
 *
 * @throws InputError naming the config file(s) when a file cannot be read or
 *   the section is invalid.
 */
export async function loadMlMaturityConfig(
  paths: string[],
): Promise<CliMlMaturityConfig> {
  const configs = [];
  for (const path of paths) {
    let data: unknown;
    try {
      data = parse(await fs.readFile(path, 'utf8'), { maxAliasCount: 100 });
    } catch (error) {
      const message = messageOf(error);
      throw new InputError(
        /multiple documents/.test(message)
          ? `Config file ${path} holds several YAML documents (separated by ---); an app-config file holds one`
          : `Cannot read config file ${path}: ${message}`,
      );
    }
    if (data === null || data === undefined) {
      continue;
    }
    if (typeof data !== 'object' || Array.isArray(data)) {
      throw new InputError(
        `Config file ${path} must hold a YAML mapping at the root`,
      );
    }
    configs.push({ context: path, data: data as Record<string, any> });
  }
  try {
    const { kits, assetTypeAliases } = readMlMaturityConfig(
      ConfigReader.fromConfigs(configs),
    );
    return { kits: [...kits], assetTypeAliases: { ...assetTypeAliases } };
  } catch (error) {
    // "Invalid ML maturity config at <key>: ..." becomes
    // "Invalid ML maturity config in <files> at <key>: ..."
    const message = messageOf(error);
    const located = message.replace(/^Invalid ML maturity config /, '');
    throw new InputError(
      `Invalid ML maturity config in ${paths.join(', ')}${
        located === message ? ': ' : ' '
      }${located}`,
    );
  }
}
