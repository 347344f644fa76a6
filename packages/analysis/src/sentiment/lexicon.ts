/**
 * A hand-written list of positive and negative words (general and healthcare-review vocabulary).
 * Two uses: the model sees each hit as a feature (so words the NHS data rarely has, like "worst"
 * or "overcharged", still count), and `lexiconScore` is the baseline the model is measured against.
 */
import { BOUNDARY, tokenize } from '../text/tokenize.js';

const POSITIVE = `good great excellent amazing wonderful fantastic brilliant superb outstanding perfect
lovely nice kind kindly friendly helpful caring compassionate polite courteous respectful professional
thorough attentive patient gentle reassuring reassured clean efficient quick quickly prompt promptly fast
easy happy pleased satisfied thank thanks thankful grateful gratitude appreciate appreciated recommend
recommended best love loved comfortable calm welcoming warm smooth excellent informative knowledgeable
skilled competent understanding listened supportive support helped safe fab fabulous marvellous superb
exceptional impressive impressed pleasant awesome incredible phenomenal stellar terrific
painless accommodating respected trustworthy honest thankyou 👍 ❤ 😊 🙂 😀 🙏`;
const NEGATIVE = `bad poor terrible awful horrible worst rude unhelpful uncaring dismissive arrogant
condescending unprofessional disrespectful late delay delayed delays waiting wait waited long slow
dirty filthy unclean smelly rushed ignored confused confusing wrong mistake error incompetent careless
useless disappointed disappointing disappointment unhappy angry upset frustrated frustrating annoyed
painful pain hurt worse complaint complain complained cancelled canceled lost never unacceptable
disgusting disgrace shocking appalling chaotic disorganised disorganized overcharged expensive
unfriendly impatient abrupt lack lacking failed fail failure problem problems issue issues stress
stressful anxious cold noisy crowded misdiagnosed refused horrendous atrocious pathetic
ridiculous nightmare scam joke incompetence negligent negligence unsanitary gross disrespected
disrespect ignoring ignores lied liar lying dishonest overpriced overbilled overcharging hostile
nasty mean yelled screamed sloppy botched butchered avoid beware misinformed unorganized
unreliable unresponsive clueless worthless 👎 😡 😠 🤬 😤 😞 😢`;

export const POSITIVE_WORDS: ReadonlySet<string> = new Set(POSITIVE.split(/\s+/).filter(Boolean));
export const NEGATIVE_WORDS: ReadonlySet<string> = new Set(NEGATIVE.split(/\s+/).filter(Boolean));
const positive = POSITIVE_WORDS;
const negative = NEGATIVE_WORDS;
const NEGATORS = new Set(['not', 'no', 'never', 'without', 'hardly', 'nor']);

/** −1 … +1, or null when no lexicon word occurs. */
export function lexiconScore(text: string): number | null {
  let pos = 0;
  let neg = 0;
  let negated = 0;
  for (const token of tokenize(text)) {
    if (token === BOUNDARY) {
      negated = 0;
      continue;
    }
    let polarity = positive.has(token) ? 1 : negative.has(token) ? -1 : 0;
    if (negated > 0) {
      polarity = -polarity;
      negated--;
    }
    if (polarity > 0) pos++;
    if (polarity < 0) neg++;
    if (NEGATORS.has(token)) negated = 3;
  }
  return pos + neg === 0 ? null : (pos - neg) / (pos + neg);
}
