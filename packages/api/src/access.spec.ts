import {
  ACCESS_CLASSES,
  accessErrors,
  accessTable,
  accessTableMarkdown,
  mayCall,
  ROLES,
  rolesFor,
  type Access,
  type Role,
} from './access';
import {
  apiKeySchema,
  createdApiKeySchema,
  loginSchema,
  meSchema,
  newApiKeySchema,
  newUserSchema,
  setupSchema,
  userPatchSchema,
  userSchema,
} from './accounts';
import { auditEntrySchema, auditQuerySchema } from './audit';
import { errorCodeForStatus, ERROR_CODES } from './errors';
import { routes, type HttpMethod } from './routes';

const key = (route: { method: string; path: string }) => `${route.method.toUpperCase()} ${route.path}`;

describe('who may call what (access.md)', () => {
  // access.md's table, written out: for each role, the classes of route it may call.
  const table: Record<Role, Access[]> = {
    admin: ['public', 'read', 'write', 'admin', 'intake'],
    editor: ['public', 'read', 'write', 'intake'],
    viewer: ['public', 'read'],
    intake: ['public', 'intake'],
  };

  it.each(ROLES.flatMap((role) => ACCESS_CLASSES.map((access) => [role, access] as const)))(
    'a credential of role %s on a %s route',
    (role, access) => {
      expect(mayCall(role, access)).toBe(table[role].includes(access));
    },
  );

  it('lets a request with no credential call public routes only', () => {
    for (const access of ACCESS_CLASSES) expect(mayCall(null, access)).toBe(access === 'public');
  });

  it('names the roles of each class in the order of ROLES', () => {
    expect(rolesFor('public')).toEqual(['admin', 'editor', 'viewer', 'intake']);
    expect(rolesFor('read')).toEqual(['admin', 'editor', 'viewer']);
    expect(rolesFor('write')).toEqual(['admin', 'editor']);
    expect(rolesFor('admin')).toEqual(['admin']);
    expect(rolesFor('intake')).toEqual(['admin', 'editor', 'intake']);
  });
});

describe('the access class of every route', () => {
  it('gives every route one of the classes', () => {
    for (const route of routes)
      expect({ route: key(route), known: ACCESS_CLASSES.includes(route.access) }).toEqual({
        route: key(route),
        known: true,
      });
  });

  it('leaves exactly the routes access.md names without a credential public', () => {
    expect(
      routes
        .filter((r) => r.access === 'public')
        .map(key)
        .sort(),
    ).toEqual(['GET /api/health', 'GET /api/ready', 'POST /api/auth/login', 'POST /api/setup'].sort());
    // POST /api/intake/{sourceId} has a credential of its own (intake.md): when the table lists it,
    // it is the one intake route.
    for (const route of routes.filter((r) => r.access === 'intake'))
      expect(key(route)).toBe('POST /api/intake/{sourceId}');
  });

  // access.md's rules, read independently of the table: admins alone touch users, keys and the
  // audit log, and write connections and webhooks; everything else is read by any reading role and
  // written by editors; one's own session is any reading role's.
  function byTheRules(method: HttpMethod, path: string): Access {
    const route = `${method.toUpperCase()} ${path}`;
    if (['GET /api/health', 'GET /api/ready', 'POST /api/auth/login', 'POST /api/setup'].includes(route))
      return 'public';
    if (route === 'POST /api/intake/{sourceId}') return 'intake';
    if (/^\/api\/(users|keys|audit)(\/|$)/.test(path)) return 'admin';
    if (/^\/api\/(connections|webhooks)(\/|$)/.test(path)) return method === 'get' ? 'read' : 'admin';
    if (path.startsWith('/api/auth/')) return 'read';
    return method === 'get' ? 'read' : 'write';
  }

  it.each(routes.map((r) => [key(r), r] as const))('%s has the class the rules give', (_key, route) => {
    expect(route.access).toBe(byTheRules(route.method, route.path));
  });

  it('lists the access routes of access.md, planned until served', () => {
    const access = [
      'POST /api/setup',
      'POST /api/auth/login',
      'POST /api/auth/logout',
      'GET /api/auth/me',
      'POST /api/users',
      'GET /api/users',
      'GET /api/users/{id}',
      'PATCH /api/users/{id}',
      'DELETE /api/users/{id}',
      'POST /api/keys',
      'GET /api/keys',
      'DELETE /api/keys/{id}',
      'GET /api/audit',
    ];
    expect(routes.map(key)).toEqual(expect.arrayContaining(access));
    for (const route of routes.filter((r) => access.includes(key(r)))) expect(route.planned).toBe(true);
  });
});

