"use server";

import { actionFailure } from "@/server/http/action-failure";
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import type { ConnectionTestState, EndpointActionState } from "@/components/endpoints/action-state";
import { requireActor } from "@/server/auth/get-actor";
import { AppError } from "@/server/errors";
import { archiveEndpoint } from "@/server/services/endpoints/archive-endpoint";
import { createEndpoint } from "@/server/services/endpoints/create-endpoint";
import { testEndpointConnection } from "@/server/services/endpoints/test-endpoint-connection";
import { updateEndpoint } from "@/server/services/endpoints/update-endpoint";
import { formText } from "@/lib/forms/form-data";

// The API key is read from the form and handed to the service; it is never echoed back in `values`.
function readForm(formData: FormData) {
  const values = {
    name: formText(formData, "name", ""),
    baseUrl: formText(formData, "baseUrl", ""),
    model: formText(formData, "model", ""),
    temperature: formText(formData, "temperature", ""),
    top_p: formText(formData, "top_p", ""),
    max_tokens: formText(formData, "max_tokens", ""),
    maxConcurrency: formText(formData, "maxConcurrency", ""),
    timeoutMs: formText(formData, "timeoutMs", ""),
  };
  const input = {
    ...values,
    apiKey: formText(formData, "apiKey", ""),
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
    return { status: "ok", message: (await getTranslations("endpoints"))("added", { name: endpoint.name }) };
  } catch (error) {
    return actionFailure(error, values);
  }
}

export async function updateEndpointAction(_previous: EndpointActionState | null, formData: FormData): Promise<EndpointActionState> {
  const { values, input } = readForm(formData);
  try {
    const endpoint = await updateEndpoint({ actor: await requireActor(), endpointId: formText(formData, "endpointId", ""), input });
    revalidatePath("/endpoints");
    return { status: "ok", message: (await getTranslations("endpoints"))("saved", { name: endpoint.name }) };
  } catch (error) {
    return actionFailure(error, values);
  }
}

export async function testConnectionAction(_previous: ConnectionTestState | null, formData: FormData): Promise<ConnectionTestState> {
  try {
    return await testEndpointConnection({ actor: await requireActor(), endpointId: formText(formData, "endpointId", "") });
  } catch (error) {
    if (error instanceof AppError) return { ok: false, message: (await actionFailure(error)).message };
    throw error;
  }
}

export async function archiveEndpointAction(_previous: EndpointActionState | null, formData: FormData): Promise<EndpointActionState> {
  try {
    await archiveEndpoint({ actor: await requireActor(), endpointId: formText(formData, "endpointId", "") });
    revalidatePath("/endpoints");
    return { status: "ok", message: (await getTranslations("endpoints"))("archived") };
  } catch (error) {
    return actionFailure(error);
  }
}
