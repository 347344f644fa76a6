import { SaxesParser } from 'saxes';
import { AppError } from '../../errors.js';

export interface PubmedAuthor {
  lastName: string;
  initials: string;
  foreName: string;
}

/** One article of a PubMed (MEDLINE) XML file, with what a bibliography entry needs. */
export interface PubmedArticle {
  pmid: string;
  title: string;
  journal: string;
  year: string | null;
  volume: string | null;
  issue: string | null;
  pages: string | null;
  doi: string | null;
  authors: PubmedAuthor[];
  /** The line of the article's <PubmedArticle> start tag, for messages. */
  line: number;
}

export function pubmedFileError(line: number, message: string): AppError {
  return new AppError('validation_failed', `PubMed file, line ${line}: ${message}`, {
    fields: { file: `Line ${line}: ${message}` },
    line,
  });
}

const MAX_ARTICLES = 5000;

/**
 * Reads PubMed XML as PubMed's "Save → PubMed format (XML)" and E-utilities efetch produce it
 * (PubmedArticleSet > PubmedArticle > MedlineCitation …), with the streaming parser saxes: one
 * pass, no tree in memory, line numbers for every error. Book records (PubmedBookArticle) are
 * skipped. A malformed file or an article missing its PMID, title or journal stops the parse.
 */
export function parsePubmedXml(xml: string): PubmedArticle[] {
  const parser = new SaxesParser({ position: true });
  const path: string[] = [];
  const articles: PubmedArticle[] = [];
  let current: PubmedArticle | null = null;
  let author: PubmedAuthor | null = null;
  let text = '';
  let medlinePgn = '';
  let startPage = '';
  let medlineDate = '';
  let eidDoi = false;
  let articleIdDoi = false;
  let failure: AppError | null = null;
  const fail = (message: string, line = parser.line): void => {
    failure ??= pubmedFileError(line, message);
  };

  parser.on('error', (error) => {
    fail(error.message.replace(/^\d+:\d+: /, ''));
  });
  parser.on('opentag', (tag) => {
    path.push(tag.name);
    const depth = path.length;
    if (depth === 1 && tag.name !== 'PubmedArticleSet')
      fail(`the root element is <${tag.name.slice(0, 40)}>, not <PubmedArticleSet>.`);
    if (tag.name === 'PubmedArticle' && depth === 2) {
      current = {
        pmid: '',
        title: '',
        journal: '',
        year: null,
        volume: null,
        issue: null,
        pages: null,
        doi: null,
        authors: [],
        line: parser.line,
      };
      medlinePgn = startPage = medlineDate = '';
    }
    if (!current) return;
    const attr = (name: string): string => String(tag.attributes[name] ?? '');
    if (tag.name === 'Author' && parentIs(path, 'AuthorList'))
      author = { lastName: '', initials: '', foreName: '' };
    eidDoi = tag.name === 'ELocationID' && attr('EIdType') === 'doi';
    articleIdDoi =
      tag.name === 'ArticleId' &&
      attr('IdType') === 'doi' &&
      parentIs(path, 'ArticleIdList') &&
      path.includes('PubmedData') &&
      !path.includes('ReferenceList');
    if (isCaptured(tag.name) || eidDoi || articleIdDoi) text = '';
  });
  parser.on('text', (chunk) => {
    text += chunk;
  });
  parser.on('closetag', (tag) => {
    const name = tag.name;
    const value = text.replace(/\s+/g, ' ').trim();
    const article = current;
    if (article) {
      const parent = path[path.length - 2];
      if (name === 'PMID' && parent === 'MedlineCitation') article.pmid = value;
      else if (name === 'ArticleTitle' && parent === 'Article') article.title = value;
      else if (name === 'Title' && parent === 'Journal') article.journal = value;
      // NLM citations use the ISO abbreviation when the journal has one.
      else if (name === 'ISOAbbreviation' && parent === 'Journal' && value) article.journal = value;
      else if (name === 'Volume' && parent === 'JournalIssue') article.volume = value || null;
      else if (name === 'Issue' && parent === 'JournalIssue') article.issue = value || null;
      else if (name === 'Year' && parent === 'PubDate') article.year = value || null;
      else if (name === 'MedlineDate' && parent === 'PubDate') medlineDate = value;
      else if (name === 'MedlinePgn') medlinePgn = value;
      else if (name === 'StartPage') startPage = value;
      else if (name === 'ELocationID' && eidDoi && !article.doi) article.doi = value || null;
      else if (name === 'ArticleId' && articleIdDoi && !article.doi) article.doi = value || null;
      else if (author && parent === 'Author') {
        if (name === 'LastName') author.lastName = value;
        else if (name === 'ForeName') author.foreName = value;
        else if (name === 'Initials') author.initials = value;
        else if (name === 'CollectiveName') author.lastName = value;
      } else if (name === 'Author' && author) {
        if (author.lastName) article.authors.push(author);
        author = null;
      } else if (name === 'PubmedArticle' && path.length === 2) {
        article.pages = medlinePgn || startPage || null;
        article.year ??= /\d{4}/.exec(medlineDate)?.[0] ?? null;
        if (!/^\d{1,9}$/.test(article.pmid))
          fail('a <PubmedArticle> has no valid MedlineCitation/PMID.', article.line);
        else if (!article.title) fail(`PMID ${article.pmid} has no <ArticleTitle>.`, article.line);
        else if (!article.journal)
          fail(`PMID ${article.pmid} has no journal <Title>.`, article.line);
        else if (articles.some((a) => a.pmid === article.pmid))
          fail(`PMID ${article.pmid} appears twice.`, article.line);
        else if (articles.length >= MAX_ARTICLES)
          fail(`the file has more than ${MAX_ARTICLES} articles.`, article.line);
        else articles.push(article);
        current = null;
      }
    }
    if (isCaptured(name)) text = '';
    path.pop();
  });

  // Fed in slices as a stream would be; parsing stops at the first failure.
  for (let i = 0; i < xml.length && !failure; i += 64 * 1024)
    parser.write(xml.slice(i, i + 64 * 1024));
  if (!failure) parser.close();
  if (failure) throw failure;
  if (articles.length === 0) throw pubmedFileError(parser.line, 'the file has no <PubmedArticle>.');
  return articles;
}

function parentIs(path: string[], name: string): boolean {
  return path[path.length - 2] === name;
}

/** Elements whose text is collected (inline markup such as <i> inside a title keeps collecting). */
function isCaptured(name: string): boolean {
  return [
    'PMID',
    'ArticleTitle',
    'Title',
    'ISOAbbreviation',
    'Volume',
    'Issue',
    'Year',
    'MedlineDate',
    'MedlinePgn',
    'StartPage',
    'LastName',
    'ForeName',
    'Initials',
    'CollectiveName',
    'ELocationID',
    'ArticleId',
  ].includes(name);
}