describe('the routes × roles table', () => {
  const rows = accessTable(routes);
  const row = (method: HttpMethod, path: string) => rows.find((r) => r.method === method && r.path === path);

  it('has one row per route, in the order of the table, with the roles of its class', () => {
    expect(rows.map(key)).toEqual(routes.map(key));
    expect(row('get', '/api/health')).toEqual({
      method: 'get',
      path: '/api/health',
      access: 'public',
      roles: ['admin', 'editor', 'viewer', 'intake'],
    });
    expect(row('get', '/api/leads')).toEqual({
      method: 'get',
      path: '/api/leads',
      access: 'read',
      roles: ['admin', 'editor', 'viewer'],
    });
    expect(row('put', '/api/workflows/{id}')).toEqual({
      method: 'put',
      path: '/api/workflows/{id}',
      access: 'write',
      roles: ['admin', 'editor'],
    });
    expect(row('post', '/api/keys')).toEqual({
      method: 'post',
      path: '/api/keys',
      access: 'admin',
      roles: ['admin'],
      planned: true,
    });
  });

  it('prints as Markdown', () => {
    const printed = accessTableMarkdown(
      accessTable([
        { method: 'get', path: '/api/health', access: 'public' },
        { method: 'get', path: '/api/audit', access: 'admin', planned: true },
        { method: 'post', path: '/api/intake/{sourceId}', access: 'intake' },
      ]),
    );
    expect(printed).toBe(
      [
        '| route | access | roles |',
        '|---|---|---|',
        '| `GET /api/health` | public | anyone, no credential |',
        '| `GET /api/audit` (planned) | admin | admin |',
        '| `POST /api/intake/{sourceId}` | intake | admin, editor, intake |',
        '',
      ].join('\n'),
    );
  });

  it('gives each class its refusals for the credential', () => {
    expect(accessErrors('public')).toEqual({});
    for (const access of ['read', 'write', 'admin', 'intake'] as const)
      expect(Object.keys(accessErrors(access))).toEqual(['401', '403']);
    expect(accessErrors('write')[403]).toContain('admin, editor may');
  });
});

describe('the error codes of access', () => {
  it('has a code for 401, 403, 421 and 429', () => {
    expect(errorCodeForStatus(401)).toBe('unauthenticated');
    expect(errorCodeForStatus(403)).toBe('forbidden');
    expect(errorCodeForStatus(421)).toBe('host_not_allowed');
    expect(errorCodeForStatus(429)).toBe('rate_limited');
    expect(ERROR_CODES).toContain('too_many_attempts');
  });
});

