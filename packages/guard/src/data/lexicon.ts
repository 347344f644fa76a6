import { ENGLISH_WORDS } from './english-words.js';
import { FIRST_NAMES } from './first-names.js';
import { SURNAMES } from './surnames.js';
import { US_CITIES } from './us-cities.js';
import { WORLD_CITIES } from './world-cities.js';

/** The gazetteers as sets, built on first use and shared by every guard (the strings are parsed once per process). */
export interface Lexicon {
  english: ReadonlySet<string>;
  firstNames: ReadonlySet<string>;
  surnames: ReadonlySet<string>;
  usCities: ReadonlySet<string>;
  worldCities: ReadonlySet<string>;
  /** First words of multi-word city names ("new" for "new york"), so single words need no multi-word lookups. */
  cityFirstWords: ReadonlySet<string>;
  /** US and world cities and city first words in one map (`CITY | CITY_FIRST_WORD` bits): one lookup per word. */
  places: ReadonlyMap<string, number>;
}

/** `places` bit: a US or world city name. */
export const CITY = 1;
/** `places` bit: the first word of a multi-word city name. */
export const CITY_FIRST_WORD = 2;

let cached: Lexicon | undefined;

/** Returns the shared lexicon, parsing the compact data modules the first time. */
export function lexicon(): Lexicon {
  if (cached) return cached;
  const usCities = new Set(US_CITIES.split('|'));
  const worldCities = new Set(WORLD_CITIES.split('|'));
  const cityFirstWords = new Set<string>();
  const places = new Map<string, number>();
  for (const set of [usCities, worldCities]) {
    for (const c of set) {
      places.set(c, (places.get(c) ?? 0) | CITY);
      const space = c.indexOf(' ');
      if (space > 0) cityFirstWords.add(c.slice(0, space));
    }
  }
  for (const w of cityFirstWords) places.set(w, (places.get(w) ?? 0) | CITY_FIRST_WORD);
  cached = {
    english: new Set(ENGLISH_WORDS.split('|')),
    firstNames: new Set(FIRST_NAMES.split('|')),
    surnames: new Set(SURNAMES.split('|')),
    usCities,
    worldCities,
    cityFirstWords,
    places,
  };
  return cached;
}
