import { z } from "zod";
import { roles } from "../vocabulary";

export const roleSchema = z.enum(roles, { error: `role must be one of ${roles.join(", ")}` });

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "enter a valid email address" }).max(254, "an email address has at most 254 characters"));

export const MIN_PASSWORD_LENGTH = 12;
export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `a password needs at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(256, "a password has at most 256 characters");

export const userNameSchema = z.string({ error: "enter a name" }).trim().min(1, "enter a name").max(120, "a name has at most 120 characters");

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
  .refine((value) => Object.values(value).some((field) => field !== undefined), "nothing to change: give role, disabled or name");

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "enter your password").max(256),
});
