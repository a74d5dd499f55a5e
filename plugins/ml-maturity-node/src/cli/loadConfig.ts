import { promises as fs } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { AppConfig, ConfigReader, JsonObject } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  editDistance,
  KitDefinition,
  readMlMaturityConfig,
} from '@aiml-service-kits/plugin-ml-maturity-common';
import { parse } from 'yaml';

/** Kits and aliases in force for one CLI run. */
export interface CliMlMaturityConfig {
  kits: KitDefinition[];
  assetTypeAliases: Record<string, string>;
  /** What to tell the user on stderr: config files that change nothing. */
  notes: string[];
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Why a config file cannot be read, in one line: Node's errors without
 * their code and syscall, the YAML parser's without its code excerpt.
 */
function readErrorOf(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') {
    return 'it is a directory; give an app-config YAML file';
  }
  return messageOf(error).split('\n')[0].replace(/:$/, '');
}

const SECTION = 'mlMaturity';

/** Why a config file without an mlMaturity section may have been meant to have one. */
function sectionHint(data: Record<string, unknown>): string {
  for (const key of Object.keys(data)) {
    if (key.toLowerCase() === SECTION.toLowerCase()) {
      return ` (it has ${key}: keys are case-sensitive)`;
    }
  }
  for (const key of Object.keys(data)) {
    if (editDistance(key.toLowerCase(), SECTION.toLowerCase(), 2) <= 2) {
      return ` (it has ${key}: did you mean ${SECTION}?)`;
    }
  }
  return '';
}

/**
 * The `mlMaturity` section of a config file as the backend reads it:
 * `$include`, `$file` and `$env` resolved (relative to the file's folder)
 * and `${VAR}` substituted from the environment, by Backstage's own config
 * loader. Only the section: the rest of an app-config may name secrets,
 * files and variables a machine running the CLI does not have.
 */
async function resolveSection(
  path: string,
  section: unknown,
): Promise<AppConfig> {
  // loaded only for a --config file: it takes longer to load than the
  // rest of the CLI's dependencies together
  const { FileConfigSource } =
    require('@backstage/config-loader') as typeof import('@backstage/config-loader');
  const source = FileConfigSource.create({
    path: resolvePath(path),
    watch: false,
    // the file was read and parsed already: only the section goes through
    parser: async () => ({ result: { [SECTION]: section } as JsonObject }),
  });
  try {
    for await (const { configs } of source.readConfigData()) {
      return { context: path, data: configs[0]?.data ?? {} };
    }
  } catch (error) {
    // "Failed to read config file at "<path>", failed to include ..."; an
    // included file's YAML error in one line, without its code excerpt, as
    // for the config file itself
    const message = messageOf(error)
      .replace(/^Failed to read config file at "[^"]*", /, '')
      .split('\n')[0]
      .replace(/:$/, '')
      .replace(
        /, YAMLParseError: Source contains multiple documents.*$/,
        ': it holds several YAML documents (separated by ---); an included file holds one',
      );
    throw new InputError(`Cannot read config file ${path}: ${message}`);
  }
  return { context: path, data: {} };
}

/**
 * Reads app-config style YAML files (later files override earlier ones, as
 * in Backstage) and validates their `mlMaturity` section. Within the
 * section, `$include`, `$file`, `$env` and `${VAR}` work as in the backend;
 * the rest of each file is not read.
 *
 * @throws InputError naming the config file(s) when a file cannot be read or
 *   the section is invalid.
 */
export async function loadMlMaturityConfig(
  paths: string[],
): Promise<CliMlMaturityConfig> {
  const configs: AppConfig[] = [];
  const notes: string[] = [];
  const changesNothing = (path: string, hint = '') =>
    notes.push(
      `config file ${path} has no ${SECTION} section, so it changes nothing${hint}`,
    );
  for (const path of paths) {
    let data: unknown;
    try {
      data = parse(await fs.readFile(path, 'utf8'), { maxAliasCount: 100 });
    } catch (error) {
      const message = messageOf(error);
      throw new InputError(
        /multiple documents/.test(message)
          ? `Config file ${path} holds several YAML documents (separated by ---); an app-config file holds one`
          : `Cannot read config file ${path}: ${readErrorOf(error)}`,
      );
    }
    if (data === null || data === undefined) {
      changesNothing(path);
      continue;
    }
    if (typeof data !== 'object' || Array.isArray(data)) {
      throw new InputError(
        `Config file ${path} must hold a YAML mapping at the root`,
      );
    }
    if (!(SECTION in data)) {
      changesNothing(path, sectionHint(data as Record<string, unknown>));
      continue;
    }
    configs.push(
      await resolveSection(path, (data as Record<string, unknown>)[SECTION]),
    );
  }
  try {
    const { kits, assetTypeAliases } = readMlMaturityConfig(
      ConfigReader.fromConfigs(configs),
    );
    return {
      kits: [...kits],
      assetTypeAliases: { ...assetTypeAliases },
      notes,
    };
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
