// Serves the built app. A custom server rather than `next start` for one reason: the client address.
// Next passes on any X-Forwarded-For a client sends, so the sign-in rate limit per address would be
// trivial to dodge; here the address comes from the socket, unless TRUST_PROXY says a proxy of ours
// sits in front (then its X-Forwarded-For is used).
import { createServer } from "node:http";
import next from "next";

const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOST || "127.0.0.1";
const trustProxy = ["1", "true"].includes(String(process.env.TRUST_PROXY));
const dev = process.argv.includes("--dev");

const app = next({ dev, dir: process.cwd(), hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  const forwarded = String(req.headers["x-forwarded-for"] ?? "").split(",")[0]?.trim();
  req.headers["x-arbiter-client-ip"] = (trustProxy && forwarded) || req.socket.remoteAddress || "unknown";
  handle(req, res);
});
server.listen(port, hostname, () => process.send?.({ listening: true }));

let closing = false;
const shutdown = () => {
  if (closing) return;
  closing = true;
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  // Long-lived connections (a download, a stream) get a moment, then go.
  setTimeout(() => process.exit(0), 5_000).unref();
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
