// Asking for a report, building it (from the build-report job), listing and downloading it, and the monthly report
// for the administrators. Who sees what is decided here: the collection office sees every report; a department head
// sees, and may ask for, their own department's only — another department's report does not exist for them (404).
import type { Infrastructure } from "../../container.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "../../errors.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { TX_OPTIONS } from "../../platform/db.ts";
import { translator, type Locale } from "../../platform/i18n.ts";
import { isOfficeStaff, type StaffUser } from "../auth/index.ts";
import { buildReportData, type ReportData } from "./report-data.ts";
import { reportCsv, reportPdf, reportXlsx } from "./report-files.ts";
import { previousMonthScope, scopeKey, type ReportScope, type ScopeErrors } from "./report-scope.ts";
import { reportTables } from "./report-tables.ts";

export type ReportDeps = Pick<Infrastructure, "db" | "logger" | "now" | "enqueuer" | "mailer">;

export const LIST_SIZE = 50;

export type RunStatus = "QUEUED" | "RUNNING" | "DONE" | "FAILED";

export interface RunSummary {
  id: number;
  scope: ReportScope;
  status: RunStatus;
  progress: number;
  origin: string;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface Run extends RunSummary {
  data: ReportData | null;
}

const SUMMARY = {
  id: true, fromDate: true, toDate: true, roundId: true, departmentId: true, status: true, progress: true, origin: true,
  error: true, createdAt: true, finishedAt: true,
} as const;

type SummaryRow = Prisma.ReportRunGetPayload<{ select: typeof SUMMARY }>;

function toSummary(r: SummaryRow): RunSummary {
  const { fromDate, toDate, roundId, departmentId, ...rest } = r;
  return { ...rest, scope: { fromDate, toDate, roundId, departmentId } };
}

/** Whose reports a person may read: every report (null) or one department's. */
function reach(user: StaffUser): { departmentId: number | null } {
  if (isOfficeStaff(user)) return { departmentId: null };
  if (user.role === "OFFICIAL" && user.isHead && user.departmentId !== null) return { departmentId: user.departmentId };
  throw new ForbiddenError();
}

export type DownloadFormat = "csv" | "xlsx" | "pdf";

const CONTENT_TYPES: Record<DownloadFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pdf: "application/pdf",
};

