import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addComment, resolveComment } from '../../domain/posts/comments.js';
import { createDraft } from '../../domain/posts/create-draft.js';
import { listComposeChannels } from '../../domain/posts/compose-channels.js';
import { listPosts } from '../../domain/posts/list-posts.js';
import { getPost } from '../../domain/posts/post-view.js';
import {
  getPublishingSettings,
  updatePublishingSettings,
} from '../../domain/posts/publishing-settings.js';
import { returnToDraft } from '../../domain/posts/return-to-draft.js';
import { approvePost, declinePost } from '../../domain/posts/review-post.js';
import { submitForReview } from '../../domain/posts/submit-for-review.js';
import { updatePost } from '../../domain/posts/update-post.js';
import { roles } from '../../domain/policy/policy.js';
import type { AppServices } from '../services.js';
import { invalid } from '../../errors.js';
import { memberOf, orgParams } from './route-kit.js';
import { postSchema, postSummarySchema, composeChannelSchema } from './post-schemas.js';

const postParams = orgParams.extend({ postId: z.string().min(1).max(64) });
const id = z.string().min(1).max(64);
const statuses = [
  'draft',
  'in_review',
  'approved',
  'scheduled',
  'publishing',
  'published',
  'partially_published',
  'failed',
  'unconfirmed',
  'rejected',
] as const;

const contentBody = {
  locationId: id,
  baseText: z.string().max(10_000),
  campaign: z.string().max(100).optional(),
  patientStory: z.boolean().optional(),
  variants: z
    .array(z.strictObject({ channelId: id, text: z.string().max(10_000) }))
    .max(20)
    .optional(),
  mediaIds: z.array(id).max(10).optional(),
};
const justification = z.string().max(4000).optional();
const version = z.number().int().positive();
const settingsSchema = z.strictObject({
  approverRoles: z.array(z.enum(roles as [string, ...string[]])).max(7),
  complianceOnWarning: z.boolean(),
  websiteDomains: z.array(z.string().max(300)).max(20),
  utmEnabled: z.boolean(),
});

/**
 * Posts: compose (draft, edit), submit for review, approve / request changes / reject, inline
 * comments, and the organization's publishing settings. Scheduling is dispatch's (calendar routes).
 */
