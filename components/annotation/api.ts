"use client";

import type { AnnotationItem, AnnotationPause, AnnotationSetup, SubmittedJudgment } from "@/lib/annotation/contracts";
import type { SubmitJudgmentInput } from "@/lib/annotation/submission";
import { deploymentHeaders } from "@/lib/http/deployment";
import { errorReason } from "@/lib/http/api-reply";

export type ApiError = { status: number; code: string; message: string; key?: string; params?: Record<string, string | number> };

/** A fetch that failed to reach the server (offline, connection reset): the submission stays queued. */
export class NetworkError extends Error {}

async function post<T>(url: string, body: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json", ...deploymentHeaders() }, body: JSON.stringify(body), cache: "no-store" });
  } catch (error) {
    throw new NetworkError(error instanceof Error ? error.message : "network error");
  }
  const json = (await response.json().catch(() => null)) as ({ error?: { code: string; message: string } } & T) | null;
  if (!response.ok) {
    throw Object.assign(new Error(json?.error?.message ?? `HTTP ${response.status}`), { status: response.status, code: json?.error?.code ?? "INTERNAL", ...errorReason(json) });
  }
  return json as T;
}

export const claimNext = (promptSetId: string, excludeAssignmentIds: string[]) =>
  post<{ setup: AnnotationSetup; item: AnnotationItem | null; paused?: AnnotationPause }>(`/api/annotation/prompt-sets/${promptSetId}/claim`, { excludeAssignmentIds });

export const sendJudgment = (body: SubmitJudgmentInput) => post<{ judgment: SubmittedJudgment }>("/api/annotation/judgments", body);

export const sendSkip = (assignmentId: string, reason: string) => post<{ status: string }>(`/api/annotation/assignments/${assignmentId}/skip`, { reason });

export function isApiError(error: unknown): error is Error & ApiError {
  return error instanceof Error && typeof (error as Partial<ApiError>).status === "number";
}
