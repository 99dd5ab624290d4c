/**
 * Five-field unix cron schedules (minute hour day-of-month month day-of-week) in UTC, as Inngest cron triggers
 * use them: `*`, lists, ranges, steps, month and weekday names, and the @hourly/@daily/… shorthands.
 * A `TZ=` prefix is accepted only for UTC; other zones and seconds fields are refused at sync.
 */

type Field = { min: number; max: number; names?: string[] };

const FIELDS: Field[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"] },
  { min: 0, max: 7, names: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"] },
];

const SHORTHANDS: Record<string, string> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};

export type CronSchedule = {
  readonly source: string;
  /** The first tick strictly after `after`. */
  next(after: Date): Date;
};

export class CronError extends Error {
  constructor(source: string, problem: string) {
    super(`cron "${source}": ${problem}`);
    this.name = "CronError";
  }
}

function parseValue(text: string, field: Field, source: string): number {
  const named = field.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return named + field.min;
  if (!/^\d+$/.test(text)) throw new CronError(source, `"${text}" is not a number`);
  const value = Number(text);
  if (value < field.min || value > field.max) {
    throw new CronError(source, `${value} is outside ${field.min}-${field.max}`);
  }
  return value;
}

function parseField(text: string, field: Field, source: string): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(",")) {
    const [range, stepText] = part.split("/");
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new CronError(source, `bad step in "${part}"`);
    let low: number;
    let high: number;
    if (range === "*") {
      low = field.min;
      high = field.max;
    } else if (range.includes("-")) {
      const [from, to] = range.split("-");
      low = parseValue(from, field, source);
      high = parseValue(to, field, source);
      if (low > high) throw new CronError(source, `empty range "${range}"`);
    } else {
      low = parseValue(range, field, source);
      high = stepText === undefined ? low : field.max;
    }
    for (let value = low; value <= high; value += step) values.add(value);
  }
  return values;
}

export function parseCron(source: string): CronSchedule {
  let text = source.trim();
  const zone = /^(?:CRON_)?TZ=(\S+)\s+/.exec(text);
  if (zone) {
    if (!["UTC", "Etc/UTC", "GMT"].includes(zone[1])) throw new CronError(source, `time zone ${zone[1]} is not supported (UTC only)`);
    text = text.slice(zone[0].length);
  }
  text = SHORTHANDS[text] ?? text;
  const parts = text.split(/\s+/);
  if (parts.length !== 5) throw new CronError(source, `expected 5 fields, found ${parts.length}`);
  const [minutes, hours, daysOfMonth, months, rawDaysOfWeek] = parts.map((part, i) => parseField(part, FIELDS[i], source));
  const daysOfWeek = new Set([...rawDaysOfWeek].map((day) => day % 7));
  // classic cron: when both day fields are restricted, a day matching either one fires
  const domRestricted = parts[2] !== "*";
  const dowRestricted = parts[4] !== "*";
  const dayMatches = (date: Date) => {
    const dom = daysOfMonth.has(date.getUTCDate());
    const dow = daysOfWeek.has(date.getUTCDay());
    if (domRestricted && dowRestricted) return dom || dow;
    if (domRestricted) return dom;
    if (dowRestricted) return dow;
    return true;
  };

  return {
    source,
    next(after) {
      const t = new Date(after.getTime());
      t.setUTCSeconds(0, 0);
      t.setUTCMinutes(t.getUTCMinutes() + 1);
      // five years covers every valid schedule (Feb 29 on a given weekday recurs within that span)
      const limit = after.getTime() + 5 * 366 * 86_400_000;
      while (t.getTime() <= limit) {
        if (!months.has(t.getUTCMonth() + 1)) {
          t.setUTCMonth(t.getUTCMonth() + 1, 1);
          t.setUTCHours(0, 0, 0, 0);
        } else if (!dayMatches(t)) {
          t.setUTCDate(t.getUTCDate() + 1);
          t.setUTCHours(0, 0, 0, 0);
        } else if (!hours.has(t.getUTCHours())) {
          t.setUTCHours(t.getUTCHours() + 1, 0, 0, 0);
        } else if (!minutes.has(t.getUTCMinutes())) {
          t.setUTCMinutes(t.getUTCMinutes() + 1, 0, 0);
        } else {
          return t;
        }
      }
      throw new CronError(source, "never fires");
    },
  };
}
