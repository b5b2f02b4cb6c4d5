"use client";

import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";

export function SignOutButton() {
  const t = useTranslations("shell");
  const [isSigningOut, setIsSigningOut] = useState(false);
  return (
    <Button
      variant="ghost"
      size="sm"
      disabled={isSigningOut}
      onClick={() => {
        setIsSigningOut(true);
        // A full page load to /signin afterwards, so that no page of the signed-in user stays in the router cache.
        void signOut({ callbackUrl: "/signin" });
      }}
    >
      {t("signOut")}
    </Button>
  );
}
