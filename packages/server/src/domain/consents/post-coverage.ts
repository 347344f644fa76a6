import type { CheckResult, Finding, FindingCategory } from '@bedside/guard';
import type { DbOrTx } from '../../db/database.js';
import { notFound } from '../../errors.js';
import { checkText } from '../guard/check-text.js';
import type { ContentType, RecipientChannel } from './authorization.js';
import { loadParts, toRecord } from './authorization-rows.js';
import { authorizationCovers } from './covers.js';

/** Guard categories that identify a person (Safe Harbor, 164.514(b)(2)) or say someone is a patient. */
const patientCategories: ReadonlySet<FindingCategory> = new Set<FindingCategory>([
  'name',
  'geographic',
  'date',
  'age',
  'phone',
  'fax',
  'email',
  'ssn',
  'medical_record_number',
  'health_plan_number',
  'account_number',
  'license_number',
  'vehicle_identifier',
  'device_identifier',
  'ip_address',
  'biometric',
  'photo',
  'other_identifier',
  'patient_relationship',
]);

export type PostCoverageGap =
  | {
      code: 'authorization-required';
      reason: string;
      /** Why Bedside thinks the post features a patient. */
      because: ('patient-story' | 'patient-identifiers')[];
    }
  | {
      code: 'authorization-does-not-cover';
      reason: string;
      authorizationId: string;
      reasons: string[];
    };

export interface PostCoverageOptions {
  orgId: string;
  postId: string;
  /** When the post will be published. */
  at: Date;
  /** The practice's knowledge now (revocations); defaults to the current time. */
  now?: Date;
}

/**
 * Whether a post may be scheduled or published as far as patient authorizations go (164.508(a)(1),
 * (a)(3)): null when nothing is missing, or the gap in words the composer shows.
 *
 * A post features a patient when its author marked it a patient story or the guard finds patient
 * identifiers (or a testimonial or a face) in any variant. Such a post must link at least one
 * authorization. Every authorization the post depends on — linked to it, or tagged on one of its
 * media — must then cover it: signed, in effect on `at`, listing every network the post goes to and
 * the content it answers for: a tagged image needs photos; a linked authorization the post's words
 * (the name too when the guard finds one) and photos of any image that has no tag of its own.
 *
 * @example
 * const gap = await findPostCoverageGap(tx, { orgId, postId, at: new Date(scheduledAt) });
 * if (gap) throw conflict(gap.reason);
 */
