import type { RouteObject } from 'react-router-dom';
import { consentPaths } from './consent-paths';

/** The staff pages, inside the signed-in shell; loaded on first visit. */
export const consentRoutes: RouteObject[] = [
  {
    path: consentPaths.list,
    lazy: async () => ({ Component: (await import('./consents-page')).ConsentsPage }),
  },
  {
    path: consentPaths.new,
    lazy: async () => ({ Component: (await import('./request-consent-page')).RequestConsentPage }),
  },
  {
    path: consentPaths.paper,
    lazy: async () => ({ Component: (await import('./paper-page')).PaperPage }),
  },
  {
    path: consentPaths.template,
    lazy: async () => ({ Component: (await import('./template-page')).TemplatePage }),
  },
  {
    path: '/consents/:id',
    lazy: async () => ({ Component: (await import('./consent-detail-page')).ConsentDetailPage }),
  },
];

/** The patient's pages: no sign-in, nothing of the app around them. */
export const publicConsentRoutes: RouteObject[] = [
  {
    path: '/sign/:token',
    lazy: async () => ({ Component: (await import('./sign-page')).SignPage }),
  },
  {
    path: '/revoke/:token',
    lazy: async () => ({ Component: (await import('./revoke-page')).RevokePage }),
  },
];
