export { SideScroller } from './SideScroller';
