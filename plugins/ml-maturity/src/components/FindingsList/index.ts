export { FindingsList } from './FindingsList';
