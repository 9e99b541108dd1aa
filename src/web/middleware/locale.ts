import type { NextFunction, Request, Response } from "express";
import { DEFAULT_LOCALE, toLocale, translator, type Locale } from "../../platform/i18n.ts";

export const LOCALE_COOKIE = "gi_lang";

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      locale: Locale;
    }
  }
}

/** ?lang= switches and remembers the language in a cookie (no session needed on the public path). */
export function localeMiddleware(cookieSecure: boolean) {
  return (req: Request, res: Response, next: NextFunction) => {
    const fromQuery = toLocale(req.query.lang);
    if (fromQuery) {
      res.cookie(LOCALE_COOKIE, fromQuery, {
        maxAge: 365 * 24 * 3600 * 1000,
        httpOnly: true,
        sameSite: "lax",
        secure: cookieSecure,
      });
    }
    const locale = fromQuery ?? toLocale(req.cookies?.[LOCALE_COOKIE]) ?? DEFAULT_LOCALE;
    req.locale = locale;
    res.locals.locale = locale;
    res.locals.htmlLang = locale === "en" ? "en" : "zh-CN";
    res.locals.t = translator(locale);
    res.locals.currentUrl = req.originalUrl;
    res.locals.otherLocale = locale === "en" ? "zh-CN" : "en";
    next();
  };
}
