// The web process: listen, and on SIGTERM stop taking requests, let the ones in flight finish, then close.
import type { Server } from "node:http";
import { loadConfig } from "./config.ts";
import { createContainer } from "./container.ts";
import { createApp } from "./app.ts";

const config = loadConfig();
const container = createContainer(config, { name: "web" });
const app = createApp(container);
// The limits and calendar days administrators saved, before the first request computes a deadline; then kept fresh.
const stopRefreshing = await container.services.deadlineAdmin.startRefreshing();

const server: Server = app.listen(config.port, () => {
  container.logger.info({ port: config.port }, `web listening on http://localhost:${config.port}`);
});
server.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code === "EADDRINUSE") {
    console.error(`Port ${config.port} is already in use. Stop the other process or set PORT to another port.`);
  } else {
    console.error(`web could not start: ${err.message}`);
  }
  process.exit(1);
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  container.logger.info({ signal }, "web shutting down");
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  server.close(async () => {
    stopRefreshing();
    await container.close();
    process.exit(0);
  });
  server.closeIdleConnections();
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
