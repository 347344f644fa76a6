/**
 * Top-level domains for bare domains written without a scheme or `www.` ("pollard.com", "AnonymousEar.fr").
 * A compact public-suffix list: the common generic TLDs, the health and personal-page ones, and every
 * two-letter country code. Lowercase, one string so the bundle stays small.
 */
const GENERIC =
  'com|org|net|edu|gov|mil|int|info|biz|name|pro|io|co|ai|app|dev|me|ly|tv|fm|gg|xyz|online|site|website|' +
  'web|blog|page|link|news|shop|store|tech|cloud|email|social|life|live|family|fund|help|love|photo|photos|' +
  'pics|art|club|world|today|space|fun|top|one|health|care|dental|dentist|clinic|doctor|hospital|healthcare|' +
  'medical|surgery|vision|fitness|yoga|church|school|academy|university|foundation|charity|ngo|org';
const COUNTRY =
  'ac|ad|ae|af|ag|ai|al|am|ao|aq|ar|as|at|au|aw|ax|az|ba|bb|bd|be|bf|bg|bh|bi|bj|bm|bn|bo|br|bs|bt|bw|by|bz|' +
  'ca|cc|cd|cf|cg|ch|ci|ck|cl|cm|cn|co|cr|cu|cv|cw|cx|cy|cz|de|dj|dk|dm|do|dz|ec|ee|eg|er|es|et|eu|fi|fj|fk|' +
  'fm|fo|fr|ga|gd|ge|gf|gg|gh|gi|gl|gm|gn|gp|gq|gr|gs|gt|gu|gw|gy|hk|hm|hn|hr|ht|hu|id|ie|il|im|in|io|iq|ir|' +
  'is|it|je|jm|jo|jp|ke|kg|kh|ki|km|kn|kp|kr|kw|ky|kz|la|lb|lc|li|lk|lr|ls|lt|lu|lv|ly|ma|mc|md|me|mg|mh|mk|' +
  'ml|mm|mn|mo|mp|mq|mr|ms|mt|mu|mv|mw|mx|my|mz|na|nc|ne|nf|ng|ni|nl|no|np|nr|nu|nz|om|pa|pe|pf|pg|ph|pk|pl|' +
  'pm|pn|pr|ps|pt|pw|py|qa|re|ro|rs|ru|rw|sa|sb|sc|sd|se|sg|sh|si|sk|sl|sm|sn|so|sr|ss|st|sv|sx|sy|sz|tc|td|' +
  'tf|tg|th|tj|tk|tl|tm|tn|to|tr|tt|tv|tw|tz|ua|ug|uk|us|uy|uz|va|vc|ve|vg|vi|vn|vu|wf|ws|ye|yt|za|zm|zw';

/** Every TLD a bare domain may end in. */
export const TLDS: ReadonlySet<string> = new Set(`${GENERIC}|${COUNTRY}`.split('|'));

/**
 * TLDs that are also English or Spanish words, abbreviations or common file extensions ("done.it", "notes.md",
 * "setup.py", "run.sh", "Mr.Ms"). A bare domain ending in one of them needs more evidence: a path, a second-level
 * label ("example.com.pl", "nhs.co.uk"), or a web word before it ("website", "visit", "at").
 */
export const AMBIGUOUS_TLDS: ReadonlySet<string> = new Set([
  'ad', 'ai', 'al', 'am', 'an', 'as', 'at', 'be', 'by', 'cc', 'cs', 'de', 'do', 'es', 'go', 'hi', 'id', 'il', 'im',
  'in', 'is', 'it', 'la', 'lo', 'ma', 'md', 'me', 'ml', 'mr', 'ms', 'mt', 'my', 'no', 'nu', 'on', 'or', 'pa', 'pl',
  'pm', 'ps', 'py', 're', 'rs', 'sh', 'si', 'so', 'st', 'to', 'tv', 'um', 'us', 'zip', 'mov', 'one', 'fun', 'top',
  'art', 'name', 'page', 'link', 'news', 'love', 'life', 'live', 'help', 'care', 'web', 'club', 'world', 'today',
  'space', 'family', 'photo', 'photos', 'fund', 'email', 'cloud', 'store', 'shop', 'site', 'church', 'school',
]);

/** Second-level labels under a country code ("co.uk", "com.br"): a domain with one is never a file name. */
export const SECOND_LEVEL_LABELS: ReadonlySet<string> = new Set([
  'co', 'com', 'org', 'net', 'gov', 'edu', 'ac', 'nhs', 'or', 'ne', 'go', 'gob', 'gv', 'med', 'nom',
]);

/** Words that, just before a bare domain, say it is a web address ("visit", "website", "at"). */
export const WEB_WORDS: ReadonlySet<string> = new Set([
  'website', 'site', 'web', 'visit', 'at', 'url', 'link', 'homepage', 'blog', 'page', 'online', 'sitio', 'página',
  'pagina', 'visita', 'visite', 'en', 'go', 'to', 'see', 'check', 'out', 'on', 'via',
]);

/**
 * Sites of public institutions and national health bodies: a link to their home page is never about a patient,
 * so it stays a note even when the sentence around it is personal.
 */
export const INSTITUTIONAL_TLDS: ReadonlySet<string> = new Set(['gov', 'edu', 'mil', 'int']);
