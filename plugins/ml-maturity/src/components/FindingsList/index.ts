export { FindingsList, FINDINGS_SHOWN } from './FindingsList';
