import { pino, type Logger } from "pino";

export type { Logger };

// Personal data must never reach the logs: request bodies are not logged, and these paths are redacted in
// anything that is.
const REDACT = [
  "req.headers.cookie",
  "req.headers.authorization",
  'res.headers["set-cookie"]',
  "*.realName",
  "*.phone",
  "*.email",
  "*.password",
  "*.passwordHash",
];

export function createLogger(level: string, name: string): Logger {
  return pino({ name, level, redact: { paths: REDACT, censor: "[redacted]" } });
}
