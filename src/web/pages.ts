import type { Response } from "express";
import type { Translate } from "../platform/i18n.ts";

/** The request's translator, set by the locale middleware for every page. */
export function translatorOf(res: Response): Translate {
  return res.locals.t as Translate;
}
