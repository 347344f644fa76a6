import type { CheckKind } from '@bedside/guard';

/** Made-up examples to try the guard with; every name and number in them is fictional. */
export const examples: { label: string; kind: CheckKind; text: string; review?: string }[] = [
  {
    label: 'Post with patient details',
    kind: 'post',
    text: 'Huge congratulations to our patient Maria Gonzalez, who finished her chemo on March 3rd! Call her at (555) 201-4433 to say hi. Dr. Hart guarantees you the same results.',
  },
  {
    label: 'Reply to a review',
    kind: 'reply',
    review: 'Waited 40 minutes for my root canal appointment and the front desk was rude.',
    text: 'Hi Tom, we are sorry about the wait at your root canal visit last Tuesday. We checked your chart and your next appointment is confirmed.',
  },
  {
    label: 'Safe educational post',
    kind: 'post',
    text: 'February is Heart Month. Thirty minutes of walking five days a week lowers blood pressure for most adults. Questions? Call our Midtown office.',
  },
];