export function createReportService(deps: ReportDeps) {
  const { db, logger } = deps;

  async function checkScope(scope: ReportScope): Promise<void> {
    const errors: ScopeErrors = {};
    if (scope.roundId && !(await db.collectionRound.findUnique({ where: { id: scope.roundId }, select: { id: true } }))) {
      errors.roundId = "reports:errors.unknownRound";
    }
    if (scope.departmentId && !(await db.department.findUnique({ where: { id: scope.departmentId }, select: { id: true } }))) {
      errors.departmentId = "reports:errors.unknownDepartment";
    }
    if (Object.keys(errors).length) throw new ValidationError(errors as Record<string, string>);
  }

  /** A run for the scope: the one already queued or being built with the same parameters, or a new one. */
  async function findOrCreateRun(scope: ReportScope, origin: string, requestedById: number | null): Promise<{ id: number; joined: boolean }> {
    const key = scopeKey(scope);
    return db.$transaction(async (tx) => {
      // Two people pressing the button at once: one creates, the other waits here and joins.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`report:${key}`}))`;
      const existing = await tx.reportRun.findFirst({
        where: { paramsKey: key, status: { in: ["QUEUED", "RUNNING"] } },
        orderBy: { id: "asc" },
        select: { id: true },
      });
      if (existing) return { id: existing.id, joined: true };
      const created = await tx.reportRun.create({ data: { paramsKey: key, ...scope, origin, requestedById }, select: { id: true } });
      return { id: created.id, joined: false };
    }, TX_OPTIONS);
  }

  async function visibleRun(user: StaffUser, id: number) {
    const { departmentId } = reach(user);
    const run = await db.reportRun.findUnique({ where: { id } });
    if (!run || (departmentId !== null && run.departmentId !== departmentId)) throw new NotFoundError();
    return run;
  }

  const service = {
    /** What a person may pick in the form: rounds, and departments (only their own for a department head). */
    async formOptions(user: StaffUser) {
      const { departmentId } = reach(user);
      const [rounds, departments] = await Promise.all([
        db.collectionRound.findMany({ where: { status: { not: "DRAFT" } }, orderBy: { opensAt: "desc" }, select: { id: true, title: true, titleEn: true } }),
        db.department.findMany({ where: departmentId ? { id: departmentId } : {}, orderBy: { id: "asc" }, select: { id: true, name: true, nameEn: true } }),
      ]);
      return { rounds, departments, ownDepartmentOnly: departmentId !== null };
    },

    async request(user: StaffUser, asked: ReportScope): Promise<{ id: number; joined: boolean }> {
      const { departmentId } = reach(user);
      if (departmentId !== null && asked.departmentId !== null && asked.departmentId !== departmentId) throw new NotFoundError();
      const scope = { ...asked, departmentId: departmentId ?? asked.departmentId };
      await checkScope(scope);
      const run = await findOrCreateRun(scope, "USER", user.id);
      // Also when joining: enqueueing a job that is already there is a no-op (its id is the run's).
      await deps.enqueuer.buildReport(run.id);
      logger.info({ reportRunId: run.id, joined: run.joined }, "report requested");
      return run;
    },

    async list(user: StaffUser): Promise<RunSummary[]> {
      const { departmentId } = reach(user);
      const rows = await db.reportRun.findMany({
        where: departmentId ? { departmentId } : {},
        orderBy: { id: "desc" },
        take: LIST_SIZE,
        select: SUMMARY,
      });
      return rows.map(toSummary);
    },

    async get(user: StaffUser, id: number): Promise<Run> {
      const run = await visibleRun(user, id);
      return { ...toSummary(run), data: (run.data as ReportData | null) ?? null };
    },

    async download(user: StaffUser, id: number, format: DownloadFormat, locale: Locale) {
      const run = await visibleRun(user, id);
      if (run.status !== "DONE" || !run.data) throw new NotFoundError();
      const data = run.data as unknown as ReportData;
      const body = format === "csv" ? Buffer.from(reportCsv(reportTables(data, locale)), "utf8")
        : format === "xlsx" ? await reportXlsx(data, locale)
        : await reportPdf(data, locale);
      return { filename: `report-${id}.${format}`, contentType: CONTENT_TYPES[format], body };
    },

    /** The scope of a report the person may read, for the CSV of its suggestions. */
    async scopeOf(user: StaffUser, id: number): Promise<ReportScope> {
      const run = await visibleRun(user, id);
      return { fromDate: run.fromDate, toDate: run.toDate, roundId: run.roundId, departmentId: run.departmentId };
    },

    /** The build-report job. Idempotent: a finished run is left as it is. */
    async build(id: number, onProgress: (percent: number) => Promise<void> = async () => undefined): Promise<"built" | "skipped"> {
      const run = await db.reportRun.findUnique({ where: { id } });
      if (!run || run.status === "DONE") return "skipped";
      await db.reportRun.update({ where: { id }, data: { status: "RUNNING", startedAt: deps.now(), progress: 0, error: null } });
      const scope: ReportScope = { fromDate: run.fromDate, toDate: run.toDate, roundId: run.roundId, departmentId: run.departmentId };
      const data = await buildReportData(db, scope, deps.now(), async (progress) => {
        await db.reportRun.update({ where: { id }, data: { progress: Math.min(progress, 99) } });
        await onProgress(progress);
      });
      await db.reportRun.update({
        where: { id },
        data: { status: "DONE", progress: 100, data: data as unknown as Prisma.InputJsonValue, finishedAt: deps.now() },
      });
      return "built";
    },

    /** The last attempt failed: the page says so, and asking again starts a new run. */
    async markFailed(id: number, message: string): Promise<void> {
      await db.reportRun.updateMany({ where: { id, status: { in: ["QUEUED", "RUNNING"] } }, data: { status: "FAILED", error: message.slice(0, 500), finishedAt: deps.now() } });
    },

    /**
     * The monthly report (the send-monthly-report job, on the 1st): last month, the whole platform, built here and
     * sent to every administrator with the PDF attached. Idempotent per month: a second run finds the month's report
     * already sent.
     */
    async sendMonthly(): Promise<{ reportRunId: number; sentTo: number }> {
      const scope = previousMonthScope(deps.now());
      const key = scopeKey(scope);
      const existing = await db.reportRun.findFirst({ where: { paramsKey: key, origin: "SCHEDULE" }, orderBy: { id: "desc" } });
      if (existing?.emailedAt) return { reportRunId: existing.id, sentTo: 0 };
      const id = existing && existing.status !== "FAILED" ? existing.id : (await db.reportRun.create({ data: { paramsKey: key, ...scope, origin: "SCHEDULE" } })).id;
      await service.build(id);
      const run = await db.reportRun.findUniqueOrThrow({ where: { id } });
      const data = run.data as unknown as ReportData;
      const admins = await db.user.findMany({ where: { role: "ADMIN" }, orderBy: { id: "asc" }, select: { email: true, locale: true } });
      const month = (scope.fromDate ?? "").slice(0, 7);
      for (const admin of admins) {
        const locale: Locale = admin.locale === "en" ? "en" : "zh-CN";
        const t = translator(locale);
        const text = t("reports:email.body", { month, ...data.totals });
        await deps.mailer.send({
          to: admin.email,
          subject: t("reports:email.subject", { month }),
          text,
          html: `<p>${text.replace(/[&<>]/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[ch] as string)}</p>`,
          attachments: [{ filename: `report-${month}.pdf`, content: await reportPdf(data, locale), contentType: "application/pdf" }],
        });
      }
      await db.reportRun.update({ where: { id }, data: { emailedAt: deps.now() } });
      logger.info({ reportRunId: id, month, admins: admins.length }, "monthly report sent");
      return { reportRunId: id, sentTo: admins.length };
    },
  };
  return service;
}

export type ReportService = ReturnType<typeof createReportService>;
