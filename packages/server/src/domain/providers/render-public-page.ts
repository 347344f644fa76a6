import type { LocationRow } from '../../db/schema.js';
import { esc, jsonForScript, safeUrl } from './html.js';
import { practiceJsonLd, providerJsonLd } from './json-ld.js';
import { photoUrl } from './photo-url.js';
import type { ProviderView } from './provider-views.js';
import type { PublicPageData } from './public-page-data.js';
import type { RatingSummary } from './rating-summary.js';
import { taxonomyName } from './taxonomy.js';

/** System fonts only and no external files: the page makes no request to anyone but Bedside. */
const STYLE = `*{box-sizing:border-box}body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b2430;background:#f6f8fa}
a{color:#0b5cad}a:focus-visible,.btn:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:1}
header{background:#0f3d64;color:#fff;padding:20px 16px}header>div{max-width:860px;margin:0 auto;padding:0 16px}header a{color:#fff}header p{margin:4px 0 0;color:#dbe7f3}
main{max-width:860px;margin:0 auto;padding:16px}h1{margin:0;font-size:1.8rem}h2{font-size:1.25rem;margin:28px 0 8px}
.card{background:#fff;border:1px solid #d8dee4;border-radius:8px;padding:16px;margin:12px 0}.card h3{margin:0 0 8px}
.grid{display:grid;gap:12px;grid-template-columns:repeat(auto-fill,minmax(240px,1fr))}
.btn{display:inline-block;background:#0b5cad;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none;font-weight:600}
.tags{display:flex;flex-wrap:wrap;gap:6px;padding:0;list-style:none}.tags li{background:#e7f0fa;border-radius:12px;padding:2px 10px;font-size:.9rem}
.muted{color:#4b5563}ol.bib li{margin-bottom:8px}footer{max-width:860px;margin:24px auto;padding:0 16px 24px;color:#4b5563;font-size:.9rem}
address{font-style:normal}.intro{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}.intro>div{flex:1 1 260px}
.photo{width:160px;height:auto;border-radius:8px;border:1px solid #d8dee4;background:#fff}`;

export interface PageUrls {
  base: string;
  practice: string;
  provider: (p: ProviderView) => string;
}

function layout(options: {
  title: string;
  description: string;
  url: string;
  ogType: string;
  jsonLd: unknown;
  /** The Open Graph image (the provider's photo). */
  image?: { url: string; alt: string; width: number; height: number } | null;
  heading: string;
  sub: string;
  body: string;
}): string {
  const o = options;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(o.title)}</title><meta name="description" content="${esc(o.description)}"><link rel="canonical" href="${esc(o.url)}">
<meta property="og:type" content="${o.ogType}"><meta property="og:title" content="${esc(o.title)}"><meta property="og:description" content="${esc(o.description)}"><meta property="og:url" content="${esc(o.url)}">${o.image ? `<meta property="og:image" content="${esc(o.image.url)}"><meta property="og:image:alt" content="${esc(o.image.alt)}"><meta property="og:image:width" content="${o.image.width}"><meta property="og:image:height" content="${o.image.height}">` : ''}<meta name="twitter:card" content="summary">
<meta name="referrer" content="no-referrer"><style>${STYLE}</style>
<script type="application/ld+json">${jsonForScript(o.jsonLd)}</script></head>
<body><a class="skip" href="#main">Skip to content</a><header><div><h1>${o.heading}</h1><p>${o.sub}</p></div></header>
<main id="main">${o.body}</main><footer><p>This page sets no cookies and loads nothing from other sites.</p></footer></body></html>`;
}

function addressBlock(l: LocationRow): string {
  return `<address>${esc(l.address)}<br>${esc(l.city)}, ${esc(l.state)} ${esc(l.zip)}<br>Phone: <a href="tel:${esc(l.phone.replace(/[^\d+]/g, ''))}">${esc(l.phone)}</a></address>`;
}

function ratingBlock(r: RatingSummary | null | undefined): string {
  if (!r || r.reviewCount <= 0) return '';
  return `<p class="rating">Rated <strong>${r.ratingValue.toFixed(1)} out of 5</strong> from ${r.reviewCount} review${r.reviewCount === 1 ? '' : 's'}.</p>`;
}

function appointmentBlock(data: PublicPageData): string {
  const url = safeUrl(data.page.appointmentUrl);
  return url
    ? `<p><a class="btn" href="${esc(url)}" rel="noopener">Request an appointment</a></p>`
    : '';
}

function specialtyLine(p: ProviderView): string {
  return p.taxonomies.map((t) => taxonomyName(t.code)).join(', ');
}

export function renderPracticePage(data: PublicPageData, urls: PageUrls): string {
  const providers = data.providers
    .map(
      (p) =>
        `<li class="card"><a href="${esc(urls.provider(p))}"><strong>${esc(p.displayName)}</strong></a><br><span class="muted">${esc(specialtyLine(p))}</span>${p.acceptingNewPatients ? '<br>Accepting new patients' : ''}${p.telehealth ? '<br>Offers telehealth' : ''}</li>`,
    )
    .join('');
  const locations = data.locations
    .map((l) => `<li class="card"><h3>${esc(l.name)}</h3>${addressBlock(l)}</li>`)
    .join('');
  const body = `${data.page.description ? `<p>${esc(data.page.description)}</p>` : ''}${ratingBlock(data.practiceRating)}${appointmentBlock(data)}
