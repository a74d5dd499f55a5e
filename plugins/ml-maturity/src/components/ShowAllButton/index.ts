export { ShowAllButton } from './ShowAllButton';
