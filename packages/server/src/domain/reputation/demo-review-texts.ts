/**
 * The demo practice's reviews and mentions: invented sentences about an invented practice, naming
 * only its fictional providers. No real person wrote any of them.
 */
export interface DemoReviewText {
  text: string;
  /** Stars where the site has them; null for comments and mentions. */
  rating: number | null;
}

export const POSITIVE: readonly DemoReviewText[] = [
  {
    text: 'Dr. Hart is wonderful: she listened to every question and explained everything. The front desk was friendly too.',
    rating: 5,
  },
  {
    text: 'Quick check-in, a clean waiting room, and Dr. Osei explained everything clearly.',
    rating: 5,
  },
  {
    text: 'Booking online was easy and I was seen right on time. A smooth, friendly visit, thank you!',
    rating: 5,
  },
  {
    text: 'Nina Patel was kind and caring and answered all my questions. Best visit I have had in years.',
    rating: 5,
  },
  {
    text: 'The telehealth visit with Dr. Moreno worked perfectly, no tech trouble at all.',
    rating: 5,
  },
  { text: 'Staff were warm and professional from start to finish.', rating: 5 },
  {
    text: 'Ethan Brooks took the time to walk me through the plan. I felt genuinely cared for.',
    rating: 4,
  },
  { text: 'Nice bright office, spotless, and the nurses were lovely.', rating: 4 },
  {
    text: 'Dr. Clarke is thorough, honest and kind. I would happily recommend him to friends.',
    rating: 5,
  },
  { text: 'Scheduling was painless and the reminder messages really helped.', rating: 4 },
  { text: 'Great experience overall, the whole team is welcoming and kind.', rating: 5 },
  {
    text: 'The billing office was very helpful and sorted out my insurance question in one friendly call.',
    rating: 4,
  },
  { text: 'Friendly, efficient and caring. Exactly what a family practice should be.', rating: 5 },
  {
    text: 'Dr. Moreno made a nervous visit feel easy. Thank you to the whole Denver team!',
    rating: 5,
  },
];

export const MIXED: readonly DemoReviewText[] = [
  {
    text: 'The visit itself was fine but I waited about forty minutes past my appointment time.',
    rating: 3,
  },
  { text: 'Good doctor, but it took three phone calls to get an appointment.', rating: 3 },
  { text: 'Parking is tight and the lot fills up early. The care was okay.', rating: 3 },
  { text: 'Average experience. Nothing bad, nothing special.', rating: 3 },
  { text: 'Dr. Osei was great, the front desk less so.', rating: 3 },
];

export const NEGATIVE: readonly DemoReviewText[] = [
  { text: 'Waited over an hour in the lobby with no update at all. Very frustrating.', rating: 1 },
  {
    text: 'I was billed twice for the same visit and nobody returns my calls about it.',
    rating: 1,
  },
  {
    text: 'The receptionist was rude and dismissive when I asked a simple question.',
    rating: 2,
  },
  {
    text: 'Could not get an appointment for three weeks and the phone line is always busy.',
    rating: 2,
  },
  { text: 'The video visit link never worked and no one called to reschedule.', rating: 2 },
  {
    text: 'They said my insurance was in network and now I have a surprise bill. Terrible.',
    rating: 1,
  },
  { text: 'Felt rushed out the door, the doctor barely looked up from the screen.', rating: 2 },
  { text: 'The restrooms were dirty and the waiting area was not clean.', rating: 2 },
];

export const MENTIONS: readonly DemoReviewText[] = [
  {
    text: 'Big thanks to the Riverbend Family Health team for the flu shot clinic, in and out in ten minutes.',
    rating: null,
  },
  {
    text: 'Anyone else waiting forever for a callback from Riverbend Family Health? Day three now.',
    rating: null,
  },
  {
    text: 'The free blood pressure checks Riverbend ran at the farmers market were a nice touch.',
    rating: null,
  },
  {
    text: 'Tried to book at Riverbend tonight and the online scheduler keeps failing. Annoying.',
    rating: null,
  },
  { text: 'Riverbend Family Health has the friendliest front desk in town.', rating: null },
];

/** Says it will sue: the analysis marks it urgent (legal threat). */
export const LEGAL_THREAT: DemoReviewText = {
  text: 'Your billing office sent my account to collections by mistake. I have called my lawyer and I will sue this practice if it is not fixed this week.',
  rating: 1,
};

/** Gives a (fictional, 555-01xx) phone number: the guard's inbound check masks it as PHI. */
export const WITH_PHONE: DemoReviewText = {
  text: 'Nobody answers at the front desk. Please call me back at (541) 555-0199 about rescheduling, I have left two messages.',
  rating: 2,
};
