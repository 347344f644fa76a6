import { z } from 'zod';
import { roles } from '../../domain/policy/policy.js';

export const sessionSchema = z.object({
  user: z.object({ id: z.string(), name: z.string(), email: z.string(), totpEnabled: z.boolean() }),
  memberships: z.array(
    z.object({
      orgId: z.string(),
      orgName: z.string(),
      role: z.enum(roles as [string, ...string[]]),
    }),
  ),
  idleTimeoutMinutes: z.number(),
  totpSetupRequired: z.boolean(),
});
