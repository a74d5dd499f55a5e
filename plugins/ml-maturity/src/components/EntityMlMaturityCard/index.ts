export { EntityMlMaturityCard } from './EntityMlMaturityCard';
export type { EntityMlMaturityCardProps } from './EntityMlMaturityCard';
