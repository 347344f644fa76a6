import { CARE_NOUNS_EN, CARE_NOUNS_ES } from '../data/vocab/care-terms.js';

/** What a matched reply phrase means. */
export type ReplyPhraseKind = 'confirms' | 'care' | 'billing' | 'tone' | 'implies';

const EN = `(${CARE_NOUNS_EN.join('|')})`;
const ES = `(${CARE_NOUNS_ES.join('|')})`;
const CLINICIAN =
  '(dentist|doctor|provider|physician|therapist|surgeon|hygienist|orthodontist|dermatologist|pediatrician|nurse|counselor)';
const WE_DID =
  '(treated|examined|saw|seen|helped|x-rayed|referred|billed|charged|called|scheduled|rescheduled|cancelled|canceled|prescribed|diagnosed|performed|removed|extracted|cleaned|told|informed|advised|explained|warned|recommended|offered|discharged|dismissed|tried|asked|gave|provided|did|completed|placed|reviewed|checked|contacted|reminded)';

/** Reply phrases that confirm a patient relationship or describe care (HIPAA.md §4.1, §4.4), English and Spanish. */
export const REPLY_PHRASES: ReadonlyArray<readonly [string, ReplyPhraseKind]> = [
  [`your ~2 ${EN}`, 'care'],
  [`(su|sus|tu|tus) ~2 ${ES}`, 'care'],
  [
    "(you|you're|u) ~1 (were|are|was|be|been|become|became) ~1 (a|our|my|the) ~2 (patient|patients|client|member)",
    'confirms',
  ],
  ['(as|being) (a|our|my) ~2 (patient|client)', 'confirms'],
  [`(as|being) your ${CLINICIAN}`, 'confirms'],
  ['(our|my) (patient|client|records|chart|notes|files|system)', 'confirms'],
  ['when (you|u) (came|come|were|visited|arrived|called|left|got|saw)', 'confirms'],
  ['(you|u) (came|come|were|got) (in|here|by|to)', 'confirms'],
  [
    '(you|u) (were|was) (seen|treated|here|examined|given|told|informed|advised|prescribed|referred|diagnosed|billed|charged|late|scheduled|rescheduled)',
    'confirms',
  ],
  [`(we|i|dr|doctor|she|he|they) ~1 ${WE_DID} (you|your|u)`, 'confirms'],
  ['(we|i) ~1 (remember|recall) (you|your)', 'confirms'],
  ['since (you|u) (started|became|joined|began|first)', 'confirms'],
  [
    '(records|chart|file|notes|system) (show|shows|indicate|indicates|say|says|reflect|reflects)',
    'confirms',
  ],
  ['according (to) (our|your|the) (records|chart|file|notes|system|account)', 'confirms'],
  [
    '(you|u) (missed|cancelled|canceled|rescheduled|skipped|no-showed|arrived|showed|refused|declined|agreed|signed|underwent)',
    'confirms',
  ],
  ["(you|u) (did|didn't|never) ~1 (show|arrive|come|pay|follow|take|call)", 'confirms'],
  ['during your', 'confirms'],
  [`(during|at|after|before) (their|his|her) ~1 ${EN}`, 'confirms'],
  [
    '(see|seeing|saw|meet|meeting|met|treat|treating|having|had) (you|u) ~2 (again|back|today|yesterday|last|every|each|and)',
    'confirms',
  ],
  [
    '(pleasure|privilege|joy|great) ~2 (see|seeing|treat|treating|meet|meeting|care|caring|work|working|have|having) ~2 (you|your|u)',
    'confirms',
  ],
  [
    '(explained|described|recommended|given|offered|prescribed|provided|shown|discussed|sent|mailed|emailed|quoted|reviewed) (to|with|for) (you|u)',
    'confirms',
  ],
  ['(you|u) (chose|decided|elected|opted|wanted|asked|preferred) (not|to)', 'confirms'],
  [
    '(medication|medicine|meds|treatment|therapy|prescription|dose|braces|aligners|implant|implants|crown|filling|procedure|surgery|plan|tratamiento|medicamento|terapia) ~1 (is|are|was|were|has|have|seems|seem|es|está|ha) ~1 (helping|working|healing|going|settling|improving|better|successful|ayudando|funcionando)',
    'care',
  ],
  ['(thank|thanks) ~2 (visiting|coming|trusting|seeing|letting)', 'confirms'],
  ['(thank|thanks) ~2 (choosing|picking|selecting)', 'implies'],
  [
    "(glad|happy|pleased|sorry) (you|that you) (enjoyed|liked|loved|had|felt|experienced|were|are|didn't|did)",
    'implies',
  ],
  ['hope (you|your) ~2 (feel|feeling|recover|recovery|healing|heal|better)', 'implies'],
  ['(see|seeing) you (at|again|next|soon|in)', 'implies'],
  ['(you|u) (owe|still|are) ~1 (owe|past|behind|balance)', 'billing'],
  ['(outstanding|unpaid|remaining|overdue|past) (balance|bill|due|amount|invoice)', 'billing'],
  ['(sent|sending|turned|referred) ~2 (collections|collection)', 'billing'],
  [
    '(insurance|insurer|plan) ~2 (denied|declined|rejected|approved|covered|paid|refused)',
    'billing',
  ],
  [
    '(nuestro|nuestra|nuestros|nuestras) (paciente|pacientes|registros|expediente|expedientes|cliente)',
    'confirms',
  ],
  ['(usted|tú|tu) ~1 (fue|es|era|ha sido) ~1 (paciente|cliente)', 'confirms'],
  ['(fue|es|era) (nuestro|nuestra|un|una) (paciente|cliente)', 'confirms'],
  ['como (su|tu) (dentista|doctor|doctora|médico|medico|proveedor)', 'confirms'],
  ['cuando (usted|tú|tu) ~1 (vino|visitó|visito|llegó|llego|llamó|llamo|estuvo)', 'confirms'],
  ['cuando (vino|visitó|visito|llegó|llego|nos)', 'confirms'],
  ['(según|segun|de) (nuestros|nuestro|sus) (registros|expediente|historial|archivos)', 'confirms'],
  [
    '(le|lo|la|los|las) (atendimos|vimos|tratamos|examinamos|llamamos|recetamos|referimos|cobramos)',
    'confirms',
  ],
  [
    '(usted|tú|tu) ~1 (faltó|falto|canceló|cancelo|llegó|llego|debe|recibió|recibio|tuvo|necesitaba|necesita)',
    'confirms',
  ],
  ['(gracias) ~2 (visitarnos|venir|confiar|elegirnos)', 'confirms'],
  [
    '(liar|lying|lie|lies|stupid|idiot|idiotic|ridiculous|crazy|pathetic|entitled|dishonest|delusional|clown|moron|mentiroso|mentirosa)',
    'tone',
  ],
  ['get a life', 'tone'],
  [
    '(lawyer|lawyers|attorney|attorneys|lawsuit|sue|suing|defamation|defamatory|slander|slanderous|libel|libelous|abogado|demanda)',
    'tone',
  ],
  ['legal (action|steps|counsel|remedies)', 'tone'],
  ['(remove|delete|take) ~2 (review|post|comment) ~2 (or|otherwise)', 'tone'],
];
