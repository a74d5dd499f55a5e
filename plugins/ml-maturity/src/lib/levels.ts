import { LEVEL_NAMES } from '@aiml-service-kits/plugin-ml-maturity-common';

const ROMAN = ['I', 'II', 'III', 'IV', 'V'];

function clamp(level: number): number {
  return Math.min(5, Math.max(1, Math.trunc(level) || 1));
}

/** `L-III` for level 3. @internal */
export function levelCode(level: number): string {
  return `L-${ROMAN[clamp(level) - 1]}`;
}

/** `Systematic` for level 3. @internal */
export function levelNameOf(level: number): string {
  return LEVEL_NAMES[clamp(level) - 1];
}

/** `L-III Systematic` for level 3. @internal */
export function levelLabel(level: number): string {
  return `${levelCode(level)} ${levelNameOf(level)}`;
}

/** The five levels, 1..5. @internal */
export const LEVELS = [1, 2, 3, 4, 5] as const;
