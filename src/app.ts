// createApp: middleware, feature routers and the error handler. No listen here (see server.ts), so tests
// drive the real app in-process.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import express, { Router, type Express, type NextFunction, type Request, type Response } from "express";
import cookieParser from "cookie-parser";
import helmet from "helmet";
import { pinoHttp } from "pino-http";
import type { Container } from "./container.ts";
import { createViewEngine, VIEWS_DIR } from "./web/view-engine.ts";
import { localeMiddleware } from "./web/middleware/locale.ts";
import { createCsrf } from "./web/middleware/csrf.ts";
import { errorHandler, notFoundHandler } from "./web/middleware/errors.ts";
import { auditRoutes } from "./features/audit/index.ts";
import { staffRoutes } from "./features/auth/index.ts";
import { caseworkRoutes } from "./features/casework/index.ts";
import { coordinationRoutes, coordinatorCasePanel } from "./features/coordination/index.ts";
import { calendarNotice, deadlineAdminRoutes } from "./features/deadlines/index.ts";
import { directoryRoutes } from "./features/directory/index.ts";
import { healthRoutes } from "./features/health/index.ts";
import { homeRoutes } from "./features/home/index.ts";
import { measureRoutes, measuresCasePanel } from "./features/measures/index.ts";
import { adminLandingRoutes } from "./features/admin/index.ts";
import { peopleRoutes } from "./features/people/index.ts";
import { queueBoardRoutes } from "./features/queue-board/index.ts";
import { reportRoutes, statsRoutes } from "./features/reports/index.ts";
import { roundAdminRoutes, roundRoutes } from "./features/rounds/index.ts";
import { ruleRoutes } from "./features/routing/index.ts";
import { learnedRoutingCasePanel, routingModelRoutes } from "./features/routing-model/index.ts";
import { similarCasePanel, similarityRoutes } from "./features/similarity/index.ts";
import { searchRoutes } from "./features/search/index.ts";
import { showcaseRoutes } from "./features/showcase/index.ts";
import { submissionRoutes } from "./features/submissions/index.ts";
import { trackingRoutes } from "./features/tracking/index.ts";

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");

function requestIdOf(req: IncomingMessage, res: ServerResponse): string {
  const id = req.headers["x-request-id"];
  const reqId = typeof id === "string" && /^[\w-]{1,64}$/.test(id) ? id : randomUUID();
  res.setHeader("x-request-id", reqId);
  return reqId;
}

function requestId(req: Request, res: Response, next: NextFunction) {
  req.id = requestIdOf(req, res);
  next();
}

function httpLogger(c: Container) {
  return pinoHttp({
    logger: c.logger,
    genReqId: requestIdOf,
    // Only method, path and status: query strings and bodies may carry personal data.
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split("?")[0] }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    autoLogging: { ignore: (req) => req.url === "/healthz" },
  });
}

export function createApp(c: Container): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", c.config.trustProxy);
  app.engine("hbs", createViewEngine());
  app.set("view engine", "hbs");
  app.set("views", VIEWS_DIR);
  // Not tied to NODE_ENV: `npm start` runs without it and must serve at production speed (see config.ts).
  app.set("view cache", c.config.viewCache);

  // pino-http logs each request at info; below that level it would only build a child logger per request for
  // nothing (a measurable share of the submission path): then the request id alone, which error logs quote.
  app.use(c.logger.isLevelEnabled("info") ? httpLogger(c) : requestId);
  app.use(
    helmet({
      contentSecurityPolicy: { directives: { "form-action": ["'self'"], "upgrade-insecure-requests": c.config.cookieSecure ? [] : null } },
      strictTransportSecurity: c.config.cookieSecure,
    }),
  );
  // Only under the asset folders' own prefixes: mounted at the root, every page request paid a file-system stat.
  const assets = { maxAge: c.config.env === "production" ? "1d" : 0 };
  for (const dir of ["css", "js"]) app.use(`/${dir}`, express.static(path.join(ROOT, "public", dir), assets));
  app.use(cookieParser());
  // The locale first: a body the parser refuses (over 1 MB, over 200 parameters) still gets its error page in the
  // visitor's language, rather than a bare fallback and an error line per request.
  app.use(localeMiddleware(c.config.cookieSecure));
  app.use(express.urlencoded({ extended: false, limit: "1mb", parameterLimit: 200 }));

  const csrf = createCsrf(c.config.csrfSecret, c.config.cookieSecure);
  app.use(healthRoutes(c));
  app.use(csrf.provide);
  app.use(homeRoutes(c));
  app.use(similarityRoutes(c, csrf));
  app.use(submissionRoutes(c, csrf));
  app.use(roundRoutes(c, csrf));
  app.use(trackingRoutes(c, csrf));
  app.use(statsRoutes(c));
  app.use(showcaseRoutes(c));
  // The case page shows the coordinators', the similar suggestions' and the policy measures' panels; casework knows
  // none of these features.
  const casePanels = [
    coordinatorCasePanel(c.services.coordination.panel),
    learnedRoutingCasePanel(c.services.routingModel, c.logger),
    similarCasePanel({ db: c.db, similarity: c.services.similarity, logger: c.logger, now: c.now }),
    measuresCasePanel(c.services.measures, c.logger),
  ];
  // The administration (/admin/…) shares the staff session: its routers sit behind the same session middleware.
  const adminRoutes = [
    deadlineAdminRoutes(c, csrf, c.services.deadlineAdmin),
    auditRoutes(c, c.services.audit),
    directoryRoutes(c, csrf, c.services.directory),
    peopleRoutes(c, csrf, c.services.people),
    ruleRoutes(c, csrf, c.services.routingRules),
    queueBoardRoutes(c),
    adminLandingRoutes(),
    roundAdminRoutes(c, csrf),
    routingModelRoutes(c, csrf),
  ];
  // Staff pages warn while a year ahead has no holiday schedule; it runs after the session has loaded the user.
  const staffNotices = Router().use(calendarNotice(c.services.deadlineAdmin));
  app.use(staffRoutes(c, csrf, [staffNotices, searchRoutes(c, c.services.search), coordinationRoutes(c, csrf), measureRoutes(c, csrf), reportRoutes(c, csrf), caseworkRoutes(c, csrf, casePanels), ...adminRoutes]));

  app.use(notFoundHandler);
  app.use(errorHandler(c.logger));
  return app;
}
