import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { parseCatalogYaml } from './parseCatalogYaml';
import { ReadCatalogFilesResult, ReadError } from './types';

/**
 * Files larger than this are skipped: no catalog file is that big.
 * @internal
 */
export const MAX_CATALOG_FILE_BYTES = 10 * 1024 * 1024;

const YAML_FILE = /\.ya?ml$/i;

/** Options of {@link readCatalogFiles}. @public */
export interface ReadCatalogFilesOptions {
  /** Files (read whatever their extension) and directories (searched recursively for `*.yaml` and `*.yml`). */
  paths: string[];
}

function errorMessage(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  if (code === 'ENOENT') {
    return 'no such file or directory';
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return 'permission denied';
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Lists the YAML files under a directory, depth first in name order (so the
 * result does not depend on the file system's order), skipping
 * `node_modules` and dot directories.
 */
async function listYamlFiles(
  dir: string,
  errors: ReadError[],
): Promise<string[]> {
  let dirents;
  try {
    dirents = await fs.readdir(dir, { withFileTypes: true });
  } catch (error) {
    errors.push({
      file: dir,
      reason: `cannot read directory: ${errorMessage(error)}`,
    });
    return [];
  }
  // Names in a directory are unique; code-unit order, not the locale's.
  dirents.sort((a, b) => (a.name < b.name ? -1 : 1));
  const files: string[] = [];
  for (const dirent of dirents) {
    const path = join(dir, dirent.name);
    if (dirent.isDirectory()) {
      if (dirent.name !== 'node_modules' && !dirent.name.startsWith('.')) {
        files.push(...(await listYamlFiles(path, errors)));
      }
    } else if (
      (dirent.isFile() || dirent.isSymbolicLink()) &&
      YAML_FILE.test(dirent.name)
    ) {
      files.push(path);
    }
  }
  return files;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** How many leading bytes decide whether a file is binary. */
const BINARY_SNIFF_BYTES = 8192;

/**
 * Whether the bytes look like a binary file (an executable, an image, an
 * archive) rather than text: control characters other than tab, line
 * breaks and form feed, or NULs that are not the every-other-byte NULs of
 * ASCII text in UTF-16.
 */
function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, BINARY_SNIFF_BYTES);
  const nulsAt = [0, 0];
  for (let i = 0; i < end; i++) {
    const byte = bytes[i];
    if (byte === 0) {
      nulsAt[i % 2] += 1;
    } else if (
      byte < 0x20 &&
      byte !== 0x09 &&
      byte !== 0x0a &&
      byte !== 0x0c &&
      byte !== 0x0d
    ) {
      return true;
    }
  }
  return nulsAt[0] > 0 && nulsAt[1] > 0;
}

/**
 * The file's text, or why it is not UTF-8 (as the catalog reads YAML): a
 * UTF-16 file or Latin-1 bytes would otherwise turn into odd names.
 */
function decodeUtf8(bytes: Uint8Array): string | { error: string } {
  if (
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) ||
      (bytes[0] === 0xfe && bytes[1] === 0xff))
  ) {
    return {
      error: 'the file is UTF-16 text; save it as UTF-8, as catalog files are',
    };
  }
  if (looksBinary(bytes)) {
    return {
      error:
        'a binary file, not YAML text: pass catalog YAML files or the directories that hold them',
    };
  }
  try {
    const text = UTF8.decode(bytes);
    if (text.includes('\u0000')) {
      return {
        error:
          'the file holds NUL characters (UTF-16 without a byte-order mark?); save it as UTF-8, as catalog files are',
      };
    }
    return text;
  } catch {
    return {
      error:
        'the file is not valid UTF-8 (Latin-1, UTF-16 or another encoding?); save it as UTF-8, as catalog files are',
    };
  }
}

/**
 * Reads catalog entities from YAML files and directories. It never throws on
 * bad input: paths that cannot be read are in `errors`, documents that are
 * not entities (templates, YAML errors, non-Backstage documents) in
 * `skipped`. A file reached twice (listed twice, or inside a listed
 * directory too) is read once.
 *
 * @public
 */
export async function readCatalogFiles(
  options: ReadCatalogFilesOptions,
): Promise<ReadCatalogFilesResult> {
  const result: ReadCatalogFilesResult = {
    entities: [],
    sources: [],
    skipped: [],
    errors: [],
    filesRead: 0,
  };

  const files: string[] = [];
  for (const path of options.paths) {
    try {
      const stat = await fs.stat(path);
      if (stat.isDirectory()) {
        files.push(...(await listYamlFiles(path, result.errors)));
      } else {
        files.push(path);
      }
    } catch (error) {
      result.errors.push({ file: path, reason: errorMessage(error) });
    }
  }

  const seen = new Set<string>();
  for (const file of files) {
    try {
      const realPath = await fs.realpath(file);
      if (seen.has(realPath)) {
        continue;
      }
      seen.add(realPath);
      const stat = await fs.stat(realPath);
      if (!stat.isFile()) {
        result.errors.push({ file, reason: 'not a regular file' });
        continue;
      }
      if (stat.size > MAX_CATALOG_FILE_BYTES) {
        result.errors.push({
          file,
          reason: `file is ${(stat.size / 1024 / 1024).toFixed(
            1,
          )} MB, larger than the ${
            MAX_CATALOG_FILE_BYTES / 1024 / 1024
          } MB limit; skipped`,
        });
        continue;
      }
      const text = decodeUtf8(await fs.readFile(realPath));
      if (typeof text !== 'string') {
        result.errors.push({ file, reason: text.error });
        continue;
      }
      const parsed = parseCatalogYaml(text, file);
      result.filesRead += 1;
      // No spread: a file may hold more documents than a call takes arguments.
      for (let i = 0; i < parsed.entities.length; i++) {
        result.entities.push(parsed.entities[i]);
        result.sources.push(parsed.sources[i]);
      }
      for (const skipped of parsed.skipped) {
        result.skipped.push(skipped);
      }
    } catch (error) {
      result.errors.push({
        file,
        reason: `cannot read file: ${errorMessage(error)}`,
      });
    }
  }
  return result;
}
