/**
 * The project's social-media corpus: practice posts, patient reviews, replies to them and
 * review-request messages, with labelled HIPAA spans and document labels. Deterministic for a
 * given seed: the same seed gives byte-identical output on every machine.
 */
import type { CheckKind, GuardContext } from '../../src/types.js';
import type { HipaaCategory } from '../types.js';
import { buildPractices } from './practices.js';
import type { Practice } from './practices.js';
import { Rng } from './rng.js';
import type { Lang } from './scene.js';
import { makeScene } from './scene.js';
import type { Rendered, Scene } from './span-text.js';
import { render } from './span-text.js';
import { CLEAN_MESSAGES, PHI_MESSAGES } from './templates-messages.js';
import { CLEAN_POSTS, LONG_POST_PARTS, PATIENT_POSTS } from './templates-posts.js';
import type { ReplySet } from './templates-replies.js';
import {
  DEFENSIVE,
  DEFENSIVE_IDENTIFIED,
  FRIENDLY,
  FRIENDLY_IDENTIFIED,
  NAMES_REVIEWER,
  SAFE,
} from './templates-replies.js';
import { REVIEWS } from './templates-reviews.js';

export const CORPUS_SEED = 20240917;

/** One line of corpus.jsonl. */
export interface CorpusItem {
  id: string;
  /** Index into contexts.json. */
  practice: number;
  kind: CheckKind;
  subtype: string;
  lang: Lang;
  text: string;
  /** Replies: the review being answered. */
  review?: string;
  spans: Array<{ start: number; end: number; category: HipaaCategory; text: string }>;
  should_block: boolean;
  /** Replies: confirms the reviewer is or was a patient. */
  discloses_relationship?: boolean;
  /** Inbound reviews: the reviewer disclosed identifiers (scored at span level only). */
  contains_phi?: boolean;
}

export interface Corpus {
  seed: number;
  contexts: GuardContext[];
  items: CorpusItem[];
}

/** How many items of each sub-type to generate. */
export const COUNTS = {
  post: {
    educational: 220,
    event: 180,
    'provider-intro': 140,
    staff: 90,
    office: 110,
    long: 100,
    patient: 260,
  },
  review: { positive: 380, negative: 480 },
  reply: {
    friendly: 170,
    'friendly-identifiers': 110,
    defensive: 160,
    'defensive-identifiers': 200,
    safe: 330,
    'names-reviewer': 80,
  },
  message: { clean: 220, phi: 360 },
} as const;

const REPLY_SETS: Record<
  keyof typeof COUNTS.reply,
  { set: ReplySet; discloses: boolean; block: boolean; review: 'positive' | 'negative' | 'any' }
> = {
  friendly: { set: FRIENDLY, discloses: true, block: true, review: 'positive' },
  'friendly-identifiers': {
    set: FRIENDLY_IDENTIFIED,
    discloses: true,
    block: true,
    review: 'positive',
  },
  defensive: { set: DEFENSIVE, discloses: true, block: true, review: 'negative' },
  'defensive-identifiers': {
    set: DEFENSIVE_IDENTIFIED,
    discloses: true,
    block: true,
    review: 'negative',
  },
  safe: { set: SAFE, discloses: false, block: false, review: 'any' },
  'names-reviewer': { set: NAMES_REVIEWER, discloses: false, block: true, review: 'any' },
};

function pickLang(rng: Rng, spanishShare: number, set: { es: readonly string[] }): Lang {
  return set.es.length > 0 && rng.chance(spanishShare) ? 'es' : 'en';
}

function renderLongPost(rng: Rng, scene: Scene): Rendered {
  for (;;) {
    const parts = rng.sample(LONG_POST_PARTS, LONG_POST_PARTS.length);
    let template = '';
    for (const part of parts) {
      template = template ? `${template} ${part}` : part;
      if (render(template, scene).text.length >= 430) break;
    }
    const rendered = render(template, scene);
    if (rendered.text.length >= 430 && rendered.text.length <= 620) return rendered;
  }
}

class CorpusBuilder {
  readonly items: CorpusItem[] = [];

  constructor(
    private readonly rng: Rng,
    private readonly practices: Practice[],
  ) {}

  private practiceIndex(): number {
    return this.rng.int(0, this.practices.length - 1);
  }

  private scene(practice: number, lang: Lang): Scene {
    return makeScene(this.rng, this.practices[practice] as Practice, lang);
  }

  private push(item: Omit<CorpusItem, 'id'>): void {
    this.items.push({ id: `corpus-${String(this.items.length + 1).padStart(5, '0')}`, ...item });
  }

