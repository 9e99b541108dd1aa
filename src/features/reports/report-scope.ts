// What a report covers (报告范围): a period of submission dates, optionally one themed round, optionally one lead
// department; all empty is the whole platform. Parsed from a form or a job's row, checked against the database by
// the service (unknown round or department).
import { endOfShanghaiDay, isCalendarDate, shanghaiDateString } from "../../platform/working-days.ts";

export interface ReportScope {
  /** "YYYY-MM-DD", Shanghai days, inclusive; null: open-ended. */
  fromDate: string | null;
  toDate: string | null;
  roundId: number | null;
  departmentId: number | null;
}

export type ScopeField = "fromDate" | "toDate" | "roundId" | "departmentId";
export type ScopeErrors = Partial<Record<ScopeField, string>>;

/** Longer than this is a typing mistake (2076 for 2026), not a report anyone reads. */
export const MAX_PERIOD_DAYS = 366 * 10;
const DAY_MS = 24 * 60 * 60 * 1000;

function text(v: unknown): string {
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === "string" ? s.trim() : "";
}

function optionalId(v: unknown): number | null | "invalid" {
  const s = text(v);
  if (!s) return null;
  return /^\d{1,9}$/.test(s) && Number(s) > 0 ? Number(s) : "invalid";
}

export function parseScope(body: Record<string, unknown>): { ok: true; scope: ReportScope } | { ok: false; errors: ScopeErrors } {
  const errors: ScopeErrors = {};
  const fromDate = text(body.fromDate) || null;
  const toDate = text(body.toDate) || null;
  if (fromDate && !isCalendarDate(fromDate)) errors.fromDate = "reports:errors.date";
  if (toDate && !isCalendarDate(toDate)) errors.toDate = "reports:errors.date";
  if (!errors.fromDate && !errors.toDate && fromDate && toDate) {
    if (toDate < fromDate) errors.toDate = "reports:errors.endBeforeStart";
    else if ((Date.parse(toDate) - Date.parse(fromDate)) / DAY_MS > MAX_PERIOD_DAYS) errors.toDate = "reports:errors.periodTooLong";
  }
  const roundId = optionalId(body.roundId);
  const departmentId = optionalId(body.departmentId);
  if (roundId === "invalid") errors.roundId = "reports:errors.unknownRound";
  if (departmentId === "invalid") errors.departmentId = "reports:errors.unknownDepartment";
  if (Object.keys(errors).length || roundId === "invalid" || departmentId === "invalid") return { ok: false, errors };
  return { ok: true, scope: { fromDate, toDate, roundId, departmentId } };
}

/** One string per distinct scope: two requests with the same key are the same report. */
export function scopeKey(s: ReportScope): string {
  return `from=${s.fromDate ?? ""};to=${s.toDate ?? ""};round=${s.roundId ?? ""};dept=${s.departmentId ?? ""}`;
}

/** The submission-time bounds in UTC: [from 00:00 Shanghai, to 23:59:59.999 Shanghai]. */
export function scopeBounds(s: ReportScope): { from: Date | null; to: Date | null } {
  const from = s.fromDate ? new Date(endOfShanghaiDay(s.fromDate).getTime() + 1 - DAY_MS) : null;
  const to = s.toDate ? endOfShanghaiDay(s.toDate) : null;
  return { from, to };
}

/** The calendar month before `now`'s month in Shanghai, as a scope: what the scheduled monthly report covers. */
export function previousMonthScope(now: Date): ReportScope {
  const [y, m] = shanghaiDateString(now).split("-").map(Number) as [number, number];
  const first = new Date(Date.UTC(y, m - 2, 1));
  const last = new Date(Date.UTC(y, m - 1, 0));
  return { fromDate: first.toISOString().slice(0, 10), toDate: last.toISOString().slice(0, 10), roundId: null, departmentId: null };
}
