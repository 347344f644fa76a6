import { createContext, useContext } from 'react';
import type { Membership } from '../../api/types';

export interface CurrentOrg extends Membership {
  switchTo: (orgId: string) => void;
}

export const CurrentOrgContext = createContext<CurrentOrg | undefined>(undefined);

/** The organization the user is working in; only available inside the signed-in shell. */
export function useCurrentOrg(): CurrentOrg {
  const value = useContext(CurrentOrgContext);
  if (!value) throw new Error('useCurrentOrg must be used inside the signed-in app shell');
  return value;
}

const storageKey = 'bedside.currentOrg';

/** Picks the remembered organization when the user still belongs to it, else the first one. */
export function pickMembership(memberships: Membership[], remembered: string | null) {
  return memberships.find((m) => m.orgId === remembered) ?? memberships[0];
}

export function rememberedOrgId(): string | null {
  try {
    return window.localStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

export function rememberOrgId(orgId: string): void {
  try {
    window.localStorage.setItem(storageKey, orgId);
  } catch {
    // Private mode: the choice simply lasts for this page.
  }
}
