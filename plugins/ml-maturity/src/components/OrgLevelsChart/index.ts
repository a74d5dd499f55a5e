export { OrgLevelsChart, describeOrgLevels } from './OrgLevelsChart';
