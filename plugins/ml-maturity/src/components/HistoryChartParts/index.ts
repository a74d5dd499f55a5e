export { DayLabels, NoHistory, OneDayNote } from './HistoryChartParts';
