import { createBrowserRouter, Navigate } from 'react-router-dom';
import { AcceptInvitePage } from './features/auth/accept-invite-page';
import { ForgotPasswordPage } from './features/auth/forgot-password-page';
import { RequireSession } from './features/auth/require-session';
import { ResetPasswordPage } from './features/auth/reset-password-page';
import { SignInPage } from './features/auth/sign-in-page';
import { AuditPage } from './features/audit/audit-page';
import { ChannelsPage } from './features/channels/channels-page';
import { MastodonCallbackPage } from './features/channels/mastodon-callback-page';
import { LocationsPage } from './features/locations/locations-page';
import { MembersPage } from './features/members/members-page';
import { OrganizationPage } from './features/org/organization-page';
import { ProfilePage } from './features/profile/profile-page';
import { TwoFactorRequiredPage } from './features/profile/two-factor-required-page';
import { SetupPage } from './features/setup/setup-page';
import { AppLayout } from './features/shell/app-layout';
import { DashboardPage } from './features/shell/dashboard-page';
import { FullPageLoader } from './features/shell/full-page-loader';
import { NotFoundPage } from './features/shell/not-found-page';
import { RootGate } from './features/shell/root-gate';
import { paths } from './paths';
import { consentRoutes, publicConsentRoutes } from './features/consents/consent-routes';
import { calendarRoutes } from './features/calendar/calendar-routes';
import { reputationDashboardRoutes } from './features/reputation-dashboard/reputation-dashboard-routes';
import { reputationSettingsRoutes } from './features/reputation-settings/reputation-settings-routes';

export const router = createBrowserRouter([
  {
    element: <RootGate />,
    hydrateFallbackElement: <FullPageLoader label="Loading Bedside…" />,
    children: [
      { path: paths.setup, element: <SetupPage /> },
      { path: paths.signIn, element: <SignInPage /> },
      { path: paths.forgotPassword, element: <ForgotPasswordPage /> },
      { path: paths.resetPassword, element: <ResetPasswordPage /> },
      { path: '/invite/:token', element: <AcceptInvitePage /> },
      ...publicConsentRoutes,
      {
        element: <RequireSession />,
        children: [
          { path: paths.twoFactorRequired, element: <TwoFactorRequiredPage /> },
          {
            element: <AppLayout />,
            children: [
              { index: true, element: <DashboardPage /> },
              {
                path: paths.checkText,
                lazy: async () => {
                  const { CheckTextPage } = await import('./features/guard/check-text-page');
                  return { Component: CheckTextPage };
                },
              },
              ...consentRoutes,
              ...calendarRoutes,
              ...reputationDashboardRoutes,
              ...reputationSettingsRoutes,
              {
                path: paths.inbox,
                lazy: async () => ({
                  Component: (await import('./features/inbox/inbox-page')).InboxPage,
                }),
              },
              {
                path: paths.compose,
                lazy: async () => ({
                  Component: (await import('./features/compose/compose-page')).ComposePage,
                }),
              },
              {
                path: '/compose/:postId',
                lazy: async () => ({
                  Component: (await import('./features/compose/compose-page')).ComposePage,
                }),
              },
              {
                path: paths.posts,
                lazy: async () => ({
                  Component: (await import('./features/compose/posts-page')).PostsPage,
                }),
              },
              {
                path: '/posts/:postId',
                lazy: async () => ({
                  Component: (await import('./features/compose/post-page')).PostPage,
                }),
              },
              {
                path: paths.publishing,
                lazy: async () => ({
                  Component: (await import('./features/compose/publishing-settings-page'))
                    .PublishingSettingsPage,
                }),
              },
              { path: '/settings', element: <Navigate to={paths.organization} replace /> },
              { path: paths.organization, element: <OrganizationPage /> },
              { path: paths.locations, element: <LocationsPage /> },
              { path: paths.channels, element: <ChannelsPage /> },
              { path: paths.mastodonCallback, element: <MastodonCallbackPage /> },
              {
                path: paths.blueskyCallback,
                lazy: async () => ({
                  Component: (await import('./features/channels/bluesky-callback-page'))
                    .BlueskyCallbackPage,
                }),
              },
              {
                path: paths.networkCallback,
                lazy: async () => ({
                  Component: (await import('./features/channels/network-callback-page'))
                    .NetworkCallbackPage,
                }),
              },
              { path: paths.members, element: <MembersPage /> },
              { path: paths.audit, element: <AuditPage /> },
              { path: paths.profile, element: <ProfilePage /> },
              {
                path: paths.providers,
                lazy: async () => {
                  const { ProvidersPage } = await import('./features/providers/providers-page');
                  return { Component: ProvidersPage };
                },
              },
              { path: '*', element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
]);
