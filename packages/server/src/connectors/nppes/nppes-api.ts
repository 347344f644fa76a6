import { AppError } from '../../errors.js';
import type { NppesRecord } from '../../domain/providers/nppes-csv.js';
import { fetchWithTimeout, isTimeout } from '../http/fetch-with-timeout.js';

/**
 * The NPPES NPI Registry API (version 2.1), one NPI per request. Off unless BEDSIDE_NPPES_API_URL
 * is set (https://npiregistry.cms.hhs.gov/api/ in production); the file import needs no network.
 */
export interface NppesApi {
  lookup(npis: readonly string[]): Promise<NppesRecord[]>;
}

interface ApiResult {
  number?: string;
  enumeration_type?: string;
  basic?: { first_name?: string; last_name?: string; credential?: string; status?: string };
  addresses?: {
    address_purpose?: string;
    address_1?: string;
    city?: string;
    state?: string;
    postal_code?: string;
    telephone_number?: string;
  }[];
  taxonomies?: {
    code?: string;
    primary?: boolean;
    state?: string | null;
    license?: string | null;
  }[];
}

const unavailable = (why: string) =>
  new AppError(
    'unavailable',
    `The NPPES registry could not be reached: ${why}. Try again, or import the data file.`,
  );

export function createNppesApi(options: {
  baseUrl: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}): NppesApi {
  const get = fetchWithTimeout(options.timeoutMs ?? 10_000, options.fetch);
  return {
    async lookup(npis) {
      const records: NppesRecord[] = [];
      for (const [index, npi] of npis.entries()) {
        const url = new URL(options.baseUrl);
        url.searchParams.set('version', '2.1');
        url.searchParams.set('number', npi);
        let body: { results?: ApiResult[]; Errors?: { description?: string }[] };
        try {
          const res = await get(url, { headers: { accept: 'application/json' } });
          if (!res.ok) throw unavailable(`HTTP ${res.status}`);
          body = (await res.json()) as typeof body;
        } catch (error) {
          if (error instanceof AppError) throw error;
          throw unavailable(
            isTimeout(error) ? 'it did not answer in time' : 'the connection failed',
          );
        }
        if (body.Errors?.length)
          throw unavailable(String(body.Errors[0]?.description ?? 'an error').slice(0, 200));
        const result = body.results?.find((r) => r.number === npi);
        if (!result || result.enumeration_type !== 'NPI-1') continue;
        records.push(toRecord(result, index + 1));
      }
      return records;
    },
  };
}

function toRecord(r: ApiResult, line: number): NppesRecord {
  const location = r.addresses?.find((a) => a.address_purpose === 'LOCATION');
  const taxonomies = (r.taxonomies ?? [])
    .filter((t) => t.code)
    .map((t) => ({ code: t.code!, primary: t.primary === true }));
  const licences = (r.taxonomies ?? [])
    .filter((t) => t.license && t.state && /^[A-Z]{2}$/.test(t.state))
    .map((t) => ({ state: t.state!, number: t.license!.slice(0, 40) }))
    .filter(
      (l, i, all) => all.findIndex((o) => o.state === l.state && o.number === l.number) === i,
    );
  const title = (s: string | undefined) =>
    (s ?? '')
      .toLowerCase()
      .replace(/(^|[\s'-])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
  return {
    line,
    npi: r.number!,
    firstName: title(r.basic?.first_name),
    lastName: title(r.basic?.last_name),
    credentials: (r.basic?.credential ?? '').replace(/\./g, '').slice(0, 40),
    deactivated: r.basic?.status === 'D',
    taxonomies,
    licences,
    practiceAddress: {
      line1: location?.address_1 ?? '',
      city: location?.city ?? '',
      state: location?.state ?? '',
      zip: location?.postal_code ?? '',
      phone: location?.telephone_number ?? '',
    },
  };
}
