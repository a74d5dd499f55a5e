export {
  consecutiveRuns,
  daysRecorded,
  DayLabels,
  dayTime,
  GapNote,
  NoHistory,
  OneDayNote,
} from './HistoryChartParts';
