import { Router } from "express";
import type { Container } from "../../container.ts";
import type { Csrf } from "../../web/middleware/csrf.ts";

export function roundRoutes(_c: Container, _csrf: Csrf): Router {
  return Router();
}
