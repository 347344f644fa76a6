import type { Role } from '../../db/schema.js';

export const roles: readonly Role[] = [
  'owner',
  'admin',
  'marketer',
  'compliance_officer',
  'clinician',
  'front_desk',
  'viewer',
];

const everyone = roles;
const managers = ['owner', 'admin'] as const;
/** Who sees people and the audit trail: managers and the compliance officer. */
const oversight = ['owner', 'admin', 'compliance_officer'] as const;
/** Who writes posts: clinicians and marketers, and the people who oversee them. */
const authors = ['owner', 'admin', 'marketer', 'compliance_officer', 'clinician'] as const;

/**
 * Every action a member can take inside an organization, and the roles that may take it.
 * This table is the one place that decides; routes name an action, never a role.
 */
export const permissions = {
  'org.read': everyone,
  'org.update': managers,
  /** The home page's "What needs you": counts and links, each section as the viewer's role allows. */
  'dashboard.read': everyone,
  'location.read': everyone,
  'location.manage': managers,
  'channel.read': everyone,
  /** Connect, reconnect and check a social account: managers and the marketers who run them. */
  'channel.connect': ['owner', 'admin', 'marketer'],
  /** Disconnect an account (its pending posts pause): managers only. */
  'channel.manage': managers,
  'provider.read': everyone,
  /** Create providers, import NPPES and PubMed files, listings, the public page; propose edits to any profile. */
  'provider.manage': ['owner', 'admin', 'marketer'],
  /** Edit a profile: clinicians their own (applied at once); others' edits wait for the clinician. */
  'provider.edit': ['owner', 'admin', 'marketer', 'clinician'],
  /** Approve changes to, and confirm publications of, one's own profile (the operation checks whose). */
  'provider.approve': ['owner', 'admin', 'marketer', 'compliance_officer', 'clinician'],
  'member.read': oversight,
  'member.manage': managers,
  'invitation.manage': managers,
  'audit.read': oversight,
  'audit.export': oversight,
  /** Patient authorizations name patients: viewers do not see them (minimum necessary, 164.502(b)). */
  'consent.read': ['owner', 'admin', 'compliance_officer', 'marketer', 'clinician', 'front_desk'],
  /** Send a signing link or open tablet signing; the front desk does this with the patient there. */
  'consent.request': ['owner', 'admin', 'compliance_officer', 'marketer', 'front_desk'],
  /** Link an authorization to a post or tag media with it: whoever writes posts. */
  'consent.link': ['owner', 'admin', 'compliance_officer', 'marketer', 'clinician'],
  /** Form templates, paper forms, the takedown checklist. */
  'consent.manage': oversight,
  /** Record a written revocation: whoever receives one, so it takes effect at once. */
  'consent.revoke': ['owner', 'admin', 'compliance_officer', 'front_desk'],
  'consent.export': oversight,
  'notification.read': everyone,
  'guard.check': ['owner', 'admin', 'marketer', 'compliance_officer', 'clinician', 'front_desk'],
  /** The reputation inbox: reviews, comments and mentions with PHI masked, their notes and replies. */
  'review.read': everyone,
  /** Draft replies (the guard checks them), add internal notes, mark replies posted by hand. */
  'review.respond': ['owner', 'admin', 'marketer', 'compliance_officer', 'front_desk'],
  /** Assign, change status, approve replies, sources, SLA settings and outbound webhooks. */
  'review.manage': ['owner', 'admin', 'marketer', 'compliance_officer'],
  /** See an item's PHI unmasked; every time is an audit event. */
  'review.unmask': oversight,
  /** Import reviews from CSV/JSON exports and notification emails. */
  'review.import': ['owner', 'admin', 'marketer'],
  'post.read': everyone,
  'post.write': authors,
  /** Who may ever approve; the organization's settings narrow it, and nobody approves their own post. */
  'post.approve': ['owner', 'admin', 'compliance_officer', 'marketer', 'clinician'],
  'post.settings': managers,
  /** The reputation dashboard and its CSV: aggregates only (counts, ratings, response times), never an item's text or author. */
  'reputation.dashboard': everyone,
  /** Put approved posts on the calendar, move them, set queue times, settle unconfirmed ones. */
  'post.schedule': ['owner', 'admin', 'marketer', 'compliance_officer'],
  /** Take published posts down from the networks (consent revocations do it too). */
  'post.delete': ['owner', 'admin', 'marketer', 'compliance_officer'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof permissions;
export const actions = Object.keys(permissions) as Action[];

export function can(role: Role, action: Action): boolean {
  return (permissions[action] as readonly Role[]).includes(role);
}

/**
 * Role changes have one more rule: only an owner grants or removes ownership, and an
 * organization always keeps at least one owner (checked by the operation, which sees the count).
 */
export function canAssignRole(
  actorRole: Role,
  fromRole: Role | null,
  toRole: Role | null,
): boolean {
  if (!can(actorRole, 'member.manage')) return false;
  if (toRole === 'owner' || fromRole === 'owner') return actorRole === 'owner';
  return true;
}
