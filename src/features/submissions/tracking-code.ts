import { randomInt } from "node:crypto";
import { first } from "../../web/forms.ts";

// Crockford base32 leaves out I, L, O and U: the first three are misread as 1 and 0 when a code is copied from
// a screen or read out over the phone, and U avoids accidental words.
const CROCKFORD_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
// 32^8 ≈ 1.1e12 codes: the code alone lets a citizen follow a suggestion, so it must not be guessable.
const RANDOM_LENGTH = 8;
const PREFIX_PATTERN = /^[A-Z]{2,6}$/;

/** Looser than what we issue, so the random part can grow later without invalidating codes already given out. */
export const TRACKING_CODE_PATTERN = /^[A-Z]{2,6}-\d{4}-[0-9A-Z]{6,}$/;

export function generateTrackingCode(prefix: string, year: number): string {
  if (!PREFIX_PATTERN.test(prefix)) {
    throw new RangeError(`tracking code prefix must be 2-6 uppercase letters A-Z, got ${JSON.stringify(prefix)}`);
  }
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    throw new RangeError(`tracking code year must have 4 digits, got ${year}`);
  }
  let random = "";
  for (let i = 0; i < RANDOM_LENGTH; i += 1) {
    random += CROCKFORD_ALPHABET[randomInt(CROCKFORD_ALPHABET.length)];
  }
  return `${prefix}-${year}-${random}`;
}

// Chinese input methods type "-" as "－" (folded by NFKC) or as "—"/"——"; phones substitute other dashes.
const DASH_VARIANTS = /[\u2010-\u2015\u2212]+/g;
const ISSUED_SHAPE = /^([A-Z]{2,6}-\d{4}-)([0-9A-Z]+)$/;

/**
 * Lets a code typed on a phone with a Chinese input method match the stored one. Spaces are dropped anywhere
 * because codes never contain them and people type or paste codes in groups. Letters Crockford never issues are
 * read as the digits they resemble, but only in the random part, since a prefix may contain them.
 */
export function normalizeTrackingCode(input: string): string {
  const folded = input.normalize("NFKC").replace(/\s+/g, "").toUpperCase().replace(DASH_VARIANTS, "-");
  return folded.replace(ISSUED_SHAPE, (_code, head: string, random: string) =>
    head + random.replace(/O/g, "0").replace(/[IL]/g, "1"),
  );
}

/** A code from a form field (the first value if the field is repeated), normalised; undefined when blank. */
export function trackingCodeField(value: unknown): string | undefined {
  const s = first(value);
  if (typeof s !== "string") return undefined;
  // Codes are short; a long paste is cut before the Unicode normalisation does any work on it.
  const code = normalizeTrackingCode(s.slice(0, 100));
  return code === "" ? undefined : code;
}
