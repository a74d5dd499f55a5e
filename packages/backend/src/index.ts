/*
 * A lean Backstage backend for trying the ML maturity plugins: the catalog,
 * guest sign-in, the permission framework with an example policy for the ML
 * maturity permissions, the app (serves the built frontend) and our plugin.
 */
import { createBackend } from '@backstage/backend-defaults';
import { exitOnStartupFailure } from './exitOnStartupFailure';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./permissionPolicy'));

backend.add(import('@aiml-service-kits/plugin-ml-maturity-backend'));

exitOnStartupFailure(backend.start());
