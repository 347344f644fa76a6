import { useRef } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { QueryState } from '../../components/query-state';
import { paths } from '../../paths';
import { FullPageLoader } from '../shell/full-page-loader';
import { peekSignOutReason } from './sign-out-reason';
import { useSession } from './use-session';

/** Lets signed-in users through; sends everyone else to sign-in, remembering where they were. */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  const hadSession = useRef(false);

  if (session.isPending) return <FullPageLoader label="Checking your session…" />;
  if (session.error) {
    return (
      <QueryState query={session} label="your session">
        {() => null}
      </QueryState>
    );
  }
  if (!session.data) {
    const reason = peekSignOutReason() ?? (hadSession.current ? 'expired' : undefined);
    const params = new URLSearchParams();
    const here = location.pathname + location.search;
    if (here !== paths.home && reason !== 'signed-out') params.set('next', here);
    if (reason) params.set('reason', reason);
    const query = params.toString();
    return <Navigate to={`${paths.signIn}${query ? `?${query}` : ''}`} replace />;
  }
  hadSession.current = true;
  if (session.data.totpSetupRequired && location.pathname !== paths.twoFactorRequired) {
    return <Navigate to={paths.twoFactorRequired} replace />;
  }
  return <Outlet context={session.data} />;
}
