export { LevelHistoryChart, describeLevelHistory } from './LevelHistoryChart';