export async function findPostCoverageGap(
  db: DbOrTx,
  options: PostCoverageOptions,
): Promise<PostCoverageGap | null> {
  const post = await db
    .selectFrom('posts')
    .select(['id', 'patientStory'])
    .where('orgId', '=', options.orgId)
    .where('id', '=', options.postId)
    .executeTakeFirst();
  if (!post) throw notFound('The post');
  const variants = await db
    .selectFrom('postVariants')
    .select(['network', 'text'])
    .where('postId', '=', post.id)
    // A channel taken off the post keeps its variant row (for its history) but is not published to.
    .where('removedAt', 'is', null)
    .execute();
  const media = await db
    .selectFrom('postMedia')
    .innerJoin('mediaAssets', 'mediaAssets.id', 'postMedia.mediaId')
    .select(['postMedia.mediaId', 'mediaAssets.altText'])
    .where('postMedia.postId', '=', post.id)
    .execute();

  const results = await Promise.all(
    variants.map((v) =>
      checkText(db, {
        orgId: options.orgId,
        text: v.text,
        kind: 'post',
        media: media.map((m) => ({ altText: m.altText })),
      }),
    ),
  );
  const findings = results.flatMap((r: CheckResult) => r.findings).filter(featuresPatient);
  const because: ('patient-story' | 'patient-identifiers')[] = [];
  if (post.patientStory === 1) because.push('patient-story');
  if (findings.length > 0) because.push('patient-identifiers');

  const deps = await dependencies(db, {
    postId: post.id,
    mediaIds: media.map((m) => m.mediaId),
  });
  const authorizationIds = [...deps.keys()];
  if (authorizationIds.length === 0) {
    if (because.length === 0) return null;
    return {
      code: 'authorization-required',
      because,
      reason:
        post.patientStory === 1
          ? 'This post tells a patient story: link a signed authorization from the patient before scheduling it.'
          : 'This post appears to identify a patient: link a signed authorization from the patient, or remove what identifies them.',
    };
  }

  const words = wordTypesUsed(findings);
  const anyLinked = [...deps.values()].some((d) => d.linked);
  const untaggedMedia = media.some((m) => ![...deps.values()].some((d) => d.media.has(m.mediaId)));
  const rows = await db
    .selectFrom('authorizations')
    .selectAll()
    .where('orgId', '=', options.orgId)
    .where('id', 'in', authorizationIds)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  for (const stored of await loadParts(db, rows)) {
    const dep = deps.get(stored.row.id);
    const coverage = authorizationCovers(toRecord(stored), {
      contentTypes: contentTypesFor(dep, {
        words,
        featuresPatient: because.length > 0,
        anyLinked,
        untaggedMedia,
      }),
      networks: [...new Set(variants.map((v) => v.network as RecipientChannel))],
      publishAt: options.at,
      now: options.now ?? new Date(),
      timeZone: stored.row.timeZone,
    });
    if (!coverage.covered) {
      return {
        code: 'authorization-does-not-cover',
        authorizationId: stored.row.id,
        reasons: coverage.reasons,
        reason: `${dep?.linked ? 'A linked authorization' : 'The authorization an image is tagged with'} does not cover this post: ${coverage.reasons.join(' ')}`,
      };
    }
  }
  return null;
}

function featuresPatient(finding: Finding): boolean {
  if (finding.severity === 'info') return false;
  return patientCategories.has(finding.category) || finding.fix?.kind === 'link-authorization';
}

/** The post's own words always; the name when the guard sees one. */
function wordTypesUsed(findings: Finding[]): ContentType[] {
  const types: ContentType[] = ['text'];
  if (findings.some((f) => f.category === 'name')) types.push('name');
  return types;
}

/**
 * What one authorization must cover. An image tagged with it: photos. Linked to the post: its
 * words, and photos when an image carries no tag of its own (the link is then all that covers it).
 * With nothing linked, the tagged authorizations are all there is: when the words feature the
 * patient too (a patient story, identifiers), they must cover the words as well.
 */
function contentTypesFor(
  dep: Dependency | undefined,
  post: {
    words: ContentType[];
    featuresPatient: boolean;
    anyLinked: boolean;
    untaggedMedia: boolean;
  },
): ContentType[] {
  const types = new Set<ContentType>();
  if (dep?.linked || (!post.anyLinked && post.featuresPatient))
    for (const t of post.words) types.add(t);
  if (dep && dep.media.size > 0) types.add('photo');
  if (dep?.linked && post.untaggedMedia) types.add('photo');
  return [...types];
}

interface Dependency {
  linked: boolean;
  /** The post's images tagged with this authorization. */
  media: Set<string>;
}

/** Authorizations linked to the post or tagged on its media, and how each is involved. */
async function dependencies(
  db: DbOrTx,
  options: { postId: string; mediaIds: string[] },
): Promise<Map<string, Dependency>> {
  const linked = await db
    .selectFrom('postAuthorizations')
    .select('authorizationId')
    .where('postId', '=', options.postId)
    .execute();
  const tagged =
    options.mediaIds.length === 0
      ? []
      : await db
          .selectFrom('mediaAuthorizations')
          .select(['authorizationId', 'mediaId'])
          .where('mediaId', 'in', options.mediaIds)
          .execute();
  const deps = new Map<string, Dependency>();
  const entry = (id: string): Dependency => {
    const found = deps.get(id) ?? { linked: false, media: new Set<string>() };
    deps.set(id, found);
    return found;
  };
  for (const row of linked) entry(row.authorizationId).linked = true;
  for (const row of tagged) entry(row.authorizationId).media.add(row.mediaId);
  return deps;
}
