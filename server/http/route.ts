import "server-only";
import { NextResponse } from "next/server";
import { builtDeploymentId, DEPLOYMENT_HEADER, isStalePage, STALE_PAGE_MESSAGE } from "@/lib/http/deployment";
import { crossSiteWriteProblem, DEFAULT_MAX_JSON_BYTES, describeBytes, isStateChanging } from "@/lib/http/write-request";
import { AppError, toErrorBody } from "../errors";
import { appOrigin } from "./app-origin";
import { logRefusal } from "./log-refusal";

export type RouteOptions = {
  /** `json` (the default): the body is JSON and must say so. `stream`: a file streamed as it arrives (import). */
  body?: "json" | "stream";
  /** Largest body accepted, in bytes; 1 MiB unless the route needs more. */
  maxBodyBytes?: number;
};

// The limit readJson applies to a request, set by the wrapper of the route it arrived at.
const bodyLimits = new WeakMap<Request, number>();

/**
 * Wraps a route handler. Before the handler, a write (POST, PUT, PATCH, DELETE) must pass the
 * cross-site rules of lib/http/write-request.ts (403) and declare no more than the body limit (413).
 * After it, AppErrors (and anything unexpected, logged) become the JSON error envelope.
 */
export function route<C>(handler: (request: Request, context: C) => Promise<Response>, options: RouteOptions = {}) {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_JSON_BYTES;
  return async (request: Request, context: C): Promise<Response> => {
    try {
      // A page of another build (README "Upgrades"): told to reload rather than answered in a shape it may not read.
      if (isStalePage(request.headers.get(DEPLOYMENT_HEADER), builtDeploymentId())) throw new AppError("CONFLICT", STALE_PAGE_MESSAGE);
      if (isStateChanging(request.method)) {
        guardWrite(request, options.body === "stream" ? "any" : "json");
        refuseDeclaredOversize(request, maxBodyBytes);
        bodyLimits.set(request, maxBodyBytes);
      }
      return await handler(request, context);
    } catch (error) {
      logRefusal(`${request.method} ${new URL(request.url).pathname}`, error);
      const { status, body } = toErrorBody(error);
      return NextResponse.json(body, { status });
    }
  };
}

/** 403 for a write that may come from another site (see crossSiteWriteProblem). */
function guardWrite(request: Request, body: "json" | "any"): void {
  const headers = request.headers;
  const problem = crossSiteWriteProblem(
    { origin: headers.get("origin"), secFetchSite: headers.get("sec-fetch-site"), contentType: headers.get("content-type"), authorization: headers.get("authorization") },
    { appOrigin: appOrigin(request), body },
  );
  if (problem) throw new AppError("FORBIDDEN", problem);
}

/** 413 from the Content-Length alone, before a byte of the body is read. */
function refuseDeclaredOversize(request: Request, maxBytes: number): void {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
}

function tooLarge(maxBytes: number): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", { key: "http.bodyTooLarge", params: { limit: describeBytes(maxBytes) } });
}

/**
 * The body as JSON, unparsed: services check the actor's permission first, then parse their input.
 * Read chunk by chunk and given up (413) as soon as it passes the route's limit, whatever
 * Content-Length claimed (a chunked body declares none).
 */
export async function readJson(request: Request): Promise<unknown> {
  const text = await readText(request, bodyLimits.get(request) ?? DEFAULT_MAX_JSON_BYTES);
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", { key: "http.bodyNotJson" });
  }
}

/** The body as UTF-8 text, refused (413) once it passes maxBytes; the rest is never read. */
export async function readText(request: Request, maxBytes: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
