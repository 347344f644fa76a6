import type { JobLog } from '../job-log.js';

/** A logger that keeps every line, so tests can prove what never reaches a log. */
export function captureLog(): {
  log: JobLog;
  lines: { level: string; obj: object; msg?: string }[];
  text(): string;
} {
  const lines: { level: string; obj: object; msg?: string }[] = [];
  const at = (level: string) => (obj: object, msg?: string) =>
    void lines.push({ level, obj, ...(msg !== undefined && { msg }) });
  return {
    log: { info: at('info'), warn: at('warn'), error: at('error') },
    lines,
    text: () => JSON.stringify(lines),
  };
}
