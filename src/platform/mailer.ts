import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /**
   * The same for every attempt at the same email. SMTP cannot deliver exactly once: a worker killed after the server
   * took the message but before it was recorded sends it again, and the recipient's system can then recognise the
   * second copy by its Message-ID.
   */
  messageId?: string;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

/**
 * Our messages are mostly Chinese: quoted-printable writes each of its bytes as "=XX" (three times the size, and
 * nodemailer's byte-by-byte encoder was the largest single cost of sending), base64 a third more, natively.
 */
const TEXT_ENCODING = "base64";

/**
 * SMTP when SMTP_URL is set. Without it (development), each message is written as an .eml file under MAIL_DIR
 * so a developer can open it — nothing is silently dropped.
 */
export function createMailer(opts: { smtpUrl: string | undefined; from: string; mailDir: string }): Mailer {
  if (opts.smtpUrl) {
    // Pooled: a burst's acknowledgements reuse a few open connections instead of one SMTP conversation (TCP,
    // greeting, EHLO, QUIT) per email, which was a sixth of the worker's CPU (bench/PROFILE.md). An SMTP_URL that
    // says `?pool=false` or sets maxConnections keeps its own choice.
    const transport = nodemailer.createTransport({ url: opts.smtpUrl, pool: true, maxConnections: 4 });
    return {
      async send(mail) {
        const info = await transport.sendMail({ from: opts.from, textEncoding: TEXT_ENCODING, ...mail });
        return { messageId: String(info.messageId) };
      },
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    async send(mail) {
      const info = await transport.sendMail({ from: opts.from, textEncoding: TEXT_ENCODING, ...mail });
      await mkdir(opts.mailDir, { recursive: true });
      const file = path.join(opts.mailDir, `${new Date().toISOString().replace(/[:.]/g, "-")}-${info.messageId.replace(/[<>@]/g, "")}.eml`);
      await writeFile(file, info.message as Buffer);
      return { messageId: String(info.messageId) };
    },
    close: () => transport.close(),
  };
}
