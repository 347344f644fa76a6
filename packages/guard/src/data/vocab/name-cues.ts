/** Words around a name that tell us who it belongs to. All lowercase, matched against token norms. */

/** Honorifics that make the next capitalised word a person's name (English and Spanish). */
export const HONORIFICS = new Set([
  'mr', 'mrs', 'ms', 'miss', 'mx', 'mister', 'madam', 'sir', 'sr', 'sra', 'srta', 'señor', 'señora', 'señorita',
  'don', 'doña', 'mrs.', 'master', 'aunt', 'uncle', 'grandma', 'grandpa', 'nana', 'papa', 'abuela', 'abuelo',
]);

/** Titles that mark a clinician: "Dr. Lee" is a provider, not patient PHI, when Lee is on the practice's list. */
export const CLINICIAN_TITLES = new Set(['dr', 'dra', 'doctor', 'doctora', 'prof', 'professor', 'nurse', 'np', 'pa']);

/** Credentials stripped from context names and skipped after a name ("Jane Roe, DDS"). */
export const CREDENTIALS = new Set([
  'md', 'do', 'dds', 'dmd', 'rn', 'np', 'pa', 'pa-c', 'phd', 'psyd', 'lcsw', 'lpc', 'lmft', 'dc', 'dpm', 'od', 'pt',
  'dpt', 'rdh', 'crna', 'fnp', 'aprn', 'ms', 'ma', 'mba', 'facs', 'faap', 'jr', 'sr', 'ii', 'iii', 'iv', 'dr', 'mrs', 'mr',
]);

/** Words that, in the same sentence, tie a name, date or place to a patient or relative. */
export const PERSON_CUES = new Set([
  'patient', 'paciente', 'birthday', 'bday', 'cumpleaños', 'born', 'nació', 'dob', 'husband', 'wife', 'son',
  'daughter', 'mother', 'father', 'mom', 'dad', 'grandma', 'grandpa', 'grandmother', 'grandfather', 'granddaughter',
  'grandson', 'brother', 'sister', 'niece', 'nephew', 'esposo', 'esposa', 'hijo', 'hija', 'madre', 'padre', 'mamá',
  'papá', 'abuela', 'abuelo', 'congrats', 'congratulations', 'felicidades', 'felicitaciones', 'admitted',
  'discharged', 'diagnosed', 'surgery', 'cirugía', 'passed', 'died', 'funeral', 'recovery', 'recovering', 'survivor',
  'underwent', 'treated', 'remission',
]);

/** Words right before a name that make it a name ("thank you Sarah", "hi Karen", "my name is …"). */
export const GREETING_CUES = new Set([
  'hi', 'hello', 'hey', 'dear', 'thanks', 'thank', 'congrats', 'congratulations', 'welcome', 'meet', 'hola',
  'querida', 'querido', 'estimado', 'estimada', 'gracias', 'bienvenido', 'bienvenida', 'felicidades', 'named', 'called',
  'love', 'miss', 'happy', 'shoutout', 'shout-out',
]);

/** Capitalised words that are never a person's name even when a name list has them. */
export const NOT_NAMES = new Set([
  'i', 'im', 'a', 'the', 'we', 'our', 'you', 'your', 'he', 'she', 'they', 'it', 'this', 'that', 'these', 'those', 'my',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march',
  'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'jan', 'feb', 'mar', 'apr',
  'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'mon', 'tue', 'tues', 'wed', 'thu', 'thurs', 'fri', 'sat',
  'sun', 'god', 'jesus', 'christmas', 'easter', 'halloween', 'thanksgiving', 'hanukkah', 'covid', 'hipaa', 'medicare',
  'medicaid', 'tricare', 'aetna', 'cigna', 'humana', 'anthem', 'kaiser', 'invisalign', 'botox', 'juvederm', 'dysport',
  'restylane', 'sculptra', 'kybella', 'coolsculpting', 'zoom', 'google', 'yelp', 'facebook', 'instagram', 'linkedin',
  'twitter', 'tiktok', 'youtube', 'bluesky', 'mastodon', 'apple', 'android', 'iphone', 'dds', 'dmd', 'md', 'rn', 'np',
  'ok', 'okay', 'lol', 'omg', 'thx', 'pls', 'fyi', 'asap', 'mri', 'ct', 'er', 'icu', 'ob', 'gyn', 'ent', 'dr', 'mr',
  'mrs', 'ms', 'st', 'ave', 'suite', 'apt', 'usa', 'us', 'uk', 'eu', 'un', 'ada', 'ama', 'fda', 'cdc', 'who', 'nih',
  'ftc', 'hhs', 'ocr', 'am', 'pm', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo', 'enero',
  'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre',
  'nuestro', 'nuestra', 'nuestros', 'usted', 'ustedes', 'gracias', 'hola', 'buenos', 'buenas', 'feliz', 'por', 'para',
  'con', 'el', 'la', 'los', 'las', 'un', 'una', 'de', 'del', 'su', 'sus', 'tu', 'yo', 'es', 'en', 'que', 'muy',
  'doctor', 'doctora', 'dra', 'paciente', 'clínica', 'oficina', 'cita', 'dental', 'dentistry', 'orthodontics',
  'pediatrics', 'dermatology', 'cardiology', 'clinic', 'health', 'medical', 'center', 'hospital', 'pharmacy', 'inc',
  'llc', 'pc', 'pllc', 'ltd', 'corp', 'co', 'bank', 'university', 'college', 'school', 'street', 'avenue', 'road',
  'boulevard', 'lane', 'drive', 'court', 'way', 'rd', 'blvd', 'ln', 'hwy', 'highway', 'county', 'city', 'state',
  'north', 'south', 'east', 'west', 'new', 'fort', 'saint', 'san', 'santa', 'los', 'las', 'lake', 'mount', 'port',
  'hashtag', 'rt', 'via', 'cc', 'dm', 'pt', 'ot', 'hi', 'hello', 'hey', 'dear', 'thanks', 'thank', 'welcome',
  'congrats', 'congratulations', 'happy', 'please', 'call', 'visit', 'join', 'book', 'schedule', 'tip', 'reminder',
]);
