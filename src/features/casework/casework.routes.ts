// The staff side of a case: the department inbox, the case page, attachments, and the department's actions.
// Handlers parse, call the service (which checks access) and render or redirect.
import { once } from "node:events";
import { Router, type Request, type Response } from "express";
import type { Container } from "../../container.ts";
import { NotFoundError, type FieldErrors } from "../../errors.ts";
import type { Translate } from "../../platform/i18n.ts";
import type { Csrf } from "../../web/middleware/csrf.ts";
import { requireStaff, staffOf } from "../auth/auth.middleware.ts";
import { measurePanelView } from "../measures/measures.routes.ts";
import { parseId } from "./access.ts";
import {
  extensionFormSchema, noteFormSchema, parseForm, parseInboxQuery, replyFormSchema, returnFormSchema,
} from "./casework.schemas.ts";
import { caseworkServiceFor } from "./casework.service.ts";
import { caseViewModel, inboxViewModel, noticeOf, type CaseFormName, type FormState, type Notice } from "./casework.view.ts";
import { setDownloadHeaders } from "./download.ts";

const FORM_FIELDS: Record<CaseFormName, readonly string[]> = {
  return: ["reason"],
  extension: ["reason", "workingDays"],
  note: ["note"],
  reply: ["body", "adoption", "explanation"],
};
// Enough to fix an over-long text, not an amplifier for a 1 MB field.
const ECHO_MAX = 20_000;

function typedValues(name: CaseFormName, body: unknown): Record<string, string> {
  const src = (body ?? {}) as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const field of FORM_FIELDS[name]) {
    const raw = Array.isArray(src[field]) ? (src[field] as unknown[])[0] : src[field];
    if (typeof raw === "string") out[field] = raw.slice(0, ECHO_MAX);
  }
  return out;
}

export function caseworkRoutes(c: Container, csrf: Csrf): Router {
  const router = Router();
  const service = caseworkServiceFor(c);
  const t = (res: Response) => res.locals.t as Translate;

  async function renderCase(req: Request, res: Response, id: number, opts: { status?: number; form?: FormState; notice?: Notice; revealed?: boolean } = {}) {
    const user = staffOf(req);
    const view = opts.revealed ? await service.revealContact(user, id) : await service.getCase(user, id);
    // Case pages carry personal data: never from a shared cache, never from the back button's disk cache.
    res.set("Cache-Control", "no-store");
    res.status(opts.status ?? 200).render("casework/case", {
      ...caseViewModel({
        view,
        t: t(res),
        locale: req.locale,
        ...(opts.form ? { form: opts.form } : {}),
        ...(opts.notice ? { notice: opts.notice } : {}),
        extensionMaxWorkingDays: c.config.deadlines.extensionMaxWorkingDays,
        reminderDays: c.config.deadlines.reminderWorkingDays,
        returnWindowDays: c.config.deadlines.returnWindowWorkingDays,
      }),
      viewerRole: user.role,
      measurePanel: await measurePanelView(c, user, id, t(res)),
    });
  }

  /** A department form: parse, then act and redirect, or show the page again with the messages (422). */
  function departmentForm<T>(
    name: CaseFormName,
    parse: (body: unknown) => { ok: true; data: T } | { ok: false; errors: FieldErrors },
    run: (req: Request, id: number, data: T) => Promise<Notice>,
  ) {
    return async (req: Request, res: Response) => {
      const id = parseId(req.params.id);
      const parsed = parse(req.body);
      if (!parsed.ok) {
        return renderCase(req, res, id, { status: 422, form: { name, values: typedValues(name, req.body), errors: parsed.errors } });
      }
      const notice = await run(req, id, parsed.data);
      res.redirect(303, `/staff/suggestions/${id}?done=${notice}`);
    };
  }

  const staff = requireStaff();
  // Coordinators see every case but act on it through their own pages; these forms are the departments'.
  const official = requireStaff("OFFICIAL");

  router.get("/staff/inbox", staff, async (req, res) => {
    const user = staffOf(req);
    const view = await service.inbox(user, parseInboxQuery(req.query));
    res.set("Cache-Control", "no-store");
    res.render("casework/inbox", inboxViewModel({ view, t: t(res), locale: req.locale, isOfficial: user.role === "OFFICIAL", reminderDays: c.config.deadlines.reminderWorkingDays }));
  });

  router.get("/staff/suggestions/:id", staff, async (req, res) => {
    const notice = noticeOf(req.query.done);
    await renderCase(req, res, parseId(req.params.id), notice ? { notice } : {});
  });

  router.post("/staff/suggestions/:id/reveal", staff, csrf.verify, async (req, res) => {
    await renderCase(req, res, parseId(req.params.id), { revealed: true });
  });

  router.get("/staff/attachments/:id", staff, async (req, res) => {
    const file = await service.openAttachment(staffOf(req), parseId(req.params.id), (storedName) => c.storage.open(storedName));
    try {
      await once(file.stream, "ready");
    } catch (err) {
      // The row exists but the file does not: say "not found" rather than fail half-way through a download.
      c.logger.error({ err: (err as Error).message, attachmentId: req.params.id }, "stored attachment is missing");
      throw new NotFoundError();
    }
    setDownloadHeaders(res, file);
    file.stream.on("error", (err) => {
      c.logger.error({ err: err.message }, "attachment stream failed");
      res.destroy(err);
    });
    file.stream.pipe(res);
  });

  router.post("/staff/suggestions/:id/accept-assignment", official, csrf.verify, async (req, res) => {
    const id = parseId(req.params.id);
    await service.acceptAssignment(staffOf(req), id);
    res.redirect(303, `/staff/suggestions/${id}?done=accepted`);
  });

  router.post(
    "/staff/suggestions/:id/return",
    official,
    csrf.verify,
    departmentForm("return", (b) => parseForm(returnFormSchema, b), async (req, id, data) => {
      await service.returnAssignment(staffOf(req), id, data);
      return "returned";
    }),
  );

  const extensionSchema = extensionFormSchema(c.config.deadlines.extensionMaxWorkingDays);
  router.post(
    "/staff/suggestions/:id/extension",
    official,
    csrf.verify,
    departmentForm("extension", (b) => parseForm(extensionSchema, b), async (req, id, data) => {
      await service.requestExtension(staffOf(req), id, data);
      return "extension";
    }),
  );

  router.post(
    "/staff/suggestions/:id/notes",
    official,
    csrf.verify,
    departmentForm("note", (b) => parseForm(noteFormSchema, b), async (req, id, data) => {
      return (await service.addNote(staffOf(req), id, data)) ? "note" : "duplicateNote";
    }),
  );

  router.post(
    "/staff/suggestions/:id/reply",
    official,
    csrf.verify,
    departmentForm("reply", (b) => parseForm(replyFormSchema, b), async (req, id, data) => {
      const { isLead } = await service.reply(staffOf(req), id, data);
      return isLead ? "replied" : "opinion";
    }),
  );

  return router;
}