<h2>Our providers</h2><ul class="grid" style="list-style:none;padding:0">${providers || '<li>No providers are listed yet.</li>'}</ul>
<h2>Locations</h2><ul class="grid" style="list-style:none;padding:0">${locations}</ul>`;
  return layout({
    title: data.orgName,
    description: data.page.description || `${data.orgName}: our providers and locations.`,
    url: urls.practice,
    ogType: 'website',
    jsonLd: practiceJsonLd(data, urls),
    heading: esc(data.orgName),
    sub: `${data.providers.length} provider${data.providers.length === 1 ? '' : 's'} · ${data.locations.length} location${data.locations.length === 1 ? '' : 's'}`,
    body,
  });
}

function list(items: string[]): string {
  return `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>`;
}

export function renderProviderPage(data: PublicPageData, p: ProviderView, urls: PageUrls): string {
  const url = urls.provider(p);
  const places = data.locations.filter((l) => p.locationIds.includes(l.id));
  const pubs = data.publications.get(p.id) ?? [];
  const sections: string[] = [];
  const facts = [
    p.acceptingNewPatients ? 'Accepting new patients' : 'Not accepting new patients',
    p.telehealth ? 'Offers telehealth visits' : null,
    p.npi ? `NPI ${esc(p.npi)}` : null,
  ].filter(Boolean) as string[];
  const glance = `<ul class="tags" aria-label="At a glance">${facts.map((f) => `<li>${f}</li>`).join('')}</ul>`;
  const image = p.photo
    ? { url: photoUrl(urls.practice, p.photo), alt: p.photoAlt, ...p.photo }
    : null;
  // With a photo, the facts, rating and booking link sit beside it instead of below.
  const beside = [glance, ratingBlock(data.providerRatings.get(p.id)), appointmentBlock(data)].join(
    '',
  );
  sections.push(
    image
      ? `<div class="intro"><img class="photo" src="${esc(image.url)}" alt="${esc(image.alt)}" width="${image.width}" height="${image.height}"><div>${beside}</div></div>`
      : beside,
  );
  if (p.bio) sections.push(`<h2>About</h2><p>${esc(p.bio)}</p>`);
  if (p.taxonomies.length)
    sections.push(
      `<h2>Specialties</h2>${list(p.taxonomies.map((t) => esc(taxonomyName(t.code)) + (t.primary ? ' (primary)' : '')))}`,
    );
  if (p.boardCertifications.length)
    sections.push(
      `<h2>Board certifications</h2>${list(p.boardCertifications.map((c) => `${esc(c.specialty)} — ${esc(c.board)}${c.year ? `, ${c.year}` : ''}`))}`,
    );
  if (p.education.length)
    sections.push(
      `<h2>Education and training</h2>${list(p.education.map((e) => `${esc(e.institution)} <span class="muted">(${e.kind}${e.year ? `, ${e.year}` : ''})</span>`))}`,
    );
  if (p.licences.length)
    sections.push(
      `<h2>Licences</h2>${list(p.licences.map((l) => `${esc(l.state)} ${esc(l.number)}`))}`,
    );
  if (p.affiliations.length)
    sections.push(`<h2>Hospital affiliations</h2>${list(p.affiliations.map(esc))}`);
  if (p.languages.length)
    sections.push(`<h2>Languages</h2><p>${p.languages.map(esc).join(', ')}</p>`);
  if (pubs.length)
    sections.push(
      `<h2>Publications</h2><ol class="bib">${pubs.map((b) => `<li>${esc(b.citation)} <a href="https://pubmed.ncbi.nlm.nih.gov/${esc(b.pmid)}/" rel="noopener">View on PubMed<span class="skip"> (PMID ${esc(b.pmid)})</span></a></li>`).join('')}</ol>`,
    );
  if (places.length)
    sections.push(
      `<h2>Where to see ${esc(p.firstName)} ${esc(p.lastName)}</h2>${places.map((l) => `<div class="card"><h3>${esc(l.name)}</h3>${addressBlock(l)}</div>`).join('')}`,
    );
  sections.push(`<p><a href="${esc(urls.practice)}">All providers at ${esc(data.orgName)}</a></p>`);
  return layout({
    title: `${p.displayName} — ${data.orgName}`,
    description: `${p.displayName}${specialtyLine(p) ? `, ${specialtyLine(p)}` : ''} at ${data.orgName}.`,
    url,
    ogType: 'profile',
    jsonLd: providerJsonLd(data, p, { practice: urls.practice, provider: url }),
    image: image && { url: image.url, alt: image.alt, width: image.width, height: image.height },
    heading: esc(p.displayName),
    sub: `${esc(specialtyLine(p) || p.credentials)} · <a href="${esc(urls.practice)}">${esc(data.orgName)}</a>`,
    body: sections.filter(Boolean).join('\n'),
  });
}
