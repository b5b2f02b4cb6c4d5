/**
 * A browser-like client for tests that drive running app instances over HTTP: a cookie jar (next-auth's
 * session cookie) shared by every instance it talks to, and the app's public origin on every request (as
 * a browser behind a load balancer sends it), so that one signed-in user can be sent to any instance.
 */
export class HttpSession {
  private cookies = new Map<string, string>();
  constructor(private readonly origin: string) {}

  async request(baseUrl: string, method: string, pathname: string, body?: unknown, { form = false, timeoutMs = 10_000, headers: extra = {} as Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = { origin: this.origin, cookie: this.cookieHeader(), ...extra };
    let payload: string | undefined;
    if (body !== undefined) {
      headers["content-type"] = form ? "application/x-www-form-urlencoded" : "application/json";
      payload = form ? new URLSearchParams(body as Record<string, string>).toString() : JSON.stringify(body);
    }
    const response = await fetch(`${baseUrl}${pathname}`, { method, headers, body: payload, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const index = pair!.indexOf("=");
      this.cookies.set(pair!.slice(0, index), pair!.slice(index + 1));
    }
    return response;
  }

  /** The Cookie header this session sends, for a client other than fetch (bench:load's undici pool). */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async signIn(baseUrl: string, email: string, password: string): Promise<void> {
    // The first requests reach a cold server (and Argon2id is slow on a loaded machine): a longer wait.
    const { csrfToken } = (await (await this.request(baseUrl, "GET", "/api/auth/csrf", undefined, { timeoutMs: 30_000 })).json()) as { csrfToken: string };
    const response = await this.request(baseUrl, "POST", "/api/auth/callback/credentials", { csrfToken, email, password, json: "true" }, { form: true, timeoutMs: 30_000 });
    if (response.status >= 400 || ![...this.cookies.keys()].some((name) => name.endsWith("next-auth.session-token"))) {
      throw new Error(`sign-in of ${email} at ${baseUrl} failed: ${response.status}`);
    }
  }
}
