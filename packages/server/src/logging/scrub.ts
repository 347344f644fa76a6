/**
 * Masks what could be PHI or a secret in free text that reaches a log (error messages from
 * drivers quote the values they choke on): emails, digit runs, quoted values, tokens.
 */
export function scrubText(text: string): string {
  return text
    .slice(0, 4000)
    .replace(/[^\s"'<>()@,;:]+@[^\s"'<>()@,;:]+/g, '[email]')
    .replace(/"[^"\n]{0,500}"|'[^'\n]{0,500}'/g, '[value]')
    .replace(/\(([^()\n]{0,200})\)=\(([^()\n]{0,500})\)/g, '($1)=([value])')
    .replace(/[A-Za-z0-9_-]{32,}/g, '[token]')
    .replace(/\d[\d\s().-]{2,}\d/g, '[digits]');
}
