// The check digits that tell a real identifier from any run of digits of the same length.
import luhn from "fast-luhn";

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK = "10X98765432";

/** GB 11643-1999 (ISO 7064 MOD 11-2): the 18th character of a resident ID number. */
export function isValidResidentId18(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(id[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK[sum % 11] === id[17]?.toUpperCase();
}

/** A calendar date that exists (no 31 February), within the years a living person was born. */
export function isBirthDate(year: number, month: number, day: number, today = new Date()): boolean {
  if (year < 1900 || year > today.getFullYear()) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Bank card numbers end with a Luhn check digit (ISO/IEC 7812), as UnionPay, Visa and Mastercard cards do. */
export function isLuhnValid(digits: string): boolean {
  return luhn(digits);
}
