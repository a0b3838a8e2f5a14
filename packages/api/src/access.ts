import type { ErrorStatus, HttpMethod, Route } from './routes';

/**
 * The roles a credential has (access.md, "Who may call what"). A user is `admin`, `editor` or
 * `viewer`; an API key may also be `intake`.
 */
export const ROLES = ['admin', 'editor', 'viewer', 'intake'] as const;
export type Role = (typeof ROLES)[number];

/** The roles a user may have: `intake` is for API keys only (access.md). */
export const USER_ROLES = ['admin', 'editor', 'viewer'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/**
 * Who may call a route, as one word per route of the table (`Route.access`):
 * - `public`: anyone, with no credential (`GET /api/health`, `GET /api/ready`, `POST /api/auth/login`,
 *   `POST /api/setup`);
 * - `read`: any credential but an `intake` key (admin, editor, viewer): reading everything except
 *   users, keys and the audit log, and one's own session (`GET /api/auth/me`, `POST /api/auth/logout`);
 * - `write`: admin and editor: writing workflows, managers, fields, leads and sources, testing and
 *   enrolling;
 * - `admin`: admin only: users, API keys, the audit log, and writing connections and webhooks;
 * - `intake`: `POST /api/intake/:sourceId`: an `intake` key (for that source, or for all when it
 *   names none), an editor or an admin; never a viewer (intake.md, "Submitting").
 */
export const ACCESS_CLASSES = ['public', 'read', 'write', 'admin', 'intake'] as const;
export type Access = (typeof ACCESS_CLASSES)[number];

// access.md's table, one row per class. A public route asks for no credential, so whoever sends
// one (whatever its role) may call it all the same.
const ALLOWED: Record<Access, readonly Role[]> = {
  public: ROLES,
  read: ['admin', 'editor', 'viewer'],
  write: ['admin', 'editor'],
  admin: ['admin'],
  intake: ['admin', 'editor', 'intake'],
};

/**
 * Whether a credential of `role` may call a route of class `access`, as access.md's table says
 * ("Who may call what"; intake.md, "Submitting", for `intake`). `role` is `null` for a request with
 * no credential: it may call `public` routes only (any other answers `401`; a role this returns
 * `false` for answers `403`).
 *
 * Not decided here, by the caller: which sources an `intake` key covers (the `sourceId` of the path
 * must be among the key's `sources`, or the key names none), that `intake` is a role of API keys
 * only, and that a state-changing request authenticated by the session cookie from another origin
 * is refused (`403`). A path under `/api` that the route table does not list (the API docs,
 * `/api/docs-json`) needs a credential like any other: treat it as `read`.
 */
export function mayCall(role: Role | null, access: Access): boolean {
  if (role === null) return access === 'public';
  return ALLOWED[access].includes(role);
}

/** The roles that may call a route of class `access`, in the order of `ROLES`. */
export function rolesFor(access: Access): Role[] {
  return ROLES.filter((role) => mayCall(role, access));
}

/** The refusals a route of class `access` may answer for its credential, in the shape of `Route.errors`. */
export function accessErrors(access: Access): Partial<Record<ErrorStatus, string>> {
  switch (access) {
    case 'public':
      return {};
    case 'intake':
      return {
        401: 'No credential, or an unknown or revoked API key (`Authorization: Bearer <key>` or `?key=`)',
        403: 'A viewer, or an intake key for other sources',
      };
    default:
      return {
        401: 'No credential, an unknown or revoked API key, or an expired session',
        403: `The credential's role may not call this route (${rolesFor(access).join(', ')} may), or a write authenticated by the session cookie came from another origin`,
      };
  }
}

/** One row of `accessTable`: a route and the roles that may call it. */
export interface AccessRow {
  method: HttpMethod;
  /** OpenAPI style: `/api/leads/{id}`. */
  path: string;
  access: Access;
  roles: Role[];
  /** Described, not served yet. */
  planned?: boolean;
}

/** The routes with the roles allowed on each, in the order given (the route table's). */
export function accessTable(
  routes: readonly Pick<Route, 'method' | 'path' | 'access' | 'planned'>[],
): AccessRow[] {
  return routes.map(({ method, path, access, planned }) => ({
    method,
    path,
    access,
    roles: rolesFor(access),
    ...(planned ? { planned: true } : {}),
  }));
}

/**
 * `accessTable`'s rows as a Markdown table: route, class, roles (public routes: "anyone, no
 * credential"), planned routes marked so. Ends with a newline.
 */
export function accessTableMarkdown(rows: readonly AccessRow[]): string {
  const lines = ['| route | access | roles |', '|---|---|---|'];
  for (const row of rows) {
    const route = `\`${row.method.toUpperCase()} ${row.path}\`${row.planned ? ' (planned)' : ''}`;
    const roles = row.access === 'public' ? 'anyone, no credential' : row.roles.join(', ');
    lines.push(`| ${route} | ${row.access} | ${roles} |`);
  }
  return `${lines.join('\n')}\n`;
}
