import type { CheckDocument } from '../engine/document.js';
import { detectAges } from './age.js';
import { detectAlphanumericIds } from './alphanumeric-id.js';
import { detectBiometrics } from './biometric.js';
import { detectCustomBlocks } from './custom-rules.js';
import { detectDateWords } from './date-words.js';
import { detectEmailsAndHandles } from './email-and-handle.js';
import { detectIpv6 } from './ipv6.js';
import { detectLabelledIds } from './labelled-id.js';
import { detectMarketingClaims } from './marketing-claims.js';
import { detectMediaIssues } from './media.js';
import { detectNetworkLimit } from './network-limit.js';
import { detectNumericIdentifiers } from './numeric-identifiers.js';
import { detectPersonNames } from './person-name.js';
import { detectPlaces } from './place.js';
import { detectReadability } from './readability.js';
import { detectReplyDisclosure } from './reply-disclosure.js';
import { detectStreetAddresses } from './street-address.js';
import { detectUrls } from './url.js';

/**
 * Detectors in the order they run. Structured identifiers first: they claim their tokens so the name and place
 * models do not read "Maple" in an e-mail or "Main" in an address as a person. Names run before dates and places
 * so that those know whether a person is in the sentence.
 */
export const DETECTORS: ReadonlyArray<(doc: CheckDocument) => void> = [
  detectUrls,
  detectEmailsAndHandles,
  detectIpv6,
  detectLabelledIds,
  detectAges,
  detectNumericIdentifiers,
  detectAlphanumericIds,
  detectStreetAddresses,
  detectPersonNames,
  detectDateWords,
  detectPlaces,
  detectBiometrics,
  detectReplyDisclosure,
  detectMarketingClaims,
  detectMediaIssues,
  detectNetworkLimit,
  detectReadability,
  detectCustomBlocks,
];

/**
 * Detectors whose only effect is `doc.add` (no claims, no person marks). Once the document has hit the findings cap
 * every add is dropped, so these can be skipped without changing any result: adversarial input stops paying for them.
 */
export const ADD_ONLY_DETECTORS: ReadonlySet<(doc: CheckDocument) => void> = new Set([
  detectBiometrics,
  detectReplyDisclosure,
  detectMarketingClaims,
  detectMediaIssues,
  detectNetworkLimit,
  detectReadability,
]);
