import { describe, expect, it } from "vitest";
import { makeUser } from "@/tests/support/factories";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { setOwnLocale } from "./set-own-locale";

describe("setOwnLocale", () => {
  it("saves the user's own language, for any role, and refuses a language we do not ship", async () => {
    const annotator = await makeUser("ANNOTATOR");
    await expect(setOwnLocale({ actor: annotator, input: { locale: "zh-CN" } })).resolves.toBe("zh-CN");
    expect(await getDb().user.findUnique({ where: { id: annotator.id }, select: { locale: true } })).toEqual({ locale: "zh-CN" });
    await setOwnLocale({ actor: annotator, input: { locale: "en" } });
    expect(await getDb().user.findUnique({ where: { id: annotator.id }, select: { locale: true } })).toEqual({ locale: "en" });

    const refusal = await setOwnLocale({ actor: annotator, input: { locale: "fr" } }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).code).toBe("BAD_REQUEST");
    expect(await getDb().user.findUnique({ where: { id: annotator.id }, select: { locale: true } })).toEqual({ locale: "en" });
  });

  it("is backed by a CHECK: the column takes no other value", async () => {
    const user = await makeUser("ENGINEER");
    await expect(getDb().$executeRaw`UPDATE users SET locale = 'xx' WHERE id = ${user.id}::uuid`).rejects.toThrow(/users_locale_known/);
  });
});
