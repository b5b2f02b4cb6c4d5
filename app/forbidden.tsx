import type { Metadata } from "next";
import { StatusPage } from "@/components/shell/status-page";

export const metadata: Metadata = { title: "No access" };

export default function Forbidden() {
  return (
    <StatusPage code="403" title="You don't have access to this page">
      <p>Your role does not include this part of Arbiter. If you need it, ask an admin to change your role.</p>
    </StatusPage>
  );
}
