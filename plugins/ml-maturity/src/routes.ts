import { createRouteRef } from '@backstage/core-plugin-api';

/** Route of the roadmap page. @public */
export const rootRouteRef = createRouteRef({ id: 'ml-maturity' });
