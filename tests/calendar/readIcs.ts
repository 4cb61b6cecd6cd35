import ICAL from 'ical.js';

/** One VEVENT as a reader sees it, read back with ical.js (an independent RFC 5545 parser). */
export interface ReadEvent {
  uid: string;
  summary: string;
  location?: string;
  description?: string;
  categories: string[];
  /** `TZID` parameter of DTSTART (absent for all-day and UTC times). */
  tzid?: string;
  allDay: boolean;
  /** Local wall-clock start and end as written: `2027-04-15T09:30:00`, or `2027-04-15` all-day. */
  start: string;
  end?: string;
  /** The same instants in UTC, converted with the file's own VTIMEZONE (ISO, `Z`). */
  startUtc: string;
  endUtc?: string;
  stamp: string;
}

export interface ReadCalendar {
  prodId: string;
  name?: string;
  description?: string;
  /** TZIDs of the VTIMEZONE components. */
  timezones: string[];
  events: ReadEvent[];
}

/** Parse a `.ics` file and resolve every event's times with the VTIMEZONEs it carries. */
export function readIcs(content: Buffer | string): ReadCalendar {
  const root = new ICAL.Component(ICAL.parse(content.toString()));
  const zones = new Map<string, ICAL.Timezone>();
  for (const vtz of root.getAllSubcomponents('vtimezone')) {
    const zone = new ICAL.Timezone(vtz);
    zones.set(zone.tzid, zone);
  }
  const toUtc = (time: ICAL.Time, tzid: string | undefined): string => {
    if (time.isDate) return time.toString();
    const zone = tzid ? zones.get(tzid) : ICAL.Timezone.utcTimezone;
    if (!zone) throw new Error(`no VTIMEZONE for ${tzid}`);
    const local = time.clone();
    local.zone = zone;
    return local.convertToZone(ICAL.Timezone.utcTimezone).toString();
  };
  const text = (c: ICAL.Component, name: string): string | undefined => {
    const v = c.getFirstPropertyValue(name);
    return v === null || v === undefined ? undefined : String(v);
  };
  // ical.js keeps X- properties raw; RFC 5545 §3.8.8.2 makes their default type TEXT, so decode it as TEXT.
  const xText = (c: ICAL.Component, name: string): string | undefined => {
    const raw = text(c, name);
    return raw === undefined ? undefined : (ICAL.design.icalendar.value.text.fromICAL(raw) as string);
  };
  const events = root.getAllSubcomponents('vevent').map((ve): ReadEvent => {
    const dtstart = ve.getFirstProperty('dtstart');
    const dtend = ve.getFirstProperty('dtend');
    if (!dtstart) throw new Error('VEVENT without DTSTART');
    const start = dtstart.getFirstValue() as ICAL.Time;
    const end = dtend?.getFirstValue() as ICAL.Time | undefined;
    const tzid = (dtstart.getParameter('tzid') as string | undefined) ?? undefined;
    const endTzid = (dtend?.getParameter('tzid') as string | undefined) ?? undefined;
    return {
      uid: text(ve, 'uid') ?? '',
      summary: text(ve, 'summary') ?? '',
      location: text(ve, 'location'),
      description: text(ve, 'description'),
      categories: ve.getAllProperties('categories').flatMap((p) => p.getValues().map(String)),
      tzid,
      allDay: start.isDate,
      start: start.toString(),
      end: end?.toString(),
      startUtc: toUtc(start, tzid),
      endUtc: end ? toUtc(end, endTzid) : undefined,
      stamp: (ve.getFirstPropertyValue('dtstamp') as ICAL.Time).toString(),
    };
  });
  return {
    prodId: text(root, 'prodid') ?? '',
    name: xText(root, 'x-wr-calname'),
    description: xText(root, 'x-wr-caldesc'),
    timezones: [...zones.keys()],
    events,
  };
}
