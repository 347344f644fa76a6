/** IANA time zones for a select: the browser's zone first, common US zones next, then all. */
export interface TimeZoneGroup {
  group: string;
  zones: string[];
}

const usZones = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'Pacific/Honolulu',
  'America/Puerto_Rico',
];

export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'America/New_York';
  } catch {
    return 'America/New_York';
  }
}

export function allTimeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return usZones;
  }
}

export function timeZoneGroups(options: { current: string; all: string[] }): TimeZoneGroup[] {
  const all = options.all.includes(options.current)
    ? options.all
    : [options.current, ...options.all];
  const common = usZones.filter((zone) => all.includes(zone));
  return [
    { group: 'Common in the United States', zones: common },
    { group: 'All time zones', zones: all },
  ];
}

/** "America/New_York" → "New York — America (GMT-5)". */
export function timeZoneLabel(zone: string, at = new Date()): string {
  const parts = zone.split('/');
  const city = (parts[parts.length - 1] ?? zone).replace(/_/g, ' ');
  const region = parts.length > 1 ? parts.slice(0, -1).join(' / ').replace(/_/g, ' ') : '';
  let offset = '';
  try {
    offset =
      new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'shortOffset' })
        .formatToParts(at)
        .find((part) => part.type === 'timeZoneName')?.value ?? '';
  } catch {
    offset = '';
  }
  return [city, region && `— ${region}`, offset && `(${offset})`].filter(Boolean).join(' ');
}
