import { problemParams } from '@leadflow/workflow';
import { z } from 'zod';
import { ROLES, USER_ROLES } from './access';
import { emailAddressSchema } from './common';

/** The fewest characters (Unicode code points) a password has (access.md). */
export const MIN_PASSWORD_LENGTH = 12;
/** What a credential is: a signed-in user (session cookie) or an API key. */
export const CREDENTIAL_TYPES = ['user', 'key'] as const;
export type CredentialType = (typeof CREDENTIAL_TYPES)[number];

/** Every API key's secret starts with this (access.md). */
export const API_KEY_START = 'lf_';
/** How many first characters of a key's secret the key shows as its `prefix` (access.md). */
export const API_KEY_PREFIX_LENGTH = 8;

/** A key's `prefix`: the first `API_KEY_PREFIX_LENGTH` characters of its secret. */
export const apiKeyPrefix = (key: string): string => key.slice(0, API_KEY_PREFIX_LENGTH);

const name = z
  .string({ error: 'must be a string' })
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(200, { error: 'must be at most 200 characters' });

// Counted in code points, as a person counts characters (an emoji is one), and never trimmed. No
// upper bound but the body's 1 MiB: a memory-hard hash costs the same whatever the length.
const password = z
  .string({ error: 'must be a string' })
  .refine((value) => [...value].length >= MIN_PASSWORD_LENGTH, {
    error: `must be at least ${MIN_PASSWORD_LENGTH} characters`,
    params: problemParams('too_small'),
  })
  // JSON Schema counts a string's length in code points too.
  .meta({ minLength: MIN_PASSWORD_LENGTH });

const userRole = z.enum(USER_ROLES, {
  error: (issue) =>
    issue.input === 'intake'
      ? 'a user cannot be "intake": that role is for API keys only'
      : 'must be "admin", "editor" or "viewer"',
});
const anyRole = z.enum(ROLES, { error: 'must be "admin", "editor", "viewer" or "intake"' });

/** `POST /api/setup`: the first admin, while no user exists. The email is stored lower-case. */
export const setupSchema = z
  .strictObject({ email: emailAddressSchema, name, password })
  .meta({ id: 'Setup' });
export type SetupInput = z.input<typeof setupSchema>;
export type Setup = z.infer<typeof setupSchema>;

/** `POST /api/users`: a user with a role and a password (at least 12 characters). The email is stored lower-case. */
export const newUserSchema = z
  .strictObject({ email: emailAddressSchema, name, role: userRole, password })
  .meta({ id: 'NewUser' });
export type NewUserInput = z.input<typeof newUserSchema>;
export type NewUser = z.infer<typeof newUserSchema>;

/** `PATCH /api/users/:id`: any of a new name, role, password, and `active: false` to deactivate. */
export const userPatchSchema = z
  .strictObject({
    name: name.optional(),
    role: userRole.optional(),
    password: password.optional(),
    active: z.boolean({ error: 'must be true or false' }).optional(),
  })
  .meta({ id: 'UserPatch' });
export type UserPatch = z.infer<typeof userPatchSchema>;

/** A user as the API answers it: never a password or its hash. */
export const userSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(USER_ROLES),
    active: z.boolean(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof userSchema>;

/**
 * `POST /api/auth/login`. The email is compared case-blind; it is not checked for form, so an
 * address that is no email is a wrong email (`401`), like any other.
 */
export const loginSchema = z
  .strictObject({
    email: z
      .string({ error: 'must be a string' })
      .trim()
      .max(320, { error: 'must be at most 320 characters' })
      .transform((email) => email.toLowerCase()),
    password: z.string({ error: 'must be a string' }),
  })
  .meta({ id: 'Login' });
export type LoginInput = z.input<typeof loginSchema>;
export type Login = z.infer<typeof loginSchema>;

/** `GET /api/auth/me`: who the credential of the request is; `email` for a user only. */
export const meSchema = z
  .object({
    type: z.enum(CREDENTIAL_TYPES),
    id: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    email: z.string().optional(),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof meSchema>;

/**
 * `POST /api/keys`: a named API key with a role; `sources` (intake keys only) limits an `intake`
 * key to those sources, and an intake key that names none may submit to all.
 */
export const newApiKeySchema = z
  .strictObject({
    name,
    role: anyRole,
    sources: z
      .array(z.string({ error: 'must be a string' }).min(1, { error: 'must not be empty' }), {
        error: 'must be a list of source ids',
      })
      .max(1000, { error: 'must hold at most 1,000 sources' })
      .optional(),
  })
  .superRefine((key, ctx) => {
    if (key.sources?.length && key.role !== 'intake')
      ctx.addIssue({
        code: 'custom',
        path: ['sources'],
        message: 'only an intake key is limited to sources',
        params: problemParams('not_applicable'),
      });
    if (key.sources && new Set(key.sources).size !== key.sources.length)
      ctx.addIssue({
        code: 'custom',
        path: ['sources'],
        message: 'sources must be unique',
        params: problemParams('duplicate_value'),
      });
  })
  .meta({ id: 'NewApiKey' });
export type NewApiKey = z.infer<typeof newApiKeySchema>;

const apiKeyFields = {
  id: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  /** The sources an intake key may submit to; empty: all (and for any other role). */
  sources: z.array(z.string()),
  /** The first 8 characters of the secret, to tell keys apart. */
  prefix: z.string().length(API_KEY_PREFIX_LENGTH).startsWith(API_KEY_START),
  createdAt: z.iso.datetime(),
};

/** An API key as `GET /api/keys` lists it: never its secret; `lastUsedAt` null until first used. */
export const apiKeySchema = z
  .object({ ...apiKeyFields, lastUsedAt: z.iso.datetime().nullable() })
  .meta({ id: 'ApiKey' });
export type ApiKey = z.infer<typeof apiKeySchema>;

/** The answer to `POST /api/keys`: the key with its secret `key` (`lf_…`), shown in this answer only. */
export const createdApiKeySchema = z
  .object({ ...apiKeyFields, key: z.string().startsWith(API_KEY_START) })
  .refine((created) => created.prefix === apiKeyPrefix(created.key), {
    error: 'prefix must be the first 8 characters of key',
    path: ['prefix'],
  })
  .meta({ id: 'CreatedApiKey' });
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;
