/** US states and territories (names and USPS codes), lowercase. States are not PHI; they anchor ZIP codes and city mentions. */
export const US_STATE_NAMES = new Set([
  'alabama', 'alaska', 'arizona', 'arkansas', 'california', 'colorado', 'connecticut', 'delaware', 'florida',
  'georgia', 'hawaii', 'idaho', 'illinois', 'indiana', 'iowa', 'kansas', 'kentucky', 'louisiana', 'maine', 'maryland',
  'massachusetts', 'michigan', 'minnesota', 'mississippi', 'missouri', 'montana', 'nebraska', 'nevada',
  'new hampshire', 'new jersey', 'new mexico', 'new york', 'north carolina', 'north dakota', 'ohio', 'oklahoma',
  'oregon', 'pennsylvania', 'rhode island', 'south carolina', 'south dakota', 'tennessee', 'texas', 'utah', 'vermont',
  'virginia', 'washington', 'west virginia', 'wisconsin', 'wyoming', 'district of columbia', 'puerto rico', 'guam',
]);

export const US_STATE_CODES = new Set([
  'al', 'ak', 'az', 'ar', 'ca', 'co', 'ct', 'de', 'fl', 'ga', 'hi', 'id', 'il', 'in', 'ia', 'ks', 'ky', 'la', 'me',
  'md', 'ma', 'mi', 'mn', 'ms', 'mo', 'mt', 'ne', 'nv', 'nh', 'nj', 'nm', 'ny', 'nc', 'nd', 'oh', 'ok', 'or', 'pa',
  'ri', 'sc', 'sd', 'tn', 'tx', 'ut', 'vt', 'va', 'wa', 'wv', 'wi', 'wy', 'dc', 'pr', 'gu', 'vi', 'as', 'mp', 'aa',
  'ae', 'ap',
]);

/** Street-type words that end a street name ("12 Oak Street", "4 Elm St."). */
export const STREET_SUFFIXES = new Set([
  'street', 'st', 'avenue', 'ave', 'av', 'road', 'rd', 'boulevard', 'blvd', 'lane', 'ln', 'drive', 'dr', 'court', 'ct',
  'way', 'place', 'pl', 'terrace', 'ter', 'circle', 'cir', 'parkway', 'pkwy', 'highway', 'hwy', 'trail', 'trl',
  'square', 'sq', 'loop', 'plaza', 'plz', 'pike', 'turnpike', 'alley', 'aly', 'row', 'crescent', 'cres', 'close',
  'walk', 'path', 'run', 'pass', 'crossing', 'xing', 'point', 'pt', 'ridge', 'view', 'hill', 'hills', 'heights',
  'park', 'grove', 'green', 'gardens', 'mews', 'expressway', 'expy', 'freeway', 'fwy', 'route', 'rte', 'cove', 'cv',
  'bend', 'glen', 'hollow', 'estates', 'meadow', 'meadows', 'landing', 'commons', 'center', 'ctr', 'harbor', 'wharf', 'str',
]);

/** Endings of non-English street names ("Friedhofstrasse 33", "Koskikatu 25"): street name first, number after. */
export const FOREIGN_STREET_ENDINGS = [
  'strasse', 'straße', 'gasse', 'weg', 'allee', 'platz', 'ring', 'damm', 'katu', 'tie', 'kuja', 'polku', 'gatan',
  'vägen', 'vej', 'gade', 'straat', 'laan', 'gracht', 'utca', 'ulica', 'ulice', 'via', 'vei', 'veien', 'gata',
];

/** Words that open a foreign street name ("Calle Mayor 5", "Rue de Rivoli 10"). */
export const STREET_PREFIXES = new Set(['ul', 'avda', 'avd', 'calle', 'avenida', 'av', 'rua', 'rue', 'via', 'viale', 'piazza', 'plaza', 'paseo', 'camino', 'carrera', 'ulica']);

/** Unit designators that continue an address ("Apt. 4B", "Suite 200", "#12"). */
export const UNIT_WORDS = new Set(['apt', 'apartment', 'suite', 'ste', 'unit', 'room', 'rm', 'floor', 'fl', 'bldg', 'building', 'lot', 'space', 'box', 'po', 'psc', 'apo', 'fpo', 'dpo']);

/**
 * Three-digit ZIP prefixes whose population is 20,000 or fewer (HHS de-identification guidance, 2000 Census):
 * under Safe Harbor these must become 000 even when truncated to three digits.
 */
export const RESTRICTED_ZIP3 = new Set(['036', '059', '063', '102', '203', '556', '692', '790', '821', '823', '830', '831', '878', '879', '884', '890', '893']);
