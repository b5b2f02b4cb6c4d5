import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { authOptions } from "@/server/auth/options";
import { readText, route } from "@/server/http/route";

type Context = { params: Promise<{ nextauth: string[] }> };

// next-auth's forms (sign-in, sign-out) hold an email, a password and a CSRF token: a few hundred bytes.
const MAX_AUTH_BODY_BYTES = 16 * 1024;

export const GET = (request: NextRequest, context: Context) => NextAuth(authOptions())(request, context);

/**
 * next-auth parses its POST bodies itself, so the body is read here first under a small limit and
 * handed on. The wrapper applies, on top of next-auth's own CSRF token, the same-origin rule of every
 * write (form-encoded bodies allowed) and refuses a declared Content-Length over the limit (413);
 * readText refuses a longer chunked body without reading the rest.
 */
export const POST = route(
  async (request: Request, context: Context) => {
    const body = await readText(request, MAX_AUTH_BODY_BYTES);
    const copy = new NextRequest(request.url, { method: "POST", headers: request.headers, body });
    return NextAuth(authOptions())(copy, context);
  },
  { body: "stream", maxBodyBytes: MAX_AUTH_BODY_BYTES },
);
