import type { PubmedAuthor } from './pubmed-xml.js';

export interface CitationParts {
  pmid: string;
  title: string;
  journal: string;
  year: string | null;
  volume: string | null;
  issue: string | null;
  pages: string | null;
  doi: string | null;
  authors: PubmedAuthor[];
}

/**
 * One entry in the NLM (Vancouver) style PubMed uses: up to six authors then "et al.",
 * "Last Initials", title, journal, year;volume(issue):pages, doi, PMID.
 */
export function formatCitation(c: CitationParts): string {
  const names = c.authors.map((a) => `${a.lastName} ${a.initials}`.trim());
  const authors = names.length > 6 ? `${names.slice(0, 6).join(', ')}, et al.` : names.join(', ');
  const title = /[.?!]$/.test(c.title) ? c.title : `${c.title}.`;
  let source = `${c.journal}.`;
  if (c.year) {
    source += ` ${c.year}`;
    if (c.volume) source += `;${c.volume}${c.issue ? `(${c.issue})` : ''}`;
    if (c.pages) source += `:${c.pages}`;
    source += '.';
  }
  const parts = [authors ? `${authors}.` : '', title, source];
  if (c.doi) parts.push(`doi:${c.doi}.`);
  parts.push(`PMID: ${c.pmid}.`);
  return parts.filter(Boolean).join(' ');
}
