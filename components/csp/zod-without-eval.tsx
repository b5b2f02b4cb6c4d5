"use client";

import { z } from "zod";

// Zod compiles object parsers with `new Function` where it may, and probes for that with an eval that
// the Content-Security-Policy (no 'unsafe-eval') refuses and reports as a violation. In the browser it
// parses without compiling; the server, where no policy applies, keeps the faster compiled parsers.
if (typeof window !== "undefined") z.config({ jitless: true });

/** Rendered by the root layout so that the setting above runs in the browser before any page parses. */
export function ZodWithoutEval() {
  return null;
}
