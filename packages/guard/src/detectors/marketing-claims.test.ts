import { describe, expect, it } from 'vitest';
import { check, rules } from '../test-support/check.js';

describe('marketing claims', () => {
  it.each([
    ['Guaranteed results or your money back', 'claims.guarantee'],
    ['100% painless implants', 'claims.guarantee'],
    ['Risk-free whitening with no side effects', 'claims.guarantee'],
    ['Our laser therapy cures migraines', 'claims.cure'],
    ['A miracle treatment that can reverse aging', 'claims.cure'],
    ['Clinically proven to whiten 8 shades', 'claims.unsubstantiated'],
    ['Voted the best dentist in Springfield', 'claims.superlative'],
    ['Springfield’s #1 dental practice', 'claims.superlative'],
    ['Our implant specialist is here Mondays', 'claims.specialist'],
    ['Leave us a review and get 10% off your next cleaning', 'claims.review-incentive'],
    ['Post a review to be entered in our gift card raffle', 'claims.review-incentive'],
    ['Loved your visit? Leave us a 5-star review!', 'claims.review-gating'],
    [
      'If you were happy with us, please review us on Google; if not, call us first',
      'claims.review-gating',
    ],
    ['Patient spotlight: see her before and after photos', 'claims.testimonial'],
    ['Tratamiento garantizado y sin dolor', 'claims.guarantee'],
  ])('warns: %s', (text, rule) => {
    expect(rules(text)).toContain(rule);
    expect(check(text).verdict).not.toBe('pass');
  });

  it('lets a testimonial through when an authorization is linked', () => {
    expect(rules('Patient spotlight: her story', { authorizationLinked: true })).not.toContain(
      'claims.testimonial',
    );
  });

  it('does not flag ordinary wording', () => {
    expect(check('Best wishes for the holidays from all of us! Tip #1: floss daily.').verdict).toBe(
      'pass',
    );
    expect(check('Tell us about your experience: every review helps us improve.').verdict).toBe(
      'pass',
    );
  });

  it('blocks face photos without authorization and warns on missing alt text', () => {
    expect(check('Smile!', { media: [{ hasFace: true, altText: 'smiling person' }] }).verdict).toBe(
      'block',
    );
    expect(
      check('Smile!', { media: [{ hasFace: true, altText: 'x' }], authorizationLinked: true })
        .verdict,
    ).toBe('pass');
    expect(rules('Our new lobby', { media: [{}] })).toContain('a11y.alt-text');
  });

  it('blocks the practice’s custom block words', () => {
    expect(check('Get free whitening this week').verdict).toBe('block');
  });

  it('notes hard-to-read posts', () => {
    const text = Array(6)
      .fill(
        'Periodontal inflammation necessitates comprehensive interdisciplinary evaluation, meticulous instrumentation, and individualized maintenance considerations.',
      )
      .join(' ');
    expect(rules(text)).toContain('readability.grade');
    expect(
      rules(
        'Brush twice a day. Floss once a day. See us twice a year. It is easy and it keeps your teeth strong. We can help you do it. Call us to book a visit soon, we would love to see you!',
      ),
    ).not.toContain('readability.grade');
  });
});
