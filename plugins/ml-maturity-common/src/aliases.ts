import { ASSET_TYPES, AssetType } from './constants';

/**
 * Default spellings of asset types seen in public catalogs (spec §3), alias →
 * vocabulary word. A bare `pipeline` is deliberately absent: CI pipelines use it.
 * @public
 */
export const DEFAULT_ASSET_TYPE_ALIASES: Readonly<Record<string, AssetType>> =
  Object.freeze({
    'ai-model': 'ml-model',
    model: 'ml-model',
    mlmodel: 'ml-model',
    llm: 'ml-model',
    'llm-model': 'ml-model',
    'foundation-llm': 'ml-model',
    'embedding-model': 'ml-model',
    'model-server': 'ml-model',
    'ai-model-server': 'ml-model',
    'training-pipeline': 'ml-pipeline',
    'kubeflow-pipeline': 'ml-pipeline',
    'sagemaker-pipeline': 'ml-pipeline',
    'vertex-pipeline': 'ml-pipeline',
    'data-set': 'dataset',
    jupyter: 'notebook',
    'jupyter-notebook': 'notebook',
    featurestore: 'feature-store',
    'ml-workspace': 'ml-environment',
    'gpu-cluster': 'compute',
    'processing-cluster': 'compute',
  });

const VOCABULARY: ReadonlySet<string> = new Set(ASSET_TYPES);

/** True when the value is a vocabulary word. @public */
export function isAssetType(value: unknown): value is AssetType {
  return typeof value === 'string' && VOCABULARY.has(value);
}

/**
 * Turns raw values of `ml-maturity.io/asset` and `spec.type` into vocabulary
 * words: trimmed, case-insensitive, aliases first (defaults plus `extra`;
 * aliases whose target is not a vocabulary word are ignored). A class, not a
 * closure: each classification makes one, and the reading code, optimised
 * for the first one's call target, would be thrown away for the next.
 * @internal
 */
export class AssetTypeResolver {
  private readonly aliases = new Map<string, AssetType>();

  constructor(extra?: Readonly<Record<string, string>>) {
    for (const [alias, target] of Object.entries(DEFAULT_ASSET_TYPE_ALIASES)) {
      this.aliases.set(alias, target);
    }
    if (extra && typeof extra === 'object') {
      for (const [alias, target] of Object.entries(extra)) {
        const word =
          typeof target === 'string' ? target.trim().toLowerCase() : '';
        if (isAssetType(word)) {
          this.aliases.set(alias.trim().toLowerCase(), word);
        }
      }
    }
  }

  /** The vocabulary word of a raw value, or undefined. */
  resolve(value: string): AssetType | undefined {
    if (value.length > 200) {
      return undefined;
    }
    const key = value.trim().toLowerCase();
    const aliased = this.aliases.get(key);
    if (aliased) {
      return aliased;
    }
    return isAssetType(key) ? key : undefined;
  }
}

/**
 * The vocabulary word of one raw `ml-maturity.io/asset` or `spec.type`
 * value, as the classifier reads it (trimmed, case-insensitive, the default
 * aliases plus `extraAliases` first); undefined for anything else.
 * @public
 */
export function resolveAssetType(
  value: unknown,
  extraAliases?: Readonly<Record<string, string>>,
): AssetType | undefined {
  return typeof value === 'string'
    ? new AssetTypeResolver(extraAliases).resolve(value)
    : undefined;
}
