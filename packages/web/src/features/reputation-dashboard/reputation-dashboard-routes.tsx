import { Navigate, type RouteObject } from 'react-router-dom';
import { paths } from '../../paths';

/**
 * Analytics. Reputation is its first (and so far only) report; `/analytics` opens it. The page is
 * loaded on first visit, so the charting library stays out of the main bundle.
 */
export const reputationDashboardRoutes: RouteObject[] = [
  { path: paths.analytics, element: <Navigate to={paths.analyticsReputation} replace /> },
  {
    path: paths.analyticsReputation,
    lazy: async () => ({
      Component: (await import('./reputation-dashboard-page')).ReputationDashboardPage,
    }),
  },
];
