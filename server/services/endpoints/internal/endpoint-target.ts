import "server-only";
import type { ModelTarget } from "../../../generation/model-client";
import { decryptSecret } from "../../../crypto/secret-box";
import { encryptOrExplain } from "./encrypt-api-key";

/** Where and how to call an endpoint, with its key decrypted in memory for the duration of the call. */
export function endpointTarget(endpoint: { baseUrl: string; apiKeyCiphertext: string | null; timeoutMs: number }): ModelTarget {
  return {
    baseUrl: endpoint.baseUrl,
    apiKey: endpoint.apiKeyCiphertext ? encryptOrExplain(() => decryptSecret(endpoint.apiKeyCiphertext!)) : null,
    timeoutMs: endpoint.timeoutMs,
  };
}
