// CSRF as a signed double-submit cookie (csrf-csrf): stateless, so the public submission path needs no
// Redis-backed session. The token is bound to a random per-browser id cookie.
import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { doubleCsrf } from "csrf-csrf";
import { ForbiddenError } from "../../errors.ts";

const VISITOR_COOKIE = "gi_vid";

// A token this process has checked against its visitor id once stays valid (the secret is fixed for the process's
// life): remembered, it spares every later page view of that browser an HMAC and a Set-Cookie it already has.
// Only tokens that passed the check are kept, so the cap bounds memory against a flood of made-up ones.
const CHECKED_LIMIT = 20_000;

/** The token a form posts, in its hidden `_csrf` field (multipart bodies are parsed by multer before the check). */
function formToken(req: Request): string | undefined {
  const token = (req.body as Record<string, unknown> | undefined)?._csrf;
  return typeof token === "string" ? token : undefined;
}

export function createCsrf(secret: string, cookieSecure: boolean) {
  const cookieName = cookieSecure ? "__Host-gi.csrf" : "gi.csrf";
  /** Visitor id → the token this process checked or made for it. */
  const checked = new Map<string, string>();
  const { generateCsrfToken, validateRequest } = doubleCsrf({
    getSecret: () => secret,
    getSessionIdentifier: (req) => String(req.cookies?.[VISITOR_COOKIE] ?? ""),
    cookieName,
    cookieOptions: { sameSite: "lax", path: "/", secure: cookieSecure, httpOnly: true },
    getCsrfTokenFromRequest: formToken,
  });

  /** The browser's own token when it carries a valid one (csrf-csrf reuses it too), else a new one in a cookie. */
  function tokenFor(req: Request, res: Response): string {
    const fromCookie = cookieToken(req);
    if (fromCookie && isChecked(req, fromCookie)) return fromCookie;
    const made = generateCsrfToken(req, res, { overwrite: false, validateOnReuse: false });
    // Either the browser's own token, just checked, or a new one, valid by construction.
    remember(req, made);
    return made;
  }

  function cookieToken(req: Request): string | undefined {
    const value: unknown = req.cookies?.[cookieName];
    return typeof value === "string" && value !== "" ? value : undefined;
  }

  const visitorOf = (req: Request) => String(req.cookies?.[VISITOR_COOKIE] ?? "");

  function isChecked(req: Request, token: string): boolean {
    return checked.get(visitorOf(req)) === token;
  }

  function remember(req: Request, token: string) {
    if (checked.size >= CHECKED_LIMIT) checked.clear();
    checked.set(visitorOf(req), token);
  }

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
      get: () => (token ??= tokenFor(req, res)),
    });
    next();
  }

  /** Use on every state-changing route, after the body is parsed. */
  function verify(req: Request, _res: Response, next: NextFunction) {
    // What validateRequest checks: the form's token is the cookie's, and the cookie's is valid for this visitor.
    const fromCookie = cookieToken(req);
    if (fromCookie && formToken(req) === fromCookie && isChecked(req, fromCookie)) return next();
    if (!validateRequest(req)) return next(new ForbiddenError("errors:csrf"));
    if (fromCookie) remember(req, fromCookie);
    next();
  }

  return { provide, verify };
}
export type Csrf = ReturnType<typeof createCsrf>;
