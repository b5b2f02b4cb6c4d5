import { z } from "zod";
import { roles } from "../vocabulary";
import { fieldMessage } from "./field-message";

export const roleSchema = z.enum(roles, { error: fieldMessage("field.oneOf", { label: "role", options: roles.join(", ") }) });

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: fieldMessage("field.validEmail") }).max(254, fieldMessage("field.maxChars", { label: "email", max: 254 })));

export const MIN_PASSWORD_LENGTH = 12;
export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, fieldMessage("field.passwordTooShort", { min: MIN_PASSWORD_LENGTH }))
  .max(256, fieldMessage("field.maxChars", { label: "password", max: 256 }));

export const userNameSchema = z
  .string({ error: fieldMessage("field.enter", { label: "name" }) })
  .trim()
  .min(1, fieldMessage("field.enter", { label: "name" }))
  .max(120, fieldMessage("field.maxChars", { label: "name", max: 120 }));

/** Creating a user: leave the password empty to have one generated and shown once. */
export const createUserSchema = z.object({
  email: emailSchema,
  name: userNameSchema,
  role: roleSchema,
  password: z.union([z.literal("").transform(() => undefined), passwordSchema]).optional(),
});

export const updateUserSchema = z
  .object({
    role: roleSchema.optional(),
    disabled: z.boolean().optional(),
    name: userNameSchema.optional(),
  })
  .refine((value) => Object.values(value).some((field) => field !== undefined), fieldMessage("field.nothingToChangeOf", { fields: "role, disabled, name" }));

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, fieldMessage("field.enter", { label: "yourPassword" })).max(256),
});
