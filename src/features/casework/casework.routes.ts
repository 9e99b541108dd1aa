// The staff side of a case: the department inbox, the case page, attachments, and the department's actions.
// Handlers parse, call the service (which checks access) and render or redirect.
import { once } from "node:events";
import { Router, type Request, type Response } from "express";
import type { Container } from "../../container.ts";
import type { z } from "zod";
import { ConflictError, NotFoundError } from "../../errors.ts";
import type { Locale, Translate } from "../../platform/i18n.ts";
import { parseForm, pathId, typedValues } from "../../web/forms.ts";
import type { Csrf } from "../../web/middleware/csrf.ts";
import { translatorOf } from "../../web/pages.ts";
import { requireStaff, staffOf, type StaffUser } from "../auth/index.ts";
import { caseViewModel, noticeOf, type CaseFormName, type FormState, type Notice, type Refusal } from "./case-page.view.ts";
import { extensionFormSchema, noteFormSchema, parseInboxQuery, replyFormSchema, returnFormSchema, sendBackFormSchema } from "./casework.schemas.ts";
import { setDownloadHeaders } from "./download.ts";
import { inboxViewModel } from "./inbox.view.ts";

/**
 * A panel another feature shows on the case page (the coordinators' actions, the policy measures): data merged into
 * the page's view model for that feature's partial. Handed in by the app, so casework depends on none of them.
 */
export type CasePagePanel = (viewer: StaffUser, suggestionId: number, t: Translate, locale: Locale) => Promise<Record<string, unknown>>;

const FORM_PATH: Record<CaseFormName, string> = { return: "return", extension: "extension", note: "notes", reply: "reply", sendBack: "reply/send-back" };

const FORM_FIELDS: Record<CaseFormName, readonly string[]> = {
  return: ["reason"],
  extension: ["reason", "workingDays"],
  note: ["note"],
  reply: ["body", "adoption", "explanation"],
  sendBack: ["note"],
};
// Enough to fix an over-long text, not an amplifier for a 1 MB field.
const ECHO_MAX = 20_000;

