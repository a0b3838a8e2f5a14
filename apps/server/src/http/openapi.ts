import type { INestApplication } from '@nestjs/common';
import { SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { apiErrorSchema, namedSchemas, routes, type Route } from '@leadflow/api';
import { REASONS } from '../common/api-error';

function routeConfig(route: Route): RouteConfig {
  const { request, response } = route;
  const errorResponses = Object.fromEntries(
    Object.entries(route.errors).map(([status, description]) => [
      status,
      {
        description: `${REASONS[Number(status)] ?? 'Error'}: ${description}`,
        ...(status === '503'
          ? {
              headers: {
                'Retry-After': {
                  description: 'Seconds to wait before trying again',
                  schema: { type: 'integer' as const },
                },
              },
            }
          : {}),
        content: { 'application/json': { schema: apiErrorSchema } },
      },
    ]),
  );
  return {
    method: route.method,
    path: route.path,
    summary: route.summary,
    tags: route.tags,
    request: {
      ...(request?.params ? { params: request.params } : {}),
      ...(request?.query ? { query: request.query } : {}),
      ...(request?.headers ? { headers: request.headers } : {}),
      ...(request?.body
        ? { body: { required: true, content: { 'application/json': { schema: request.body } } } }
        : {}),
    },
    responses: {
      [response.status]: {
        description: response.description,
        ...(response.headers
          ? {
              headers: Object.fromEntries(
                Object.entries(response.headers).map(([name, description]) => [
                  name,
                  { description, schema: { type: 'string' as const } },
                ]),
              ),
            }
          : {}),
        ...(response.contentType && !response.schema
          ? { content: { [response.contentType]: { schema: { type: 'string' as const } } } }
          : response.schema
            ? { content: { [response.contentType ?? 'application/json']: { schema: response.schema } } }
            : {}),
      },
      ...errorResponses,
    },
  };
}

/**
 * The OpenAPI 3.1 document of the API, generated from the zod schemas and the route table of
 * `@leadflow/api` (the same schemas the server validates with), so it cannot drift from what the
 * server accepts. Routes the table marks `planned` are left out until they are served.
 */
export function openApiDocument(): OpenAPIObject {
  const registry = new OpenAPIRegistry();
  for (const route of routes) if (!route.planned) registry.registerPath(routeConfig(route));
  // Named by the `id` of their zod meta (set in @leadflow/api), so no schema needs the generator's zod extension.
  const named = namedSchemas.map((schema) => ({ type: 'schema' as const, schema }));
  const document = new OpenApiGeneratorV31([...named, ...registry.definitions]).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Leadflow API',
      version: '1',
      description:
        'Lead routing: fields, managers, leads, workflows and their runs. Every refusal has one shape: `statusCode`, `error`, `message`, a `code` and, for invalid input, `issues` with a path per problem.',
    },
  });
  return document as unknown as OpenAPIObject;
}

/**
 * Swagger UI at /api/docs, the document at /api/docs-json. The document is built on its first
 * request (about 0.15 s), not at start, so the server answers health checks as soon as it can.
 */
export function serveOpenApi(app: INestApplication): void {
  SwaggerModule.setup('api/docs', app, openApiDocument, { jsonDocumentUrl: 'api/docs-json' });
}
