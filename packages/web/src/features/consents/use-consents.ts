import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { consentsApi, type ConsentStatus } from '../../api/consents';

const keys = {
  all: (orgId: string) => ['consents', orgId] as const,
  list: (orgId: string, filters: { query?: string; status?: ConsentStatus }) =>
    ['consents', orgId, 'list', filters] as const,
  detail: (orgId: string, id: string) => ['consents', orgId, 'detail', id] as const,
  template: (orgId: string) => ['consents', orgId, 'template'] as const,
};

export function useConsents(orgId: string, filters: { query?: string; status?: ConsentStatus }) {
  return useQuery({
    queryKey: keys.list(orgId, filters),
    queryFn: ({ signal }) => consentsApi.list(orgId, filters, signal),
    select: (data) => data.authorizations,
  });
}

export function useConsent(orgId: string, id: string) {
  return useQuery({
    queryKey: keys.detail(orgId, id),
    queryFn: ({ signal }) => consentsApi.detail(orgId, id, signal),
  });
}

export function useConsentTemplate(orgId: string) {
  return useQuery({
    queryKey: keys.template(orgId),
    queryFn: ({ signal }) => consentsApi.template(orgId, signal),
  });
}

/** Every change refreshes the whole consents area (lists and details). */
export function useConsentMutations(orgId: string) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: keys.all(orgId) });
  return {
    request: useMutation({
      mutationFn: (input: Parameters<typeof consentsApi.request>[1]) =>
        consentsApi.request(orgId, input),
      onSuccess: refresh,
    }),
    paper: useMutation({
      mutationFn: (input: Parameters<typeof consentsApi.paper>[1]) =>
        consentsApi.paper(orgId, input),
      onSuccess: refresh,
    }),
    revoke: useMutation({
      mutationFn: (id: string) => consentsApi.revoke(orgId, id),
      onSettled: refresh,
    }),
    expiryEvent: useMutation({
      mutationFn: (id: string) => consentsApi.expiryEvent(orgId, id),
      onSettled: refresh,
    }),
    resend: useMutation({
      mutationFn: (input: { id: string; mode: 'email' | 'tablet' }) =>
        consentsApi.resend(orgId, input.id, input.mode),
      onSuccess: refresh,
    }),
    resolveTakedown: useMutation({
      mutationFn: (itemId: string) => consentsApi.resolveTakedown(orgId, itemId),
      onSettled: refresh,
    }),
    saveTemplate: useMutation({
      mutationFn: (input: Parameters<typeof consentsApi.saveTemplate>[1]) =>
        consentsApi.saveTemplate(orgId, input),
      onSuccess: refresh,
    }),
  };
}
