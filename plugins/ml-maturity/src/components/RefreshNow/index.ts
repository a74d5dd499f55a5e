export { RefreshNow } from './RefreshNow';