export function caseworkRoutes(c: Container, csrf: Csrf, panels: readonly CasePagePanel[] = []): Router {
  const router = Router();
  const { inbox, casePage, departmentActions, attachments } = c.services.casework;
  // The current limits (administrators may change them, features/deadlines), not the configured defaults.
  const deadlines = c.services.deadlines.settings;

  async function renderCase(
    req: Request,
    res: Response,
    id: number,
    opts: { status?: number; form?: FormState; notice?: Notice; refusal?: Refusal; revealed?: boolean } = {},
  ) {
    const user = staffOf(req);
    const t = translatorOf(res);
    const view = opts.revealed ? await casePage.revealContact(user, id) : await casePage.getCase(user, id);
    const extras = await Promise.all(panels.map((panel) => panel(user, id, t, req.locale)));
    // Case pages carry personal data: never from a shared cache, never from the back button's disk cache.
    res.set("Cache-Control", "no-store");
    res.status(opts.status ?? 200).render("casework/case", {
      ...caseViewModel({
        view,
        t,
        locale: req.locale,
        ...(opts.form ? { form: opts.form } : {}),
        ...(opts.notice ? { notice: opts.notice } : {}),
        ...(opts.refusal ? { refusal: opts.refusal } : {}),
        extensionMaxWorkingDays: deadlines.extensionMaxWorkingDays,
        reminderDays: deadlines.reminderWorkingDays,
        returnWindowDays: deadlines.returnWindowWorkingDays,
      }),
      viewerRole: user.role,
      ...Object.assign({}, ...extras),
    });
  }

  /**
   * A department form: parse, then act and redirect, or show the page again with the messages (422), or with why the
   * action was refused (409: the case moved on meanwhile) — the typed text kept either way.
   */
  function departmentForm<T>(name: CaseFormName, schema: z.ZodType<T> | (() => z.ZodType<T>), run: (user: StaffUser, id: number, data: T) => Promise<Notice>) {
    return {
      path: FORM_PATH[name],
      handle: async (req: Request, res: Response) => {
        const id = pathId(req.params.id);
        const parsed = parseForm(typeof schema === "function" ? schema() : schema, req.body);
        if (!parsed.ok) {
          return renderCase(req, res, id, { status: 422, form: { name, values: typedValues(req.body, FORM_FIELDS[name], ECHO_MAX), errors: parsed.errors } });
        }
        let notice: Notice;
        try {
          notice = await run(staffOf(req), id, parsed.data);
        } catch (err) {
          if (!(err instanceof ConflictError)) throw err;
          return renderCase(req, res, id, {
            status: 409,
            form: { name, values: typedValues(req.body, FORM_FIELDS[name], ECHO_MAX), errors: {} },
            refusal: { key: err.messageKey, params: err.params },
          });
        }
        res.redirect(303, `/staff/suggestions/${id}?done=${notice}`);
      },
    };
  }

  const staff = requireStaff();
  // Coordinators see every case but act on it through their own pages; these forms are the departments'.
  const official = requireStaff("OFFICIAL");

  router.get("/staff/inbox", staff, async (req, res) => {
    const user = staffOf(req);
    const view = await inbox.inbox(user, parseInboxQuery(req.query));
    res.set("Cache-Control", "no-store");
    res.render("casework/inbox", inboxViewModel({ view, t: translatorOf(res), locale: req.locale, isOfficial: user.role === "OFFICIAL", reminderDays: deadlines.reminderWorkingDays }));
  });

  router.get("/staff/suggestions/:id", staff, async (req, res) => {
    const notice = noticeOf(req.query.done);
    await renderCase(req, res, pathId(req.params.id), notice ? { notice } : {});
  });

  router.post("/staff/suggestions/:id/reveal", staff, csrf.verify, async (req, res) => {
    await renderCase(req, res, pathId(req.params.id), { revealed: true });
  });

  router.get("/staff/attachments/:id", staff, async (req, res) => {
    const file = await attachments.open(staffOf(req), pathId(req.params.id));
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

  router.post("/staff/suggestions/:id/sign", official, csrf.verify, async (req, res) => {
    const id = pathId(req.params.id);
    try {
      await departmentActions.sign(staffOf(req), id);
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      return renderCase(req, res, id, { status: 409, refusal: { key: err.messageKey, params: err.params } });
    }
    res.redirect(303, `/staff/suggestions/${id}?done=signed`);
  });

  // 审核同意: a department head lets the reply awaiting approval go out (department-rules.ts, "reviewReply").
  router.post("/staff/suggestions/:id/reply/approve", official, csrf.verify, async (req, res) => {
    const id = pathId(req.params.id);
    try {
      await departmentActions.approveReply(staffOf(req), id);
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      return renderCase(req, res, id, { status: 409, refusal: { key: err.messageKey, params: err.params } });
    }
    res.redirect(303, `/staff/suggestions/${id}?done=approved`);
  });

  const forms = [
    departmentForm("return", returnFormSchema, async (user, id, data) => {
      await departmentActions.returnAssignment(user, id, data);
      return "returned";
    }),
    departmentForm("extension", () => extensionFormSchema(deadlines.extensionMaxWorkingDays), async (user, id, data) => {
      await departmentActions.requestExtension(user, id, data);
      return "extension";
    }),
    departmentForm("note", noteFormSchema, async (user, id, data) => ((await departmentActions.addNote(user, id, data)) ? "note" : "duplicateNote")),
    departmentForm("reply", replyFormSchema, async (user, id, data) => {
      const r = await departmentActions.reply(user, id, data);
      return r.awaitingApproval ? "awaitingApproval" : r.isLead ? "replied" : "opinion";
    }),
    departmentForm("sendBack", sendBackFormSchema, async (user, id, data) => {
      await departmentActions.sendBackReply(user, id, data);
      return "sentBack";
    }),
  ];
  for (const form of forms) router.post(`/staff/suggestions/:id/${form.path}`, official, csrf.verify, form.handle);

  return router;
}
