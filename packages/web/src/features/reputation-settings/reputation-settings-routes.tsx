import type { RouteObject } from 'react-router-dom';
import { paths } from '../../paths';

/** Settings → Reviews & alerts, loaded on first visit. */
export const reputationSettingsRoutes: RouteObject[] = [
  {
    path: paths.reputationSettings,
    lazy: async () => ({
      Component: (await import('./reputation-settings-page')).ReputationSettingsPage,
    }),
  },
];
