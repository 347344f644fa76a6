import { describe, expect, it } from 'vitest';
import { createGuard } from '../create-guard.js';
import { check } from '../test-support/check.js';
import { PRACTICE } from '../test-support/practice.js';
import type { CheckKind } from '../types.js';

/** `severity:text` of every url finding. */
function links(text: string, kind: CheckKind = 'post'): string[] {
  return check(text, { kind })
    .findings.filter((f) => f.category === 'url')
    .map((f) => `${f.severity}:${f.text}`);
}

describe('bare domains', () => {
  it.each([
    ['My website is pollard.com', 'pollard.com'],
    ['Read AnonymousEar.fr now', 'AnonymousEar.fr'],
    ['see nhs.co.uk for details', 'nhs.co.uk'],
    ['Read about it at example.com.br.', 'example.com.br'],
    ['her page is pollard.com/about-me, thanks', 'pollard.com/about-me'],
    ['OPEN POLLARD.COM', 'POLLARD.COM'],
    ['Visit example.it today', 'example.it'],
    ['notes on cleanteeth.md/floss', 'cleanteeth.md/floss'],
  ])('finds the domain in %j', (text, domain) => {
    expect(links(text).map((l) => l.slice(l.indexOf(':') + 1))).toEqual([domain]);
  });

  it.each([
    ['e-mails', 'Write to maria@pollard.com or @pollard.com'],
    ['file names', 'Open report.pdf, notes.md, setup.py, run.sh and photo.zip'],
    ['version numbers and decimals', 'Version 1.2.3 is out; take 3.14 mg, then 2.5ml'],
    ['a missing space after a sentence', 'We finished.It was great. Done.so what'],
    ['abbreviations', 'Mr.Ms and e.g. and i.e. and U.S. and St.Louis'],
    ['English words after a dot', 'that is.at least it'],
  ])('leaves %s alone', (_what, text) => {
    expect(links(text)).toEqual([]);
  });

  it('leaves the practice website, its subdomains and its handles alone', () => {
    const guard = createGuard({ ...PRACTICE, handles: ['maplegrove.bsky.social'] });
    const r = guard.check({
      text: 'Book at maplegrovedental.com, portal.maplegrovedental.com/login or follow maplegrove.bsky.social',
      kind: 'post',
    });
    expect(r.findings.filter((f) => f.category === 'url')).toEqual([]);
    expect(r.verdict).toBe('pass');
  });

  it('still flags the practice site when its link carries a patient parameter', () => {
    expect(links('maplegrovedental.com/portal?patient=8812')).toEqual([
      'block:maplegrovedental.com/portal?patient=8812',
    ]);
  });
});

describe('what a link means', () => {
  it.each([
    ['My website is http://www.ScrapbookInsider.com.pt/', 'http://www.ScrapbookInsider.com.pt/'],
    ['Just posted a photo https://www.ArtistMovie.se/', 'https://www.ArtistMovie.se/'],
    ["I've shared files with you https://ClickPhobia.com.br/", 'https://ClickPhobia.com.br/'],
    ['E-mail:\nx@example.de\n\nWebsite:\nhttp://Smellology.be/', 'http://Smellology.be/'],
    ['Check out her blog at mariasmiles.blog today', 'mariasmiles.blog'],
  ])('warns about a link presented as a person’s own: %j', (text, link) => {
    expect(links(text)).toEqual([`warn:${link}`]);
  });

  it.each([
    ['https://www.gofundme.com/f/help-arjun-lindqvist'],
    ['caringbridge.org/visit/rosamartinez'],
    ['https://example.com/team/maria-lopez'],
  ])('treats a page about one person as contextual: %s', (link) => {
    expect(links(`Look at that smile! ${link}`)).toEqual([`warn:${link}`]);
    expect(links(`Look at that smile! ${link}`, 'reply')).toEqual([`block:${link}`]);
  });

  it('blocks a personal link in a sentence that names a patient', () => {
    expect(check('Our patient Maria Lopez just posted a photo at mariasmiles.com').verdict).toBe(
      'block',
    );
  });

  it('keeps ordinary links, institutions and the practice’s own provider pages low', () => {
    expect(links('Read more at https://www.cdc.gov/flu/prevent')).toEqual([
      'info:https://www.cdc.gov/flu/prevent',
    ]);
    expect(links('My favourite resource is cdc.gov')).toEqual(['info:cdc.gov']);
    expect(links('Our hospital partner: https://www.springfieldgeneral.org')).toEqual([
      'info:https://www.springfieldgeneral.org',
    ]);
    expect(links('Reviews: healthgrades.com/dentist/ana-lee')).toEqual([
      'info:healthgrades.com/dentist/ana-lee',
    ]);
    expect(links('Donate at https://www.gofundme.com')).toEqual(['info:https://www.gofundme.com']);
  });

  it('reports links in a received review as notes only', () => {
    expect(links('My website is pollard.com', 'inbound')).toEqual(['info:pollard.com']);
  });
});
