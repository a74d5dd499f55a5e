export { MlMaturityRoadmapPage } from './MlMaturityRoadmapPage';
export { RoadmapContent } from './RoadmapContent';
