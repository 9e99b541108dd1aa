// How a submitter's personal data appears to staff by default: enough to tell people apart and to recognise a
// caller ("the gentleman surnamed 张, number ending 1234"), not enough to contact them. Contact happens only
// after the logged "reveal contact details" action (see casework.service.ts).

/** "张三丰" → "张*": the first character (a surname, or a first initial), then one star whatever the length. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return "*";
  return `${chars[0]}*`;
}

/** "13812341234" → "138****1234"; shorter numbers keep only their last two digits. */
export function maskPhone(phone: string): string {
  const digits = phone.trim();
  if (digits.length >= 8) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  if (digits.length <= 2) return "*".repeat(digits.length || 1);
  return `${"*".repeat(digits.length - 2)}${digits.slice(-2)}`;
}

/** "alice@example.com" → "a***@example.com": the domain says little about a person, the local part a lot. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at <= 0) return "***";
  const first = [...email.slice(0, at)][0] ?? "";
  return `${first}***${email.slice(at)}`;
}
