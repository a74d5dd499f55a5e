import { resolveAssetType } from './aliases';

describe('resolveAssetType', () => {
  it('reads vocabulary words and default aliases trimmed and in any case', () => {
    expect(resolveAssetType('dataset')).toBe('dataset');
    expect(resolveAssetType(' Jupyter ')).toBe('notebook');
    expect(resolveAssetType('AI-Model')).toBe('ml-model');
  });

  it('gives undefined for anything else', () => {
    expect(resolveAssetType('datasets')).toBeUndefined();
    expect(resolveAssetType('pipeline')).toBeUndefined();
    expect(resolveAssetType(42)).toBeUndefined();
    expect(resolveAssetType(undefined)).toBeUndefined();
    expect(resolveAssetType('x'.repeat(201))).toBeUndefined();
  });

  it('takes extra aliases to vocabulary words only', () => {
    expect(resolveAssetType('tabular', { Tabular: 'Dataset' })).toBe('dataset');
    expect(resolveAssetType('tabular', { tabular: 'table' })).toBeUndefined();
    expect(resolveAssetType('tabular')).toBeUndefined();
  });
});
