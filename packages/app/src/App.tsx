import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import orgPlugin from '@backstage/plugin-org/alpha';
import mlMaturityPlugin from '@aiml-service-kits/plugin-ml-maturity/alpha';
import { navModule } from './modules/nav';
import { signInModule } from './modules/signIn';

export default createApp({
  features: [
    catalogPlugin,
    orgPlugin,
    mlMaturityPlugin,
    navModule,
    signInModule,
  ],
});
