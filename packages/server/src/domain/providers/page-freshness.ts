/**
 * How many public page changes this process has made. A change bumps the practice's cache
 * version in the database in its transaction; this counter lets a process that trusts a version
 * it read a moment ago (PostgreSQL; http/public-page-versions.ts) drop that trust at once. One
 * counter for all practices: changes are rare next to page views, and a read that overlaps any
 * change is never trusted.
 */
let changes = 0;

export function markPagesChanged(_orgId: string): void {
  changes += 1;
}

/** The count so far; http/public-page-versions.ts compares it with the count when it read a version. */
export function pagesChangedCount(): number {
  return changes;
}
