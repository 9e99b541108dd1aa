// Reads and writes of what administrators set for deadlines: the working-day limits and the calendar's entered days.
import type { DbClient } from "../../platform/db.ts";
import type { CalendarDayKind } from "../../generated/prisma/enums.ts";

export interface EnteredDay {
  date: string;
  kind: CalendarDayKind;
  name: string;
}

export async function findSettings(db: DbClient): Promise<Record<string, number>> {
  const rows = await db.deadlineSetting.findMany({ select: { key: true, value: true } });
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

export async function saveSetting(db: DbClient, key: string, value: number): Promise<void> {
  await db.deadlineSetting.upsert({ where: { key }, create: { key, value }, update: { value } });
}

export function findDays(db: DbClient, year?: number): Promise<EnteredDay[]> {
  return db.calendarOverride.findMany({
    where: year === undefined ? {} : { date: { startsWith: `${year}-` } },
    orderBy: { date: "asc" },
    select: { date: true, kind: true, name: true },
  });
}

export function findDay(db: DbClient, date: string): Promise<EnteredDay | null> {
  return db.calendarOverride.findUnique({ where: { date }, select: { date: true, kind: true, name: true } });
}

export async function createDay(db: DbClient, day: EnteredDay, createdById: number): Promise<void> {
  await db.calendarOverride.create({ data: { ...day, createdById } });
}

export async function deleteDay(db: DbClient, date: string): Promise<void> {
  await db.calendarOverride.delete({ where: { date } });
}
