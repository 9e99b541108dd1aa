// The citizen's emails about their suggestion: one builder for every feature that tells the citizen something
// (screening decisions, routing, transfer, extension, reply, measures), so each carries the same tracking link,
// goes to the address they left (none when they left none) and is written in the language they used.
import { randomBytes } from "node:crypto";
import type { DbClient } from "../../platform/db.ts";
import { DEFAULT_LOCALE, toLocale } from "../../platform/i18n.ts";
import type { EmailDraft } from "./outbox.ts";

/**
 * The private tracking link's secret: 32 random bytes, base64url (43 characters). Rows older than the link got
 * 64 hex characters from the database default. Whoever holds it reads the tracking page and may rate the reply,
 * exactly what the code and the phone digits allow; it cannot be guessed (256 bits), so it needs no second factor.
 */
export function newTrackToken(): string {
  if (tokenOffset >= tokenPool.length) {
    tokenPool = randomBytes(TOKEN_BYTES * TOKENS_PER_DRAW);
    tokenOffset = 0;
  }
  const token = tokenPool.subarray(tokenOffset, tokenOffset + TOKEN_BYTES).toString("base64url");
  tokenOffset += TOKEN_BYTES;
  return token;
}

const TOKEN_BYTES = 32;
/**
 * The same CSPRNG, drawn for 128 tokens at a time and each slice used once (as Node's own randomUUID does): a
 * getrandom call per submission showed in the submission path's profile (bench/PROFILE.md).
 */
const TOKENS_PER_DRAW = 128;
let tokenPool = Buffer.alloc(0);
let tokenOffset = 0;

/** What a tracking link's token can look like; anything else is refused before the database is asked. */
export const TRACK_TOKEN_PATTERN = /^(?:[A-Za-z0-9_-]{43}|[0-9a-f]{64})$/;

/** What a citizen email needs to know about the suggestion; the submitter's address and nothing else of them. */
export interface CitizenEmailTarget {
  trackingCode: string;
  trackToken: string;
  title: string;
  locale: string;
  submitter: { email: string | null } | null;
}

export interface CitizenEmailContent {
  /** Unique per (event, suggestion), e.g. `transferred-<assignmentId>`. */
  dedupeKey: string;
  template: EmailDraft["template"];
  /** The template's own facts (dates as ISO strings); the code, title and tracking link are added here. */
  data: EmailDraft["data"];
}

/** The suggestion's private tracking page: opens without the code and phone digits. */
export function trackUrl(publicBaseUrl: string, trackToken: string): string {
  return `${publicBaseUrl}/track/${trackToken}`;
}

/** The draft for the suggestion's submitter, or none when they left no address. */
export function citizenEmail(publicBaseUrl: string, s: CitizenEmailTarget, content: CitizenEmailContent): EmailDraft[] {
  const to = s.submitter?.email;
  if (!to) return [];
  return [{
    dedupeKey: content.dedupeKey,
    to,
    template: content.template,
    locale: toLocale(s.locale) ?? DEFAULT_LOCALE,
    data: { trackingCode: s.trackingCode, title: s.title, ...content.data, trackUrl: trackUrl(publicBaseUrl, s.trackToken) },
  }];
}

/** Reads the suggestion in the caller's transaction, then drafts as `citizenEmail`. */
export async function citizenEmailFor(tx: DbClient, publicBaseUrl: string, suggestionId: number, content: CitizenEmailContent): Promise<EmailDraft[]> {
  const s = await tx.suggestion.findUnique({
    where: { id: suggestionId },
    select: { trackingCode: true, trackToken: true, title: true, locale: true, submitter: { select: { email: true } } },
  });
  return s ? citizenEmail(publicBaseUrl, s, content) : [];
}
