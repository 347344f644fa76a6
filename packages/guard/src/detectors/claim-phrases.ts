/** Marketing-claim rule ids and the phrases that trigger them (HIPAA.md §6: FTC health claims, 16 CFR 465, board rules). */
export type ClaimRule =
  | 'claims.guarantee'
  | 'claims.cure'
  | 'claims.unsubstantiated'
  | 'claims.superlative'
  | 'claims.specialist'
  | 'claims.review-incentive'
  | 'claims.review-gating'
  | 'claims.testimonial';

const PRACTICE_NOUNS =
  '(dentist|dentists|doctor|doctors|dermatologist|orthodontist|surgeon|surgeons|chiropractor|therapist|physician|pediatrician|clinic|practice|office|team|care|results|dental|dentistry|service|services|treatment|provider|providers|hospital|smile|smiles|in|around|near|choice|option|médico|dentista|clínica)';
const INCENTIVE =
  '(discount|discounts|gift|giftcard|free|entry|entries|raffle|drawing|giveaway|prize|reward|rewards|coupon|credit|off|%|chance|cash|voucher|bonus|points|descuento|gratis|regalo|premio|rifa)';
const REVIEW = '(review|reviews|rating|ratings|stars|star|reseña|reseñas|opinión|calificación)';

export const CLAIM_PHRASES: ReadonlyArray<readonly [string, ClaimRule]> = [
  [
    '(guaranteed|guarantee|guarantees|guaranteeing|garantizado|garantizados|garantizada|garantizamos)',
    'claims.guarantee',
  ],
  [
    '100 (%|percent) ~1 (success|successful|effective|safe|satisfaction|results|guaranteed|painless|cure|pain-free)',
    'claims.guarantee',
  ],
  ['(risk-free|painless|pain-free|permanent|permanente)', 'claims.guarantee'],
  ['sin dolor', 'claims.guarantee'],
  ['(risk|pain) free', 'claims.guarantee'],
  ['no (side|risk|risks|pain|downtime)', 'claims.guarantee'],
  [
    "(cure|cures|cured|curing|cura|curamos) ~2 (anxiety|depression|cancer|diabetes|autism|arthritis|pain|disease|diseases|migraines|migraine|addiction|insomnia|acne|infertility|parkinson's|ms|everything|it|you|your|sleep|apnea|tmj|la|el)",
    'claims.cure',
  ],
  [
    '(miracle|miraculous|milagro|milagroso|reverse|reverses|reversing|revertir) ~2 (aging|cure|treatment|results|disease|diabetes|autism|damage|gum|symptoms|hair|loss|wrinkles|envejecimiento)',
    'claims.cure',
  ],
  ['(clinically|scientifically|medically) (proven|tested|shown)', 'claims.unsubstantiated'],
  ['(fda|f.d.a) (approved|certified|endorsed)', 'claims.unsubstantiated'],
  ['(the|our) ~1 (best|top|leading|finest|greatest) ~2 ' + PRACTICE_NOUNS, 'claims.superlative'],
  ['best ' + PRACTICE_NOUNS, 'claims.superlative'],
  ['# 1 ~2 ' + PRACTICE_NOUNS, 'claims.superlative'],
  ['number one ~2 ' + PRACTICE_NOUNS, 'claims.superlative'],
  ['(top-rated|highest-rated|award-winning)', 'claims.superlative'],
  ['(top|highest) rated', 'claims.superlative'],
  ['(el|la|los|las) (mejor|mejores)', 'claims.superlative'],
  [
    '(specialist|specialists|specializing|specialize|specializes|specialized|especialista|especialistas|especializados)',
    'claims.specialist',
  ],
  ['board certified ~2 (specialist|expert)', 'claims.specialist'],
  [`(leave|write|post|give|share) ~4 ${REVIEW} ~6 ${INCENTIVE}`, 'claims.review-incentive'],
  [`${REVIEW} ~6 (get|receive|earn|win|enter|for|and) ~3 ${INCENTIVE}`, 'claims.review-incentive'],
  [`${INCENTIVE} ~6 (for|with) ~3 (a|your|every|each) ~2 ${REVIEW}`, 'claims.review-incentive'],
  [`(5|five) (star|stars|★) ~2 ${REVIEW}`, 'claims.review-gating'],
  [`(five-star) ~2 ${REVIEW}`, 'claims.review-gating'],
  [
    `if ~1 (you|you're|you've) ~2 (happy|satisfied|pleased|loved|love|enjoyed|like|liked|great|positive|good|happy) ~10 ${REVIEW}`,
    'claims.review-gating',
  ],
  [
    `(only|just) ~3 (happy|satisfied|positive|good) ~3 (patients|reviews|customers|clients)`,
    'claims.review-gating',
  ],
  [
    `if ~1 (not|unhappy|dissatisfied|unsatisfied) ~6 (call|contact|email|tell|let) ~2 (us|me|our) ~3 (first|instead|privately|before)`,
    'claims.review-gating',
  ],
  ['(testimonial|testimonials|testimonio|testimonios)', 'claims.testimonial'],
  ['patient (story|stories|spotlight|journey|transformation|of the month)', 'claims.testimonial'],
  ['(before|antes) (and|&|y|/) (after|después|despues)', 'claims.testimonial'],
  ['before-and-after', 'claims.testimonial'],
  ['(meet|conoce|conozca) ~1 (our|nuestro|nuestra) (patient|paciente)', 'claims.testimonial'],
  ['(hear|read) ~2 (from|what) ~2 (our|a) (patients|patient)', 'claims.testimonial'],
  [
    '(patient|patients) (says|said|say|shares|shared|writes|wrote|told|raves)',
    'claims.testimonial',
  ],
];
