import type { FastifyPluginAsync } from 'fastify';
import type { AppServices } from '../services.js';
import { auditRoutes } from './audit.js';
import { channelRoutes } from './channels.js';
import { dispatchRoutes } from './dispatch.js';
import { consentRoutes } from './consents.js';
import { dashboardRoutes } from './dashboard.js';
import { authRoutes } from './auth.js';
import { guardRoutes } from './guard.js';
import { mediaRoutes } from './media.js';
import { publicMediaRoutes } from './public-media.js';
import { postRoutes } from './posts.js';
import { practicePageRoutes } from './practice-page.js';
import { providerImportRoutes } from './provider-imports.js';
import { providerListingRoutes } from './provider-listings.js';
import { providerPhotoRoutes } from './provider-photo.js';
import { providerRoutes } from './providers.js';
import { healthRoutes } from './health.js';
import { invitationRoutes } from './invitations.js';
import { locationRoutes } from './locations.js';
import { memberRoutes } from './members.js';
import { notificationRoutes } from './notifications.js';
import { meRoutes } from './me.js';
import { orgRoutes } from './orgs.js';
import { reputationDashboardRoutes } from './reputation-dashboard.js';
import { setupRoutes } from './setup.js';
import { reputationRoutes } from './reputation.js';
import { reputationSourceRoutes } from './reputation-sources.js';
import { reputationWebhookRoutes } from './reputation-webhooks.js';

/** Every API route, under /api. Each file registers one resource. */
export function registerRoutes(services: AppServices): FastifyPluginAsync {
  return async (app) => {
    for (const routes of [
      healthRoutes,
      setupRoutes,
      authRoutes,
      meRoutes,
      orgRoutes,
      dashboardRoutes,
      locationRoutes,
      channelRoutes,
      dispatchRoutes,
      memberRoutes,
      invitationRoutes,
      auditRoutes,
      guardRoutes,
      postRoutes,
      mediaRoutes,
      publicMediaRoutes,
      providerRoutes,
      providerImportRoutes,
      providerListingRoutes,
      providerPhotoRoutes,
      practicePageRoutes,
      consentRoutes,
      notificationRoutes,
      reputationDashboardRoutes,
      reputationRoutes,
      reputationSourceRoutes,
      reputationWebhookRoutes,
    ]) {
      await app.register(routes(services));
    }
  };
}
