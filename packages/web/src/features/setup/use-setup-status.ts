import { useQuery } from '@tanstack/react-query';
import { endpoints } from '../../api/endpoints';
import { queryKeys } from '../../api/query-keys';

/** Whether the server still needs its first-run setup, and where mails go without SMTP. */
export function useSetupStatus() {
  return useQuery({
    queryKey: queryKeys.setup,
    queryFn: ({ signal }) => endpoints.setupStatus(signal),
    staleTime: 5 * 60_000,
  });
}