describe('the schemas of access.md', () => {
  const at = '2026-11-30T07:00:00.000Z';
  const pathsOf = (result: { error?: { issues: { path: PropertyKey[] }[] } }) =>
    result.error?.issues.map((issue) => issue.path.join('.'));

  it('takes the first admin, and a user, with a lower-cased email', () => {
    expect(
      setupSchema.parse({ email: ' Admin@Example.COM ', name: 'Ada', password: 'correct horse battery' }),
    ).toEqual({ email: 'admin@example.com', name: 'Ada', password: 'correct horse battery' });
    expect(
      newUserSchema.parse({
        email: 'Bo@Example.com',
        name: 'Bo',
        role: 'editor',
        password: '  twelve chars  ',
      }),
    ).toEqual({ email: 'bo@example.com', name: 'Bo', role: 'editor', password: '  twelve chars  ' });
  });

  it('refuses a password under 12 characters (counted as a person counts them), at path password', () => {
    const short = newUserSchema.safeParse({
      email: 'a@x.io',
      name: 'A',
      role: 'viewer',
      password: 'elevenchars',
    });
    expect(short.error?.issues).toEqual([
      expect.objectContaining({ path: ['password'], message: 'must be at least 12 characters' }),
    ]);
    // Twelve UTF-16 units, six characters.
    expect(pathsOf(setupSchema.safeParse({ email: 'a@x.io', name: 'A', password: '🔑🔑🔑🔑🔑🔑' }))).toEqual([
      'password',
    ]);
    expect(pathsOf(userPatchSchema.safeParse({ password: 'short' }))).toEqual(['password']);
  });

  it('refuses an unknown role, intake for a user, and properties access.md does not name', () => {
    const user = { email: 'a@x.io', name: 'A', password: 'long enough password' };
    expect(pathsOf(newUserSchema.safeParse({ ...user, role: 'owner' }))).toEqual(['role']);
    expect(newUserSchema.safeParse({ ...user, role: 'intake' }).error?.issues[0].message).toBe(
      'a user cannot be "intake": that role is for API keys only',
    );
    expect(newUserSchema.safeParse({ ...user, role: 'viewer', admin: true }).error?.issues[0]).toMatchObject({
      code: 'unrecognized_keys',
    });
    expect(pathsOf(newUserSchema.safeParse({ ...user, role: 'viewer', email: 'not an email' }))).toEqual([
      'email',
    ]);
    expect(pathsOf(userPatchSchema.safeParse({ email: 'b@x.io' }))).toEqual(['']);
    expect(pathsOf(newApiKeySchema.safeParse({ name: 'ci', role: 'root' }))).toEqual(['role']);
  });

  it('patches any of name, role, password and active', () => {
    expect(userPatchSchema.parse({})).toEqual({});
    expect(userPatchSchema.parse({ role: 'viewer', active: false })).toEqual({
      role: 'viewer',
      active: false,
    });
  });

  it('answers a user without a password', () => {
    const user = { id: 'u1', email: 'a@x.io', name: 'A', role: 'admin', active: true, createdAt: at };
    expect(userSchema.parse({ ...user, passwordHash: 'x' })).toEqual(user);
    expect(userSchema.safeParse({ ...user, role: 'intake' }).success).toBe(false);
  });

  it('signs in by any spelling of the email; a wrong one is no 400', () => {
    expect(loginSchema.parse({ email: ' Ada@Example.com', password: 'x' })).toEqual({
      email: 'ada@example.com',
      password: 'x',
    });
    expect(loginSchema.safeParse({ email: 'not an email', password: '' }).success).toBe(true);
    expect(pathsOf(loginSchema.safeParse({ email: 'a@x.io' }))).toEqual(['password']);
  });

  it('says who is asking: a user with its email, or a key', () => {
    expect(
      meSchema.safeParse({ type: 'user', id: 'u1', name: 'Ada', role: 'admin', email: 'a@x.io' }).success,
    ).toBe(true);
    expect(meSchema.safeParse({ type: 'key', id: 'k1', name: 'ci', role: 'intake' }).success).toBe(true);
    expect(meSchema.safeParse({ type: 'session', id: 'k1', name: 'ci', role: 'intake' }).success).toBe(false);
  });

  it('makes API keys: sources for intake keys only; the secret in the create answer only', () => {
    expect(newApiKeySchema.parse({ name: 'forms', role: 'intake', sources: ['s1', 's2'] })).toEqual({
      name: 'forms',
      role: 'intake',
      sources: ['s1', 's2'],
    });
    expect(newApiKeySchema.parse({ name: 'ci', role: 'admin' })).toEqual({ name: 'ci', role: 'admin' });
    expect(pathsOf(newApiKeySchema.safeParse({ name: 'ci', role: 'editor', sources: ['s1'] }))).toEqual([
      'sources',
    ]);
    expect(pathsOf(newApiKeySchema.safeParse({ name: 'f', role: 'intake', sources: ['s1', 's1'] }))).toEqual([
      'sources',
    ]);

    const created = {
      id: 'k1',
      name: 'forms',
      role: 'intake',
      sources: ['s1'],
      prefix: 'lf_AbCdE',
      createdAt: at,
      key: 'lf_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789',
    };
    expect(createdApiKeySchema.parse(created)).toEqual(created);
    expect(pathsOf(createdApiKeySchema.safeParse({ ...created, prefix: 'lf_zzzzz' }))).toEqual(['prefix']);
    expect(createdApiKeySchema.safeParse({ ...created, key: 'sk_AbCdE' }).success).toBe(false);

    const { key: _secret, ...listed } = created;
    expect(apiKeySchema.parse({ ...created, lastUsedAt: null })).toEqual({ ...listed, lastUsedAt: null });
    expect(apiKeySchema.safeParse({ ...listed, lastUsedAt: at }).success).toBe(true);
  });

  it('reads the audit log by entity and page, and answers entries naming who did what', () => {
    expect(
      auditQuerySchema.parse({ entity: 'workflow', entityId: 'w1', limit: '1000', offset: '0' }),
    ).toEqual({
      entity: 'workflow',
      entityId: 'w1',
      limit: 1000,
      offset: 0,
    });
    expect(pathsOf(auditQuerySchema.safeParse({ entity: 'lead' }))).toEqual(['entity']);
    expect(pathsOf(auditQuerySchema.safeParse({ limit: '1001' }))).toEqual(['limit']);

    const entry = {
      id: 'a1',
      at,
      actor: { type: 'user', id: 'u1', name: 'Ada' },
      action: 'workflow.saved',
      entity: 'workflow',
      entityId: 'w1',
      summary: 'saved version 3',
    };
    expect(auditEntrySchema.parse(entry)).toEqual(entry);
    expect(
      auditEntrySchema.safeParse({
        ...entry,
        actor: { type: 'key', id: 'k1', name: 'ci' },
        action: 'manager.updated',
        entity: 'manager',
        summary: 'available: true → false',
      }).success,
    ).toBe(true);
    expect(pathsOf(auditEntrySchema.safeParse({ ...entry, action: 'manager.updated' }))).toEqual(['action']);
  });
});