export function postRoutes(services: AppServices): FastifyPluginAsyncZod {
  const { db } = services.database;
  return async (app) => {
    app.get(
      '/orgs/:orgId/posts',
      {
        config: { access: { kind: 'org', action: 'post.read' } },
        schema: {
          tags: ['posts'],
          summary: 'Posts, newest first; `status` filters (comma-separated)',
          params: orgParams,
          querystring: z.strictObject({ status: z.string().max(200).optional() }),
          response: { 200: z.object({ posts: z.array(postSummarySchema) }) },
        },
      },
      async (request) => {
        const wanted = request.query.status?.split(',').filter(Boolean) ?? [];
        const parsed = z.array(z.enum(statuses)).safeParse(wanted);
        if (!parsed.success) throw invalid({ status: `Use any of: ${statuses.join(', ')}.` });
        return {
          posts: await listPosts(db, {
            orgId: request.params.orgId,
            viewer: { userId: request.actor.userId ?? '', role: memberOf(request).role },
            statuses: parsed.data,
          }),
        };
      },
    );

    app.get(
      '/orgs/:orgId/compose/channels',
      {
        config: { access: { kind: 'org', action: 'post.read' } },
        schema: {
          tags: ['posts'],
          summary: "A location's channels with each one's text limit, for the composer",
          params: orgParams,
          querystring: z.strictObject({ locationId: id }),
          response: { 200: z.object({ channels: z.array(composeChannelSchema) }) },
        },
      },
      async (request) => ({
        channels: await listComposeChannels(db, {
          orgId: request.params.orgId,
          locationId: request.query.locationId,
        }),
      }),
    );

    app.post(
      '/orgs/:orgId/posts',
      {
        config: { access: { kind: 'org', action: 'post.write' } },
        schema: {
          tags: ['posts'],
          summary: 'Start a draft',
          params: orgParams,
          body: z.strictObject(contentBody),
          response: { 201: postSchema },
        },
      },
      async (request, reply) => {
        const post = await createDraft(db, request.actor, {
          orgId: request.params.orgId,
          ...request.body,
        });
        return reply.status(201).send(post);
      },
    );

    app.get(
      '/orgs/:orgId/posts/:postId',
      {
        config: { access: { kind: 'org', action: 'post.read' } },
        schema: {
          tags: ['posts'],
          summary: 'One post',
          params: postParams,
          response: { 200: postSchema },
        },
      },
      async (request) => getPost(db, request.params),
    );

    app.put(
      '/orgs/:orgId/posts/:postId',
      {
        config: { access: { kind: 'org', action: 'post.write' } },
        schema: {
          tags: ['posts'],
          summary: 'Save a new version (an approved or scheduled post goes back to review)',
          params: postParams,
          body: z.strictObject({ ...contentBody, version, overrideJustification: justification }),
          response: { 200: postSchema },
        },
      },
      async (request) => {
        const { version: v, overrideJustification, ...input } = request.body;
        return updatePost(db, {
          actor: request.actor,
          ...request.params,
          version: v,
          input,
          overrideJustification,
        });
      },
    );

    app.post(
      '/orgs/:orgId/posts/:postId/submit',
      {
        config: { access: { kind: 'org', action: 'post.write' } },
        schema: {
          tags: ['posts'],
          summary: 'Submit a draft for review (the guard re-checks; warnings need a justification)',
          params: postParams,
          body: z.strictObject({ version, overrideJustification: justification }),
          response: { 200: postSchema },
        },
      },
      async (request) =>
        submitForReview(db, { actor: request.actor, ...request.params, ...request.body }),
    );

    app.post(
      '/orgs/:orgId/posts/:postId/withdraw',
      {
        config: { access: { kind: 'org', action: 'post.write' } },
        schema: {
          tags: ['posts'],
          summary: 'Take a post in review, approved or scheduled back to draft',
          params: postParams,
          body: z.strictObject({ reason: z.string().trim().min(1).max(500) }),
          response: { 200: postSchema },
        },
      },
      async (request) => {
        await returnToDraft(db, {
          actor: request.actor,
          ...request.params,
          reason: request.body.reason,
        });
        return getPost(db, request.params);
      },
    );

    app.post(
      '/orgs/:orgId/posts/:postId/approve',
      {
        config: { access: { kind: 'org', action: 'post.approve' } },
        schema: {
          tags: ['posts'],
          summary: 'Approve the version you reviewed',
          params: postParams,
          body: z.strictObject({ version, note: z.string().max(4000).optional() }),
          response: { 200: postSchema },
        },
      },
      async (request) =>
        approvePost(db, {
          actor: request.actor,
          role: memberOf(request).role,
          ...request.params,
          ...request.body,
        }),
    );

    for (const [path, decision] of [
      ['request-changes', 'changes_requested'],
      ['reject', 'rejected'],
    ] as const)
      app.post(
        `/orgs/:orgId/posts/:postId/${path}`,
        {
          config: { access: { kind: 'org', action: 'post.approve' } },
          schema: {
            tags: ['posts'],
            summary:
              decision === 'rejected'
                ? 'Reject the post, with a reason'
                : 'Send the post back to its author, with what to change',
            params: postParams,
            body: z.strictObject({ version, reason: z.string().max(4000) }),
            response: { 200: postSchema },
          },
        },
        async (request) =>
          declinePost(db, {
            actor: request.actor,
            role: memberOf(request).role,
            ...request.params,
            ...request.body,
            decision,
          }),
      );

    app.post(
      '/orgs/:orgId/posts/:postId/comments',
      {
        config: { access: { kind: 'org', action: 'post.write' } },
        schema: {
          tags: ['posts'],
          summary: 'Comment on a post, optionally on a stretch of one variant’s text',
          params: postParams,
          body: z.strictObject({
            body: z.string().max(4000),
            variantId: id.optional(),
            anchorStart: z.number().int().min(0).max(100_000).optional(),
            anchorEnd: z.number().int().min(0).max(100_000).optional(),
          }),
        },
      },
      async (request, reply) => {
        const comment = await addComment(db, {
          actor: request.actor,
          ...request.params,
          input: request.body,
        });
        return reply.status(201).send(comment);
      },
    );

    app.post(
      '/orgs/:orgId/posts/:postId/comments/:commentId/resolve',
      {
        config: { access: { kind: 'org', action: 'post.write' } },
        schema: {
          tags: ['posts'],
          summary: 'Mark a comment as dealt with',
          params: postParams.extend({ commentId: id }),
        },
      },
      async (request, reply) => {
        await resolveComment(db, { actor: request.actor, ...request.params });
        return reply.status(204).send();
      },
    );

    app.get(
      '/orgs/:orgId/publishing-settings',
      {
        config: { access: { kind: 'org', action: 'post.read' } },
        schema: {
          tags: ['posts'],
          summary:
            'Who approves posts, and the practice’s own website domains (for UTM parameters)',
          params: orgParams,
          response: { 200: settingsSchema },
        },
      },
      async (request) => getPublishingSettings(db, request.params.orgId),
    );

    app.put(
      '/orgs/:orgId/publishing-settings',
      {
        config: { access: { kind: 'org', action: 'post.settings' } },
        schema: {
          tags: ['posts'],
          summary: 'Change who approves posts and the website domains',
          params: orgParams,
          body: settingsSchema,
          response: { 200: settingsSchema },
        },
      },
      async (request) =>
        services.database.db.transaction().execute((tx) =>
          updatePublishingSettings(tx, {
            actor: request.actor,
            orgId: request.params.orgId,
            settings: request.body as Parameters<typeof updatePublishingSettings>[1]['settings'],
          }),
        ),
    );
  };
}
