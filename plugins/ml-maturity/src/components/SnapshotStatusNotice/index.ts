export { SnapshotStatusNotice } from './SnapshotStatusNotice';
