export {
  consecutiveRuns,
  DayLabels,
  GapNote,
  NoHistory,
  OneDayNote,
} from './HistoryChartParts';
