/**
 * Organizations whose public pages changed in this process since the page routes last looked.
 * The routes trust a practice's cache version for up to a second without reading the database;
 * a change made here clears that trust at once, a change made by another process within the second.
 */
const changed = new Set<string>();

export function markPagesChanged(orgId: string): void {
  changed.add(orgId);
}

/** True (once) when the organization's pages changed in this process since the last call. */
export function takePagesChanged(orgId: string): boolean {
  return changed.delete(orgId);
}
