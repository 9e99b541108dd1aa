// Where personal data hides in what citizens type. Each detector finds one kind; every pattern is anchored so
// that it never matches inside a longer run of digits or letters, and the kinds that look like ordinary numbers
// need a checksum (ID and bank cards) or a word that says "phone" nearby (landlines without an area code).
import { isBirthDate, isLuhnValid, isValidResidentId18 } from "./checksums.ts";

export type PersonalDataKind = "mobile" | "landline" | "idCard" | "bankCard" | "email" | "licencePlate" | "name";

export interface PersonalDataMatch {
  kind: PersonalDataKind;
  /** UTF-16 offsets into the original text, end exclusive. */
  start: number;
  end: number;
  /** The matched characters as typed. */
  text: string;
}

/**
 * Folds full-width ASCII (１３８, ＠, －, （） typed with a Chinese input method) and the ideographic space to
 * their ASCII forms, one UTF-16 unit for one, so offsets found in the folded text are offsets in the original.
 */
export function foldWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) =>
    ch === "\u3000" ? " " : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

const NOT_AFTER_ALNUM = "(?<![0-9A-Za-z])";
const NOT_BEFORE_DIGIT = "(?![0-9])";
const NOT_BEFORE_ALNUM = "(?![0-9A-Za-z])";
/** A run of digits followed by a unit is a quantity (13800000000元), whatever it looks like. */
const NOT_A_QUANTITY = "(?!\\s?(?:[年月日号万亿%％路室栋楼层户人次个条米]|元(?!旦)))";
/** Separators people put between digit groups. */
const SEP = "[ \\-]";
const COUNTRY = `(?:(?:\\+|00)\\s?86${SEP}?|\\(\\+?86\\)\\s?)`;

// 1[3-9] and eleven digits: every mainland mobile prefix (13x–19x), in groups 3-4-4 or any split, with +86 / 0086.
const MOBILE = new RegExp(`${NOT_AFTER_ALNUM}${COUNTRY}?1[3-9]\\d(?:${SEP}?\\d){8}${NOT_BEFORE_DIGIT}${NOT_A_QUANTITY}`, "g");

// Area codes: 010, 02x, 03xx–09xx. Local numbers start with 2–9 and have 7 or 8 digits, maybe split 3/4-4.
const AREA = "(?:10|2\\d|[3-9]\\d{2})";
const LOCAL = `[2-9]\\d{2,3}${SEP}?\\d{4}`;
const EXTENSION = `(?:\\s?(?:转|ext\\.?\\s?|-)\\s?\\d{1,5})?`;
const LANDLINE_WITH_AREA = new RegExp(
  `${NOT_AFTER_ALNUM}(?:${COUNTRY}${AREA}${SEP}?|\\(\\s?0${AREA}\\s?\\)\\s?-?\\s?|0${AREA}${SEP}?)${LOCAL}${EXTENSION}${NOT_BEFORE_DIGIT}${NOT_A_QUANTITY}`,
  "g",
);
// Without an area code a landline is just 7–8 digits, like an amount or a year range: only near a word that says
// it is a phone number, and never followed by a unit (2345-6789元, 2025-2026学年).
const PHONE_WORD = "(?:电话|座机|固话|手机|联系|致电|拨打|号码|热线|tel|Tel|TEL|call)";
const LANDLINE_LOCAL = new RegExp(
  `(?<=${PHONE_WORD}[^0-9\\n。；;]{0,8})${NOT_AFTER_ALNUM}${LOCAL}${EXTENSION}${NOT_BEFORE_DIGIT}${NOT_A_QUANTITY}`,
  "g",
);
const YEAR_RANGE = /^(?:19|20)\d{2}[ -](?:19|20)\d{2}$/;

// 18 characters: region (first digit 1–8), birth date, sequence, check digit; people sometimes space it 6-8-4.
const ID_18 = new RegExp(`${NOT_AFTER_ALNUM}([1-8]\\d{5})\\s?((?:19|20)\\d{2})(\\d{2})(\\d{2})\\s?(\\d{3}[0-9Xx])${NOT_BEFORE_ALNUM}`, "g");
// The 15-digit cards issued before 1999 have no check digit: only right after the words for an ID card.
const ID_15 = new RegExp(`(?<=身份证[^0-9\\n。；;]{0,6})${NOT_AFTER_ALNUM}([1-8]\\d{5})(\\d{2})(\\d{2})(\\d{2})(\\d{3})${NOT_BEFORE_ALNUM}`, "g");

