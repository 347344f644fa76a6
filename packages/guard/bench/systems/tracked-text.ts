/**
 * A string that remembers, for every character, the range of the original text it stands for,
 * so a chain of find-and-replace redactions can be mapped back to spans of the input.
 */
export interface TrackedToken {
  token: string;
  start: number;
  end: number;
}

interface Origin {
  start: number;
  end: number;
  /** Index into `tokenNames` for characters that belong to a replacement token, else -1. */
  token: number;
}

export class TrackedText {
  text: string;
  private origins: Origin[];
  private tokenNames: string[] = [];

  constructor(original: string) {
    this.text = original;
    this.origins = [];
    for (let i = 0; i < original.length; i++)
      this.origins.push({ start: i, end: i + 1, token: -1 });
  }

  /** Replaces non-overlapping ranges of the current text (ascending) with `token`, like `String.replace` with a global regex. */
  replaceAll(ranges: ReadonlyArray<{ start: number; end: number }>, token: string): void {
    if (ranges.length === 0) return;
    let text = '';
    const origins: Origin[] = [];
    let cursor = 0;
    for (const range of ranges) {
      text += this.text.slice(cursor, range.start);
      origins.push(...this.origins.slice(cursor, range.start));
      const covered = this.origins.slice(range.start, range.end);
      const anchor = this.origins[range.start]?.start ?? this.origins.at(-1)?.end ?? 0;
      const start = covered.length ? Math.min(...covered.map((o) => o.start)) : anchor;
      const end = covered.length ? Math.max(...covered.map((o) => o.end)) : anchor;
      const id = this.tokenNames.push(token) - 1;
      text += token;
      for (let i = 0; i < token.length; i++) origins.push({ start, end, token: id });
      cursor = range.end;
    }
    text += this.text.slice(cursor);
    origins.push(...this.origins.slice(cursor));
    this.text = text;
    this.origins = origins;
  }

  /** The replacement tokens left in the final text, each with the original range it covers. */
  tokens(): TrackedToken[] {
    const out: TrackedToken[] = [];
    let last = -1;
    for (const origin of this.origins) {
      if (origin.token === -1 || origin.token === last) {
        if (origin.token === -1) last = -1;
        continue;
      }
      last = origin.token;
      out.push({
        token: this.tokenNames[origin.token] ?? '',
        start: origin.start,
        end: origin.end,
      });
    }
    return out;
  }
}
