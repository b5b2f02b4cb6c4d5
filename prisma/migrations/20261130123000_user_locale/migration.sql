-- The UI language a user chose (lib/i18n/locales.ts). Null: the browser's Accept-Language decides.
ALTER TABLE "users" ADD COLUMN "locale" TEXT;
ALTER TABLE "users" ADD CONSTRAINT "users_locale_known" CHECK ("locale" IS NULL OR "locale" IN ('en', 'zh-CN'));
