import type { UrgencyKind } from '../types.js';

export interface UrgencyRule {
  kind: UrgencyKind;
  /** A stable, human-readable name for the cue; stored with the item and shown to staff. */
  cue: string;
  pattern: RegExp;
}

/**
 * Language that must reach a person at once. Matched on lowercased text. The rules prefer a false
 * alarm to a miss: "I would never sue" still escalates, because a human reading it costs little
 * and a missed threat or cry for help costs a great deal. English first, with the commonest
 * Spanish phrasings (Bedside's practices serve Spanish-speaking patients too).
 */
export const URGENCY_RULES: readonly UrgencyRule[] = [
  // Self-harm: someone may be in danger.
  { kind: 'self_harm', cue: 'suicide', pattern: /\bsuicid(?:e|al|ality)\b/ },
  {
    kind: 'self_harm',
    cue: 'kill or hurt myself',
    pattern: /\b(?:kill|hurt|harm|cut(?:ting)?|shoot|hang) (?:my ?self|me)\b|\bself[- ]?harm/,
  },
  {
    kind: 'self_harm',
    cue: 'end my life',
    pattern:
      /\b(?:end|take|ending|taking) (?:my (?:own )?life|it all)\b|\bwant(?:ed)? to die\b|\b(?:do not|don't|dont) want to (?:live|be alive|wake up)\b|\bbetter off dead\b|\bno reason to live\b/,
  },
  {
    kind: 'self_harm',
    cue: 'suicidio / quitarme la vida',
    pattern:
      /\bsuicid(?:io|arme|arse)\b|\bquitarme la vida\b|\bmatarme\b|\bno quiero (?:vivir|seguir viviendo)\b|\bhacerme daño\b/,
  },
  // Emergency: a medical emergency happening now.
  { kind: 'emergency', cue: '911', pattern: /(?:^|[^\d])911(?:[^\d]|$)/ },
  {
    kind: 'emergency',
    cue: 'cannot breathe',
    pattern: /\b(?:can(?:no|')?t|cannot|could(?:n'?t| not)|unable to) breathe\b/,
  },
  {
    kind: 'emergency',
    cue: 'chest pain, heart attack or stroke',
    pattern: /\bchest pains?\b|\bheart attack\b|\b(?:having|had) a stroke\b|\bstroke symptoms\b/,
  },
  {
    kind: 'emergency',
    cue: 'unconscious, seizure, anaphylaxis or heavy bleeding',
    pattern:
      /\b(?:unconscious|unresponsive|seizures?|anaphyla(?:xis|ctic)|overdos(?:e|ed|ing)|bleeding (?:heavily|out|badly|profusely)|(?:won't|will not|wouldn't) stop bleeding)\b/,
  },
  {
    kind: 'emergency',
    cue: 'medical emergency',
    pattern:
      /\b(?:medical emergency|this is an emergency|life[- ]threatening|(?:rushed|taken|went|ended up|sent) (?:back )?(?:to|in) (?:the )?(?:er|e\.r\.|a&e|emergency(?: room| department)?|hospital|icu))\b/,
  },
  {
    kind: 'emergency',
    cue: 'emergencia / no puedo respirar',
    pattern:
      /\bemergencia\b|\bno puedo respirar\b|\bdolor (?:de|en el) pecho\b|\bataque (?:al corazón|cardiaco|cardíaco)\b/,
  },
  // Safety: harm done or risked by care.
  {
    kind: 'safety',
    cue: 'wrong medication or procedure',
    pattern:
      /\bwrong (?:medication|medicine|meds?|drug|dose|dosage|prescription|patient|side|site|tooth|leg|arm|eye|procedure|surgery|blood)\b|\b(?:medication|dosing|prescription) (?:error|mistake)\b/,
  },
  {
    kind: 'safety',
    cue: 'unsafe, dangerous or negligent care',
    pattern:
      /\b(?:unsafe|dangerous(?:ly)?|negligen(?:t|ce|tly)|reckless|(?:almost|nearly|could have) (?:died|killed)|(?:un|non-?)sterile|re-?used (?:needles?|syringes?)|contaminated|left (?:me |him |her |them )?(?:alone|unattended) for)\b/,
  },
  {
    kind: 'safety',
    cue: 'abuse, assault or harassment',
    pattern:
      /\b(?:assault(?:ed|ing)?|abus(?:e|ed|ive|ing)|harass(?:ed|ment|ing)?|molest(?:ed)?|inappropriately touch(?:ed)?|touched me inappropriately|groped|(?:hit|slapped|pushed|grabbed) me)\b/,
  },
  {
    kind: 'safety',
    cue: 'staff impaired',
    pattern:
      /\b(?:doctor|nurse|dentist|provider|staff|surgeon|physician|he|she) (?:was|seemed|smelled) (?:drunk|intoxicated|high|impaired)\b/,
  },
  {
    kind: 'safety',
    cue: 'peligroso / negligencia / abuso',
    pattern:
      /\bpeligros[oa]\b|\bnegligencia\b|\babus(?:o|aron|ó)\b|\bacoso\b|\bmedicamento equivocado\b/,
  },
  // Legal threats.
  {
    kind: 'legal_threat',
    cue: 'lawyer or attorney',
    pattern: /\b(?:lawyers?|attorneys?|solicitors?|legal counsel|law firm)\b/,
  },
  {
    kind: 'legal_threat',
    cue: 'lawsuit',
    pattern:
      /\bsue (?:you|them|the|this|your|their|him|her|for|over|everyone)\b|\b(?:will|going to|gonna|i'?ll|we'?ll|planning to|plan to|want to|should|could|would|might|can|to) sue\b|\b(?:suing|sued|lawsuits?|law suits?|legal action|litigation|class action|malpractice (?:claim|suit|case)|see you in court|take (?:you|them|this|it|him|her) to court|small claims)\b/,
  },
  {
    kind: 'legal_threat',
    cue: 'report to a licensing board or regulator',
    pattern:
      /\breport(?:ed|ing)? (?:you|them|this|him|her|the (?:doctor|practice|clinic|office|dentist|provider))? ?to (?:the )?(?:state |medical |dental |nursing |licensing )+board\b|\b(?:medical|dental|nursing|licensing) board complaint\b|\b(?:attorney general|department of health|state board)\b/,
  },
  {
    kind: 'legal_threat',
    cue: 'abogado / demanda',
    pattern: /\babogad[oa]s?\b|\bdemanda(?:r|ré|remos)?\b|\bacción legal\b|\bdenunciar\b/,
  },
  // HIPAA and privacy complaints.
  { kind: 'hipaa_complaint', cue: 'HIPAA', pattern: /\bhip(?:p)?aa?\b/ },
  {
    kind: 'hipaa_complaint',
    cue: 'privacy violation',
    pattern:
      /\bprivacy (?:violation|breach|rights|complaint|was violated)\b|\bviolat(?:ed|ion of|ing) (?:my|our|patient) (?:privacy|confidentiality)\b|\bbreach(?:ed)? (?:of )?(?:my )?confidentiality\b|\bdata breach\b|\boffice (?:of|for) civil rights\b|\bocr complaint\b/,
  },
  {
    kind: 'hipaa_complaint',
    cue: 'shared my health information',
    pattern:
      /\b(?:shared|disclosed|leaked|released|discussed|gave out|told (?:everyone|others|my \w+) about|posted|sent|faxed) (?:my|our) (?:private |personal |medical |health |protected )*(?:information|info|records?|chart|diagnosis|results|condition|history|details)\b/,
  },
  {
    kind: 'hipaa_complaint',
    cue: 'privacidad / confidencialidad',
    pattern: /\bprivacidad\b|\bconfidencialidad\b|\bmis datos médicos\b/,
  },
];
