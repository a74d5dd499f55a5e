export { RefreshNow } from './RefreshNow';
export { RefreshedStatus } from './RefreshedStatus';
