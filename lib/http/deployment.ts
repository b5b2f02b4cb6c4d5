// Version skew between a page and the server: after an upgrade, a browser may still hold a page from the
// previous build. Navigations then load the new build by themselves (Next compares build ids); the app's
// own API calls send the page's deployment id, and the server refuses a different one with this message
// instead of answering an old page in a shape it may not read. Server actions of an old page are
// refused by Next itself (an unrecognized action), and app/error.tsx shows the same message.

export const DEPLOYMENT_HEADER = "x-arbiter-deployment";

export const STALE_PAGE_MESSAGE = "Arbiter was updated since this page was loaded. Reload the page to continue.";

/** The deployment id this code was built with (next.config.mjs inlines it at build time); undefined in tests. */
export function builtDeploymentId(): string | undefined {
  return process.env.NEXT_PUBLIC_ARBITER_DEPLOYMENT_ID || undefined;
}

/** Headers a page's own API calls carry: its build's deployment id. */
export function deploymentHeaders(): Record<string, string> {
  const id = builtDeploymentId();
  return id ? { [DEPLOYMENT_HEADER]: id } : {};
}

/** Whether a request comes from a page of another build: only when both sides know their id. */
export function isStalePage(pageDeploymentId: string | null, serverDeploymentId: string | undefined): boolean {
  return Boolean(pageDeploymentId && serverDeploymentId && pageDeploymentId !== serverDeploymentId);
}
