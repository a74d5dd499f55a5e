export { EmptyHint } from './EmptyHint';
