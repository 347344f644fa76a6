/**
 * Hand-written, synthetic US-style review sentences (no real people or events) added to the
 * training split. The NHS answers are short UK survey replies; these teach the model the words of
 * public reviews it would otherwise never see ("worst", "overcharged", "no respect"). They are
 * never part of the validation or test splits, which stay NHS-only.
 */
import type { SentimentLabel } from '../src/types.js';

const NEGATIVE = `Worst experience ever.
Worst doctor's office I have ever been to.
Absolutely horrible experience, avoid this place.
I was treated with no respect at all.
The front desk was incredibly rude and unprofessional.
They overcharged me and billing never fixed it.
Billed my insurance wrong three times, what a nightmare.
Surprise bill for $400 after they said it was covered.
Waited two hours past my appointment time with no apology.
Nobody ever calls you back.
They lost my referral and nobody cared.
The doctor barely looked at me and rushed me out.
Staff were dismissive and condescending.
Terrible customer service, they hung up on me.
I would give zero stars if I could.
One star. Never again.
Do not go here.
They cancelled my appointment the morning of, again.
Could not get an appointment for two months.
The office was dirty and the bathroom was disgusting.
The nurse was rough and uncaring.
My telehealth visit never started and no one answered the phone.
Misdiagnosed me and refused to order tests.
Pharmacy sent the wrong prescription and nobody apologized.
Parking is a nightmare and the building is falling apart.
Total waste of time and money.
Very disappointed with the care I received.
They kept me on hold for 45 minutes.
I felt ignored and unheard.
Unprofessional and disorganized from start to finish.
The receptionist yelled at my elderly mother.
Lied to me about the cost.
Scam. They charge for everything.
The doctor was arrogant and would not listen.
Left with more questions than answers.
Horrible bedside manner.
I left in worse pain than when I came in.
Not impressed at all.
Not a good experience.
Not happy with how I was treated.
Never got my test results.
Zero communication.
Awful. Just awful.
Extremely frustrating experience.
This clinic does not care about patients.`;

const POSITIVE = `Best doctor I have ever had.
Wonderful experience from start to finish.
Dr. Rivera is amazing, she listened and explained everything.
The staff are friendly and always so helpful.
Short wait and a very thorough exam.
Billing was simple and they answered all my questions.
Easy to book online and the reminders are great.
The office is spotless and modern.
My telehealth visit was quick and easy.
Highly recommend this practice.
Five stars, would recommend to anyone.
They got me in the same day.
The hygienist was so gentle.
I finally feel heard.
Great care, great people.
The nurses made my kids feel comfortable.
Everyone was kind and professional.
Painless procedure and a fast recovery.
They went above and beyond.
Love this office!
Parking was easy and the front desk was welcoming.
Thank you for taking such good care of me.
Best dental office in town.
Caring, knowledgeable and always on time.
Not a bad experience at all, very happy.`;

const NEUTRAL = `I had an appointment on Tuesday.
The office is on the second floor.
They take most insurance plans.
Visited for a routine checkup.
Average experience, nothing special.
It was okay.
The visit was fine, the wait was about normal.
They moved to a new building last year.`;

export interface SeedReview {
  text: string;
  label: SentimentLabel;
}

export const SEED_REVIEWS: readonly SeedReview[] = [
  ...NEGATIVE.split('\n').map((text) => ({ text, label: 'negative' as const })),
  ...POSITIVE.split('\n').map((text) => ({ text, label: 'positive' as const })),
  ...NEUTRAL.split('\n').map((text) => ({ text, label: 'neutral' as const })),
];