  posts(): void {
    for (const [subtype, count] of Object.entries(COUNTS.post)) {
      for (let i = 0; i < count; i++) {
        const practice = this.practiceIndex();
        if (subtype === 'long') {
          const { text, spans } = renderLongPost(this.rng, this.scene(practice, 'en'));
          this.push({
            practice,
            kind: 'post',
            subtype: 'post.long',
            lang: 'en',
            text,
            spans,
            should_block: false,
          });
          continue;
        }
        const set = subtype === 'patient' ? PATIENT_POSTS : (CLEAN_POSTS[subtype] ?? PATIENT_POSTS);
        const lang = pickLang(this.rng, 0.08, set);
        const { text, spans } = render(this.rng.pick(set[lang]), this.scene(practice, lang));
        this.push({
          practice,
          kind: 'post',
          subtype: `post.${subtype}`,
          lang,
          text,
          spans,
          should_block: subtype === 'patient',
        });
      }
    }
  }

  private review(scene: Scene, lang: Lang, sentiment: 'positive' | 'negative'): Rendered {
    return render(this.rng.pick(REVIEWS[sentiment][lang]), scene);
  }

  reviews(): void {
    for (const sentiment of ['positive', 'negative'] as const) {
      for (let i = 0; i < COUNTS.review[sentiment]; i++) {
        const practice = this.practiceIndex();
        const lang = pickLang(this.rng, 0.15, REVIEWS[sentiment]);
        const { text, spans } = this.review(this.scene(practice, lang), lang, sentiment);
        this.push({
          practice,
          kind: 'inbound',
          subtype: `review.${sentiment}`,
          lang,
          text,
          spans,
          // A received review is never published, so never blocked; contains_phi says whether it holds identifiers.
          should_block: false,
          contains_phi: spans.length > 0,
        });
      }
    }
  }

  replies(): void {
    for (const [subtype, count] of Object.entries(COUNTS.reply) as Array<
      [keyof typeof COUNTS.reply, number]
    >) {
      const spec = REPLY_SETS[subtype];
      for (let i = 0; i < count; i++) {
        const practice = this.practiceIndex();
        const sentiment =
          spec.review === 'any' ? (this.rng.chance(0.5) ? 'positive' : 'negative') : spec.review;
        const reviewLang = pickLang(this.rng, 0.15, REVIEWS[sentiment]);
        const lang: Lang =
          reviewLang === 'es' && spec.set.es.length > 0 && this.rng.chance(0.6) ? 'es' : 'en';
        // Reviewer and reply share one scene: the reply may echo what the reviewer disclosed.
        const scene = this.scene(practice, reviewLang === 'es' || lang === 'es' ? 'es' : 'en');
        const review = this.review(scene, reviewLang, sentiment).text;
        const { text, spans } = render(this.rng.pick(spec.set[lang]), scene);
        this.push({
          practice,
          kind: 'reply',
          subtype: `reply.${subtype}`,
          lang,
          text,
          review,
          spans,
          should_block: spec.block,
          discloses_relationship: spec.discloses,
        });
      }
    }
  }

  messages(): void {
    for (const [subtype, set] of [
      ['clean', CLEAN_MESSAGES],
      ['phi', PHI_MESSAGES],
    ] as const) {
      for (let i = 0; i < COUNTS.message[subtype]; i++) {
        const practice = this.practiceIndex();
        const lang = pickLang(this.rng, 0.12, set);
        const { text, spans } = render(this.rng.pick(set[lang]), this.scene(practice, lang));
        this.push({
          practice,
          kind: 'message',
          subtype: `message.${subtype}`,
          lang,
          text,
          spans,
          should_block: subtype === 'phi',
        });
      }
    }
  }
}

export function generateCorpus(seed = CORPUS_SEED): Corpus {
  const rng = new Rng(seed);
  const practices = buildPractices(rng);
  const builder = new CorpusBuilder(rng, practices);
  builder.posts();
  builder.reviews();
  builder.replies();
  builder.messages();
  return { seed, contexts: practices.map((p) => p.context), items: builder.items };
}

/** The corpus as the committed files hold it. */
export function serializeCorpus(corpus: Corpus): { jsonl: string; contexts: string } {
  return {
    jsonl: corpus.items.map((item) => JSON.stringify(item)).join('\n') + '\n',
    contexts: JSON.stringify({ seed: corpus.seed, contexts: corpus.contexts }, null, 2) + '\n',
  };
}
