import { z } from 'zod';
import { verifyAuditChain } from '../../domain/audit/verify-audit-chain.js';
import { recordAuditEvent } from '../../domain/audit/record-audit-event.js';
import { SYSTEM_ORG, systemActor } from '../../domain/audit/audit-types.js';
import { purgeExpiredSessions } from '../../domain/auth/sessions.js';
import type { JobDefinition, JobServices } from '../job-runner.js';
import { purgeFinishedJobs } from '../job-store.js';
import { providerJobs } from '../../domain/providers/provider-jobs.js';
import { consentJobs } from '../../domain/consents/consent-jobs.js';
import { reputationJobs } from '../../domain/reputation/reputation-jobs.js';

const noPayload = z.object({}).strict();

/** Removes sessions past their absolute lifetime. Idle ones are refused when used, and go here later. */
export const purgeSessionsJob: JobDefinition<Record<string, never>> = {
  id: 'sessions.purge-expired',
  payload: noPayload,
  cron: '17 * * * *',
  async handler(_payload, { db, log }) {
    const removed = await purgeExpiredSessions(db);
    log.info({ removed }, 'expired sessions purged');
  },
};

/** Walks every audit chain nightly and records the result, so a broken chain is noticed the next day. */
export const verifyAuditJob: JobDefinition<Record<string, never>> = {
  id: 'audit.verify-chains',
  payload: noPayload,
  cron: '41 3 * * *',
  async handler(_payload, { db, log }) {
    const report = await verifyAuditChain(db);
    if (!report.ok)
      log.error(
        { breaks: report.breaks.map((b) => ({ orgId: b.orgId, seq: b.seq })) },
        'audit chain broken',
      );
    await recordAuditEvent(db, {
      orgId: SYSTEM_ORG,
      actor: systemActor,
      action: 'audit.verified',
      outcome: report.ok ? 'success' : 'failure',
      details: { chains: report.chains, events: report.events, broken: report.breaks.length },
    });
  },
};

/** Finished jobs are kept a week for troubleshooting, then deleted with their payloads. */
export const FINISHED_JOB_RETENTION_DAYS = 7;

/**
 * Deletes finished rows of the in-process queue (embedded SQLite). pg-boss archives and deletes
 * its own on PostgreSQL, so there the `jobs` table is empty and this finds nothing.
 */
export const purgeFinishedJobsJob: JobDefinition<Record<string, never>> = {
  id: 'jobs.purge-finished',
  payload: noPayload,
  cron: '29 4 * * *',
  async handler(_payload, { db, log }) {
    const before = new Date(Date.now() - FINISHED_JOB_RETENTION_DAYS * 86_400_000);
    const removed = await purgeFinishedJobs(db, before);
    log.info({ removed }, 'finished jobs purged');
  },
};

export const foundationJobs: JobDefinition<Record<string, never>>[] = [
  purgeSessionsJob,
  verifyAuditJob,
  purgeFinishedJobsJob,
];

/**
 * Every background job Bedside runs. Areas whose jobs need more than the database (mail, sealed
 * credentials, connectors) export a factory that takes the services; add one line here.
 */
export function jobDefinitions(services: JobServices): JobDefinition<never>[] {
  return [
    ...foundationJobs,
    ...providerJobs,
    ...consentJobs(services),
    ...reputationJobs(),
  ] as JobDefinition<never>[];
}
