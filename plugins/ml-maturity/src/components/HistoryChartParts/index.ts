export {
  consecutiveRuns,
  daysRecorded,
  DayLabels,
  GapNote,
  NoHistory,
  OneDayNote,
} from './HistoryChartParts';
