import type { Db } from '../../db/database.js';
import { InterruptibleSleep } from '../../jobs/interruptible-sleep.js';
import type { Mailer } from '../../mail/mailer.js';
import type { SecretBox } from '../../security/secret-box.js';
import { deliverNotificationEmails } from '../notifications/deliver-notification-emails.js';
import type { InboundSources } from './inbound-sources.js';
import { deliverWebhookAlerts } from './outbound-webhooks.js';
import { pollDueSources } from './poll-sources.js';

/** How often a worker looks for due sources and waiting alerts. */
export const REPUTATION_TICK_MS = 5_000;

export interface ReputationLoopDeps {
  db: Db;
  box: SecretBox;
  mailer: Mailer;
  inbound: InboundSources;
  publicUrl: string;
  log: {
    info(obj: object, msg?: string): void;
    error(obj: object, msg?: string): void;
  };
}

/**
 * The reputation work of one worker process, every few seconds: reads the sources that are due
 * (each claimed by one worker, see pollDueSources) and sends every waiting notification email
 * and alert webhook (each claimed once); it is the only sender of notification emails. A
 * once-a-minute cron could not keep the promise that a new review reaches the inbox and the
 * people it concerns within a minute: an item posted just after a poll would wait a whole
 * interval, and its alert up to another.
 */
export class ReputationLoop {
  readonly #sleep = new InterruptibleSleep();
  #loop: Promise<void> | undefined;
  #stopping = false;

  constructor(
    private readonly deps: ReputationLoopDeps,
    private readonly tickMs = REPUTATION_TICK_MS,
  ) {}

  start(): void {
    this.#loop ??= this.#run();
  }

  /** Finishes the tick in progress (a poll stores what it read before it stops). */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#sleep.wake();
    await this.#loop;
  }

  /** One round: poll, then deliver. Exposed for tests; the loop calls it every tick. */
  async tick(): Promise<void> {
    const { db, log } = this.deps;
    await this.#step('reputation poll failed', async () => {
      const report = await pollDueSources(db, { box: this.deps.box, inbound: this.deps.inbound });
      if (report.polled > 0) log.info(report, 'reputation sources polled');
    });
    await this.#step('alert emails failed', async () => {
      const report = await deliverNotificationEmails(db, {
        mailer: this.deps.mailer,
        publicUrl: this.deps.publicUrl,
      });
      if (report.sent + report.failed > 0) log.info(report, 'notification emails');
    });
    await this.#step('alert webhooks failed', async () => {
      const report = await deliverWebhookAlerts(db, {
        box: this.deps.box,
        publicUrl: this.deps.publicUrl,
      });
      if (report.sent + report.failed > 0) log.info(report, 'reputation webhooks delivered');
    });
  }

  async #run(): Promise<void> {
    while (!this.#stopping) {
      await this.tick();
      if (!this.#stopping) await this.#sleep.sleep(this.tickMs);
    }
  }

  /** One failing step (a database hiccup) must not stop the others or the loop. */
  async #step(message: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.deps.log.error({ error: error instanceof Error ? error.name : 'unknown' }, message);
    }
  }
}
