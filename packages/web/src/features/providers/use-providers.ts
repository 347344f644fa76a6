import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { providerEndpoints as ep } from '../../api/providers';

const keys = {
  all: (orgId: string) => ['providers', orgId] as const,
  list: (orgId: string) => ['providers', orgId, 'list'] as const,
  changes: (orgId: string) => ['providers', orgId, 'changes'] as const,
  publications: (orgId: string, providerId: string) =>
    ['providers', orgId, 'publications', providerId] as const,
  page: (orgId: string) => ['providers', orgId, 'page'] as const,
  listings: (orgId: string) => ['providers', orgId, 'listings'] as const,
};

export function useProviders(orgId: string) {
  return useQuery({
    queryKey: keys.list(orgId),
    queryFn: ({ signal }) => ep.list(orgId, signal),
    select: (d) => d.providers,
  });
}

export function useProviderChanges(orgId: string) {
  return useQuery({
    queryKey: keys.changes(orgId),
    queryFn: ({ signal }) => ep.changes(orgId, signal),
    select: (d) => d.changes,
  });
}

export function usePublications(orgId: string, providerId: string) {
  return useQuery({
    queryKey: keys.publications(orgId, providerId),
    queryFn: ({ signal }) => ep.publications(orgId, providerId, signal),
    select: (d) => d.publications,
  });
}

export function usePublicPage(orgId: string) {
  return useQuery({
    queryKey: keys.page(orgId),
    queryFn: ({ signal }) => ep.publicPage(orgId, signal),
  });
}

export function useListings(orgId: string) {
  return useQuery({
    queryKey: keys.listings(orgId),
    queryFn: ({ signal }) => ep.listings(orgId, signal),
    select: (d) => d.listings,
  });
}

/** Every write refreshes everything under the organization's providers key. */
export function useProviderMutations(orgId: string) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: keys.all(orgId) });
  return {
    update: useMutation({
      mutationFn: (v: { providerId: string; changes: Parameters<typeof ep.update>[2] }) =>
        ep.update(orgId, v.providerId, v.changes),
      onSuccess: refresh,
    }),
    uploadPhoto: useMutation({
      mutationFn: (v: { providerId: string; file: File; altText: string }) =>
        ep.uploadPhoto(orgId, v),
      onSuccess: refresh,
    }),
    importListings: useMutation({
      mutationFn: (input: Parameters<typeof ep.importListings>[1]) =>
        ep.importListings(orgId, input),
      onSuccess: (report) => (report.applied ? refresh() : undefined),
    }),
    decide: useMutation({
      mutationFn: (v: { changeId: string; approve: boolean }) =>
        ep.decide(orgId, v.changeId, v.approve),
      onSuccess: refresh,
    }),
    importNppes: useMutation({
      mutationFn: (input: Parameters<typeof ep.importNppes>[1]) => ep.importNppes(orgId, input),
      onSuccess: refresh,
    }),
    importPubmed: useMutation({
      mutationFn: (input: Parameters<typeof ep.importPubmed>[1]) => ep.importPubmed(orgId, input),
      onSuccess: refresh,
    }),
    decidePublication: useMutation({
      mutationFn: (v: { providerId: string; publicationId: string; confirm: boolean }) =>
        ep.decidePublication(orgId, v, v.confirm),
      onSuccess: refresh,
    }),
    share: useMutation({
      mutationFn: (v: { providerId: string; event: Parameters<typeof ep.share>[2] }) =>
        ep.share(orgId, v.providerId, v.event),
    }),
    addListing: useMutation({
      mutationFn: (input: Parameters<typeof ep.addListing>[1]) => ep.addListing(orgId, input),
      onSuccess: refresh,
    }),
    deleteListing: useMutation({
      mutationFn: (listingId: string) => ep.deleteListing(orgId, listingId),
      onSuccess: refresh,
    }),
    updatePage: useMutation({
      mutationFn: (input: Parameters<typeof ep.updatePublicPage>[1]) =>
        ep.updatePublicPage(orgId, input),
      onSuccess: refresh,
    }),
  };
}
