// CSRF as a signed double-submit cookie (csrf-csrf): stateless, so the public submission path needs no
// Redis-backed session. The token is bound to a random per-browser id cookie.
import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { doubleCsrf } from "csrf-csrf";
import { ForbiddenError } from "../../errors.ts";

const VISITOR_COOKIE = "gi_vid";

export function createCsrf(secret: string, cookieSecure: boolean) {
  const { generateCsrfToken, validateRequest } = doubleCsrf({
    getSecret: () => secret,
    getSessionIdentifier: (req) => String(req.cookies?.[VISITOR_COOKIE] ?? ""),
    cookieName: cookieSecure ? "__Host-gi.csrf" : "gi.csrf",
    cookieOptions: { sameSite: "lax", path: "/", secure: cookieSecure, httpOnly: true },
    // Forms post the token in a hidden field; multipart bodies are parsed by multer before this check runs.
    getCsrfTokenFromRequest: (req) => {
      const token = (req.body as Record<string, unknown> | undefined)?._csrf;
      return typeof token === "string" ? token : undefined;
    },
  });

  /** Gives every browser a visitor id and every page that renders a token for its forms. */
  function provide(req: Request, res: Response, next: NextFunction) {
    if (!req.cookies?.[VISITOR_COOKIE]) {
      const id = randomBytes(18).toString("base64url");
      res.cookie(VISITOR_COOKIE, id, { httpOnly: true, sameSite: "lax", secure: cookieSecure, path: "/" });
      req.cookies = { ...(req.cookies ?? {}), [VISITOR_COOKIE]: id };
    }
    // Made when a page reads it, that is when a view renders: a POST that ends in a redirect (every accepted
    // suggestion) does not pay for an HMAC and a cookie it never uses.
    let token: string | undefined;
    Object.defineProperty(res.locals, "csrfToken", {
      enumerable: true,
      configurable: true,
      get: () => (token ??= generateCsrfToken(req, res, { overwrite: false, validateOnReuse: false })),
    });
    next();
  }

  /** Use on every state-changing route, after the body is parsed. */
  function verify(req: Request, _res: Response, next: NextFunction) {
    if (!validateRequest(req)) return next(new ForbiddenError("errors:csrf"));
    next();
  }

  return { provide, verify };
}
export type Csrf = ReturnType<typeof createCsrf>;