// 16–19 digits, maybe in groups of four, starting like a payment card (3–6), with a valid Luhn digit.
const BANK_CARD = new RegExp(`${NOT_AFTER_ALNUM}[3-6]\\d{3}(?:${SEP}?\\d){12,15}${NOT_BEFORE_DIGIT}${NOT_A_QUANTITY}`, "g");
// Shop order numbers and parcel tracking numbers are long digit runs too; ten per cent of them pass Luhn.
const ORDER_WORD = /(?:订单|单号|运单|快递|物流|流水|编号|工单|回执)[^0-9\n。；;]{0,6}$/;

const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}(?![A-Za-z0-9])/g;

// Province abbreviation, issuing-office letter (no I or O), an optional dot, then 5 characters (6 for new-energy
// plates: D/F then 5, or 5 digits then D/F). Suffixes 学 警 挂 领 港 澳 on the last place. At least one digit.
const PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";
const PLATE_LETTER = "[A-HJ-NP-Za-hj-np-z]";
const PLATE_CHAR = "[A-HJ-NP-Za-hj-np-z0-9]";
const LICENCE_PLATE = new RegExp(
  `[${PROVINCES}]${PLATE_LETTER}[·•.・\\s-]?(?:[DFdf]${PLATE_CHAR}\\d{4}|\\d{5}[DFdf]|${PLATE_CHAR}{4}[A-HJ-NP-Za-hj-np-z0-9学警挂领港澳])${NOT_BEFORE_ALNUM}`,
  "g",
);

function* matches(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) yield m;
}

function match(kind: PersonalDataKind, original: string, start: number, end: number): PersonalDataMatch {
  return { kind, start, end, text: original.slice(start, end) };
}

const digitsOf = (s: string) => s.replace(/\D/g, "");

export function findMobiles(folded: string, original: string): PersonalDataMatch[] {
  return [...matches(MOBILE, folded)].map((m) => match("mobile", original, m.index, m.index + m[0].length));
}

export function findLandlines(folded: string, original: string): PersonalDataMatch[] {
  const found = [...matches(LANDLINE_WITH_AREA, folded)].map((m) => match("landline", original, m.index, m.index + m[0].length));
  for (const m of matches(LANDLINE_LOCAL, folded)) {
    if (YEAR_RANGE.test(m[0])) continue;
    found.push(match("landline", original, m.index, m.index + m[0].length));
  }
  return found;
}

export function findIdCards(folded: string, original: string): PersonalDataMatch[] {
  const found: PersonalDataMatch[] = [];
  for (const m of matches(ID_18, folded)) {
    const [, , year, month, day] = m;
    if (!isBirthDate(Number(year), Number(month), Number(day))) continue;
    if (!isValidResidentId18(m[0].replace(/\s/g, ""))) continue;
    found.push(match("idCard", original, m.index, m.index + m[0].length));
  }
  for (const m of matches(ID_15, folded)) {
    const [, , yy, month, day] = m;
    if (!isBirthDate(1900 + Number(yy), Number(month), Number(day))) continue;
    found.push(match("idCard", original, m.index, m.index + m[0].length));
  }
  return found;
}

export function findBankCards(folded: string, original: string): PersonalDataMatch[] {
  const found: PersonalDataMatch[] = [];
  for (const m of matches(BANK_CARD, folded)) {
    const digits = digitsOf(m[0]);
    if (digits.length < 16 || digits.length > 19 || !isLuhnValid(digits)) continue;
    if (ORDER_WORD.test(folded.slice(Math.max(0, m.index - 12), m.index))) continue;
    found.push(match("bankCard", original, m.index, m.index + m[0].length));
  }
  return found;
}

export function findEmails(folded: string, original: string): PersonalDataMatch[] {
  return [...matches(EMAIL, folded)].map((m) => match("email", original, m.index, m.index + m[0].length));
}

export function findLicencePlates(folded: string, original: string): PersonalDataMatch[] {
  return [...matches(LICENCE_PLATE, folded)]
    .filter((m) => /\d/.test(m[0]))
    .map((m) => match("licencePlate", original, m.index, m.index + m[0].length));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The submitter's own name wherever it appears, also with spaces between its characters (张 三); a Latin name
 * word by word, in any case. A name of one character is ignored: masking every 王 in a text would destroy the
 * text and protect no one.
 */
export function findNames(folded: string, original: string, names: readonly string[]): PersonalDataMatch[] {
  const found: PersonalDataMatch[] = [];
  for (const raw of names) {
    const name = foldWidth(raw).trim();
    if ([...name.replace(/\s+/g, "")].length < 2) continue;
    const re = /[A-Za-z]/.test(name)
      ? new RegExp(`(?<![A-Za-z])${name.split(/\s+/).map(escapeRegExp).join("\\s+")}(?![A-Za-z])`, "gi")
      : new RegExp([...name.replace(/\s+/g, "")].map(escapeRegExp).join("\\s?"), "g");
    for (const m of matches(re, folded)) found.push(match("name", original, m.index, m.index + m[0].length));
  }
  return found;
}
