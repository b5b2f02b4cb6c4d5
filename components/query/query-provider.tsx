"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";

/**
 * A QueryClient for the pages with live views (generation progress, export status). Pages wrap their
 * content in it, not the workspace layout, so that pages without a poll do not load the library.
 * Polls are explicit per query (refetchInterval); a failed poll shows its error and the next tick tries
 * again, so queries do not retry on their own nor refetch on focus.
 */
export function QueryProvider({ children }: { children: ReactNode }) {
  const [client] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, staleTime: 500 } } }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
