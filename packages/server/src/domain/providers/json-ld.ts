import type { LocationRow } from '../../db/schema.js';
import { photoUrl } from './photo-url.js';
import type { PublicPageData } from './public-page-data.js';
import type { ProviderView } from './provider-views.js';
import type { RatingSummary } from './rating-summary.js';
import { taxonomyName } from './taxonomy.js';

/** Credentials of clinicians schema.org calls a Physician; the others are described as a Person. */
const PHYSICIAN_CREDENTIALS = /\b(MD|DO|DDS|DMD|DPM|OD|MBBS)\b/;

export function postalAddress(l: LocationRow): Record<string, string> {
  return {
    '@type': 'PostalAddress',
    streetAddress: l.address,
    addressLocality: l.city,
    addressRegion: l.state,
    postalCode: l.zip,
    addressCountry: 'US',
  };
}

function aggregateRating(r: RatingSummary | null | undefined): Record<string, unknown> | undefined {
  if (!r || r.reviewCount <= 0) return undefined;
  return {
    '@type': 'AggregateRating',
    ratingValue: Number(r.ratingValue.toFixed(1)),
    reviewCount: r.reviewCount,
    bestRating: 5,
    worstRating: 1,
  };
}

export function practiceJsonLd(
  data: PublicPageData,
  urls: { practice: string; provider: (p: ProviderView) => string },
): Record<string, unknown> {
  const first = data.locations[0];
  return {
    '@context': 'https://schema.org',
    '@type': 'MedicalOrganization',
    name: data.orgName,
    url: urls.practice,
    ...(data.page.description && { description: data.page.description }),
    ...(first && { telephone: first.phone, address: postalAddress(first) }),
    department: data.locations.map((l) => ({
      '@type': 'MedicalClinic',
      name: l.name,
      telephone: l.phone,
      address: postalAddress(l),
    })),
    member: data.providers.map((p) => ({
      '@type': providerType(p),
      name: p.displayName,
      url: urls.provider(p),
    })),
    ...(aggregateRating(data.practiceRating) && {
      aggregateRating: aggregateRating(data.practiceRating),
    }),
  };
}

export function providerType(p: ProviderView): 'Physician' | 'Person' {
  return PHYSICIAN_CREDENTIALS.test(p.credentials) ? 'Physician' : 'Person';
}

export function providerJsonLd(
  data: PublicPageData,
  p: ProviderView,
  urls: { practice: string; provider: string },
): Record<string, unknown> {
  const locations = data.locations.filter((l) => p.locationIds.includes(l.id));
  const place = locations[0] ?? data.locations[0];
  const type = providerType(p);
  const credentials = [
    ...p.boardCertifications.map((c) => ({
      '@type': 'EducationalOccupationalCredential',
      credentialCategory: 'Board certification',
      name: `${c.specialty} (${c.board})`,
      recognizedBy: { '@type': 'Organization', name: c.board },
      ...(c.expiresOn && { validUntil: c.expiresOn }),
    })),
    ...p.licences.map((l) => ({
      '@type': 'EducationalOccupationalCredential',
      credentialCategory: 'license',
      name: `${l.state} licence ${l.number}`,
      recognizedBy: { '@type': 'State', name: l.state },
      ...(l.expiresOn && { validUntil: l.expiresOn }),
    })),
  ];
  const common = {
    '@context': 'https://schema.org',
    '@type': type,
    name: p.displayName,
    url: urls.provider,
    ...(p.bio && { description: p.bio }),
    ...(p.photo && { image: photoUrl(urls.practice, p.photo) }),
    ...(p.npi && { identifier: { '@type': 'PropertyValue', propertyID: 'NPI', value: p.npi } }),
    ...(credentials.length > 0 && { hasCredential: credentials }),
    ...(p.languages.length > 0 && { knowsLanguage: p.languages }),
    ...(p.education.length > 0 && {
      alumniOf: p.education.map((e) => ({
        '@type': 'EducationalOrganization',
        name: e.institution,
      })),
    }),
  };
  const specialties = p.taxonomies.map((t) => taxonomyName(t.code));
  if (type === 'Person')
    return {
      ...common,
      jobTitle: specialties[0] ?? p.credentials,
      ...(place && { address: postalAddress(place), telephone: place.phone }),
      worksFor: { '@type': 'MedicalOrganization', name: data.orgName, url: urls.practice },
    };
  return {
    ...common,
    ...(place && { address: postalAddress(place), telephone: place.phone }),
    ...(specialties.length > 0 && { medicalSpecialty: specialties }),
    isAcceptingNewPatients: p.acceptingNewPatients,
    ...(p.affiliations.length > 0 && {
      hospitalAffiliation: p.affiliations.map((name) => ({ '@type': 'Hospital', name })),
    }),
    parentOrganization: { '@type': 'MedicalOrganization', name: data.orgName, url: urls.practice },
    ...(aggregateRating(data.providerRatings.get(p.id)) && {
      aggregateRating: aggregateRating(data.providerRatings.get(p.id)),
    }),
  };
}
