import { createHash } from 'node:crypto';

interface Entry {
  version: number;
  html: string;
  etag: string;
}

/**
 * Rendered public pages by path, each tagged with the practice's cache version. A page is served
 * from here while the version in the database is unchanged; any profile change bumps the version
 * in its transaction, so a stale page is never served, across every server process.
 */
export class PageCache {
  private readonly entries = new Map<string, Entry>();
  constructor(private readonly maxEntries = 2000) {}

  get(path: string, version: number): Entry | null {
    const entry = this.entries.get(path);
    return entry && entry.version === version ? entry : null;
  }

  set(path: string, version: number, html: string): Entry {
    if (this.entries.size >= this.maxEntries && !this.entries.has(path)) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    const entry = {
      version,
      html,
      etag: `"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"`,
    };
    this.entries.set(path, entry);
    return entry;
  }
}
