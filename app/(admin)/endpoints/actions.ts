"use server";

import { actionFailure } from "@/server/http/action-failure";
import { revalidatePath } from "next/cache";
import type { ConnectionTestState, EndpointActionState } from "@/components/endpoints/action-state";
import { requireActor } from "@/server/auth/get-actor";
import { AppError } from "@/server/errors";
import { archiveEndpoint } from "@/server/services/endpoints/archive-endpoint";
import { createEndpoint } from "@/server/services/endpoints/create-endpoint";
import { testEndpointConnection } from "@/server/services/endpoints/test-endpoint-connection";
import { updateEndpoint } from "@/server/services/endpoints/update-endpoint";

const text = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
};

// The API key is read from the form and handed to the service; it is never echoed back in `values`.
function readForm(formData: FormData) {
  const values = {
    name: text(formData, "name"),
    baseUrl: text(formData, "baseUrl"),
    model: text(formData, "model"),
    temperature: text(formData, "temperature"),
    top_p: text(formData, "top_p"),
    max_tokens: text(formData, "max_tokens"),
    maxConcurrency: text(formData, "maxConcurrency"),
    timeoutMs: text(formData, "timeoutMs"),
  };
  const input = {
    ...values,
    apiKey: text(formData, "apiKey"),
    clearApiKey: formData.get("clearApiKey") === "on",
    defaults: { temperature: values.temperature, top_p: values.top_p, max_tokens: values.max_tokens },
  };
  return { values, input };
}

export async function createEndpointAction(_previous: EndpointActionState | null, formData: FormData): Promise<EndpointActionState> {
  const { values, input } = readForm(formData);
  try {
    const endpoint = await createEndpoint({ actor: await requireActor(), input });
    revalidatePath("/endpoints");
    return { status: "ok", message: `Added ${endpoint.name}.` };
  } catch (error) {
    return actionFailure(error, values);
  }
}

export async function updateEndpointAction(_previous: EndpointActionState | null, formData: FormData): Promise<EndpointActionState> {
  const { values, input } = readForm(formData);
  try {
    const endpoint = await updateEndpoint({ actor: await requireActor(), endpointId: text(formData, "endpointId"), input });
    revalidatePath("/endpoints");
    return { status: "ok", message: `Saved ${endpoint.name}.` };
  } catch (error) {
    return actionFailure(error, values);
  }
}

export async function testConnectionAction(_previous: ConnectionTestState | null, formData: FormData): Promise<ConnectionTestState> {
  try {
    return await testEndpointConnection({ actor: await requireActor(), endpointId: text(formData, "endpointId") });
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.message };
    throw error;
  }
}

export async function archiveEndpointAction(formData: FormData): Promise<void> {
  await archiveEndpoint({ actor: await requireActor(), endpointId: text(formData, "endpointId") });
  revalidatePath("/endpoints");
}
