import "server-only";
import { NextResponse } from "next/server";
import { AppError, toErrorBody } from "../errors";

/** Wraps a route handler: AppErrors (and anything unexpected, logged) become the JSON error envelope. */
export function route<C>(handler: (request: Request, context: C) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    try {
      return await handler(request, context);
    } catch (error) {
      const { status, body } = toErrorBody(error);
      return NextResponse.json(body, { status });
    }
  };
}

/** The body as JSON, unparsed: services check the actor's permission first, then parse their input. */
export async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new AppError("BAD_REQUEST", "The request body must be JSON.");
  }
}
