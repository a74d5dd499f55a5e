import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { readCatalogFiles } from '@aiml-service-kits/plugin-ml-maturity-node';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import express from 'express';
import { Server } from 'node:http';
import request from 'supertest';
import { parse as parseYaml } from 'yaml';
import { mlMaturityPlugin } from '../plugin';
import { createRouter } from '../service/router';
import { FIXTURE_DIR, sqlitePerPlugin } from '../__testUtils__/backend';

/*
 * openapi.yaml against the router: the document is a valid OpenAPI 3.0
 * description, it lists exactly the routes the router serves, and every
 * answer of the real plugin (its router, services, database and Backstage's
 * error handler, over the fixture catalog) has a status the document lists
 * for its route and a body its schema accepts. The schemas are closed
 * (`additionalProperties: false`), so a field added to or removed from a
 * response without the document following fails here.
 */

jest.setTimeout(120_000);

const SPEC_FILE = resolvePath(__dirname, 'openapi.yaml');
const BASE = '/api/ml-maturity';
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

type Json = any;

const spec: Json = parseYaml(readFileSync(SPEC_FILE, 'utf8'));

/** The document's value at a local `$ref` (`#/a/b`), or undefined. */
function pointer(ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map(part => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<any>(
      (node, part) => (node === undefined ? node : node[part]),
      spec,
    );
}

function deref<T>(value: T | { $ref: string }): T {
  return value && typeof value === 'object' && '$ref' in value
    ? (pointer(value.$ref) as T)
    : (value as T);
}

/** Every `$ref` of the document, with where it is. */
function allRefs(value: unknown, at = '#'): Array<[string, string]> {
  if (Array.isArray(value)) {
    return value.flatMap((v, i) => allRefs(v, `${at}/${i}`));
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, v]) =>
      key === '$ref' && typeof v === 'string'
        ? [[at, v] as [string, string]]
        : allRefs(v, `${at}/${key}`),
    );
  }
  return [];
}

/** The schemas with their refs pointing into the ajv copy of components. */
function forAjv(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(forAjv);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => [
        key,
        key === '$ref' && typeof v === 'string'
          ? v.replace(/^#\/components\/schemas\//, 'openapi#/definitions/')
          : forAjv(v),
      ]),
    );
  }
  return value;
}

const ajv = new Ajv({ strict: true, allErrors: true });
addFormats(ajv);
// an OpenAPI annotation; `nullable` is known to ajv
ajv.addVocabulary(['example']);
ajv.addSchema({
  $id: 'openapi',
  definitions: forAjv(spec.components?.schemas ?? {}),
});

const validators = new Map<unknown, ValidateFunction>();
function validatorFor(schema: unknown): ValidateFunction {
  let validate = validators.get(schema);
  if (!validate) {
    validate = ajv.compile(forAjv(schema) as object);
    validators.set(schema, validate);
  }
  return validate;
}

/** Route templates of the document, as regular expressions over a path. */
const templates = Object.keys(spec.paths ?? {}).map(template => ({
  template,
  pattern: new RegExp(
    `^${template.replace(/\{[^}]+\}/g, '[^/]+').replace(/\//g, '\\/')}$`,
  ),
}));

/** `METHOD template status` of every answer checked. */
const seen = new Set<string>();

/**
 * Fails unless the answer's status is listed for its route and its body is
 * what the document says: the response schema for JSON, nothing otherwise.
 * For a success, the request's query and body must be what the document
 * allows too.
 */
/** ajv's errors, each with its path and parameters (the field named). */
function describeErrors(validate: ValidateFunction): string {
  return (validate.errors ?? [])
    .map(e => `body${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`)
    .join('; ');
}

function expectConforms(res: request.Response, body?: unknown) {
  // the request supertest sent (its ClientRequest; not in the typings)
  const sent = (res as unknown as { req: { method: string; path: string } })
    .req;
  const method = sent.method;
  const url = new URL(sent.path, 'http://localhost');
  const path = url.pathname.slice(BASE.length);
  const route = templates.find(t => t.pattern.test(path));
  if (!route) {
    throw new Error(`openapi.yaml has no path for ${path}`);
  }
  const operation = spec.paths[route.template][method.toLowerCase()];
  if (!operation) {
    throw new Error(`openapi.yaml has no ${method} ${route.template}`);
  }
  const name = `${method} ${route.template}`;
  const response = deref<Json>(operation.responses[String(res.status)]);
  if (!response) {
    throw new Error(
      `${name} answered ${
        res.status
      }, which openapi.yaml does not list: ${JSON.stringify(res.body)}`,
    );
  }
  seen.add(`${name} ${res.status}`);
  const schema = response.content?.['application/json']?.schema;
  if (!schema) {
    expect(res.text ?? '').toBe('');
    return;
  }
  expect(res.type).toBe('application/json');
  const validate = validatorFor(schema);
  if (!validate(res.body)) {
    throw new Error(
      `${name} ${
        res.status
      }: the body does not match openapi.yaml: ${describeErrors(
        validate,
      )}\n${JSON.stringify(res.body).slice(0, 3000)}`,
    );
  }
  if (res.status < 300) {
    expectRequestConforms(name, operation, url.searchParams, body);
  }
  const error = (res.body as Json)?.error;
  if (res.status === 400 && error?.name === 'InputError') {
    expectRefusalDocumented(name, operation, {
      path: pathParams(route.template, path),
      query: url.searchParams,
      body,
      message: error.message,
    });
  }
}

/** The decoded path parameters of `path` by the route `template`. */
function pathParams(template: string, path: string): Record<string, string> {
  const names = template.split('/');
  const parts = path.split('/');
  const params: Record<string, string> = {};
  names.forEach((part, i) => {
    const match = /^\{(\w+)\}$/.exec(part);
    if (match) {
      try {
        params[match[1]] = decodeURIComponent(parts[i]);
      } catch {
        // a malformed encoding: Express answers URIError, not InputError
      }
    }
  });
  return params;
}

/** Whether a query value is what an OpenAPI client sends for the schema. */
function acceptsParameter(schema: Json, value: string): boolean {
  const resolved = deref<Json>(schema);
  // an integer is sent as its digits: `1e3` or `0x10` is no integer there
  if (resolved.type === 'integer' && !/^-?\d+$/.test(value)) return false;
  return validatorFor(schema)(
    resolved.type === 'integer' ? Number(value) : value,
  );
}

/**
 * Refusals no schema can state: the field and the start of the router's
 * message. Every other 400 naming a parameter or body field must be for a
 * value the document refuses too, so that a limit of the router that the
 * document leaves out (or states otherwise) fails here.
 */
const UNSTATABLE_REFUSALS: Array<[string, RegExp]> = [
  // opaque: only the exact encoding of a ref of the list
  ['cursor', /^is not a valid cursor$/],
  // two parameters
  ['to', /^must not be before from$/],
  // the kits in force
  ['itemId', /is not an attestable item of the kits in force$/],
];

function expectRefusalDocumented(
  name: string,
  operation: Json,
  sent: {
    path: Record<string, string>;
    query: URLSearchParams;
    body: unknown;
    message: string;
  },
) {
  const match = /^([^:]+): (.*)$/s.exec(sent.message);
  if (!match) return;
  const [, field, message] = match;
  if (UNSTATABLE_REFUSALS.some(([f, m]) => f === field && m.test(message))) {
    return;
  }
  const fail = (value: unknown) => {
    throw new Error(
      `${name}: the router refused ${field}=${JSON.stringify(
        value,
      )} (${message}), which openapi.yaml allows`,
    );
  };
  const parameter = (operation.parameters ?? [])
    .map((p: Json) => deref<Json>(p))
    .find(
      (p: Json) => p.name === field && (p.in === 'query' || p.in === 'path'),
    );
  if (parameter?.in === 'path') {
    const value = sent.path[field];
    const schema = deref<Json>(parameter.schema);
    // The limit is on the whole ref (kind:namespace/name); a part within
    // its own documented limit can be refused for the sum of the three.
    const combined =
      /^too long \(/.test(message) &&
      schema.maxLength !== undefined &&
      [...value].length <= schema.maxLength;
    if (!combined && acceptsParameter(parameter.schema, value)) fail(value);
    return;
  }
  if (parameter?.in === 'query') {
    const values = sent.query.getAll(field);
    if (values.length === 0) {
      if (!parameter.required) fail(undefined);
    } else if (values.length === 1) {
      if (acceptsParameter(parameter.schema, values[0])) fail(values[0]);
    }
    // a parameter given twice is no value of a scalar parameter
    return;
  }
  const bodySchema = deref<Json>(
    operation.requestBody?.content['application/json'].schema,
  );
  if (!bodySchema) return;
  if (field === 'body') {
    if (validatorFor(bodySchema)(sent.body)) fail(sent.body);
    return;
  }
  const property = bodySchema.properties?.[field];
  if (!property) return;
  let body = sent.body;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      return;
    }
  }
  const value =
    body && typeof body === 'object'
      ? (body as Record<string, unknown>)[field]
      : undefined;
  if (value === undefined) {
    if (!(bodySchema.required ?? []).includes(field)) fail(value);
  } else if (validatorFor(property)(value)) {
    fail(value);
  }
}

/** The query and body of a request that succeeded, against the document. */
function expectRequestConforms(
  name: string,
  operation: Json,
  query: URLSearchParams,
  body: unknown,
) {
  const parameters = (operation.parameters ?? [])
    .map((p: Json) => deref<Json>(p))
    .filter((p: Json) => p.in === 'query');
  for (const key of query.keys()) {
    expect({ name, query: key, declared: true }).toEqual({
      name,
      query: key,
      declared: parameters.some((p: Json) => p.name === key),
    });
  }
  for (const parameter of parameters) {
    const value = query.get(parameter.name);
    if (value === null) {
      expect({
        name,
        query: parameter.name,
        present: !parameter.required,
      }).toEqual({ name, query: parameter.name, present: true });
      continue;
    }
    const schema = deref<Json>(parameter.schema);
    const typed = schema.type === 'integer' ? Number(value) : value;
    const validate = validatorFor(parameter.schema);
    if (!validate(typed)) {
      throw new Error(
        `${name}: the router took ${
          parameter.name
        }=${value}, which openapi.yaml refuses: ${ajv.errorsText(
          validate.errors,
        )}`,
      );
    }
  }
  if (operation.requestBody) {
    const validate = validatorFor(
      operation.requestBody.content['application/json'].schema,
    );
    if (!validate(body)) {
      throw new Error(
        `${name}: the router took a body openapi.yaml refuses: ${ajv.errorsText(
          validate.errors,
        )}`,
      );
    }
  }
}

describe('openapi.yaml', () => {
  it('is a valid OpenAPI 3.0 document', async () => {
    expect(spec.openapi).toBe('3.0.3');
    // the official OpenAPI 3.0 schema, and every $ref resolved
    await expect(
      SwaggerParser.validate(structuredClone(spec)),
    ).resolves.toBeDefined();
  });

  it('resolves every $ref within the document', () => {
    const refs = allRefs(spec);
    expect(refs.length).toBeGreaterThan(50);
    const broken = refs.filter(([, ref]) => pointer(ref) === undefined);
    expect(broken).toEqual([]);
  });

  it('has schemas that compile (strict JSON Schema, known formats)', () => {
    for (const name of Object.keys(spec.components.schemas)) {
      expect(() => ajv.getSchema(`openapi#/definitions/${name}`)).not.toThrow();
      expect(ajv.getSchema(`openapi#/definitions/${name}`)).toBeDefined();
    }
    const inOperations = Object.values<Json>(spec.paths).flatMap(item =>
      METHODS.filter(method => item[method]).flatMap(method => [
        ...(item[method].parameters ?? []).map(
          (parameter: Json) => deref<Json>(parameter).schema,
        ),
        ...Object.values<Json>(item[method].responses)
          .map(response => deref<Json>(response).content)
          .filter(Boolean)
          .map(content => content['application/json'].schema),
        ...(item[method].requestBody
          ? [item[method].requestBody.content['application/json'].schema]
          : []),
      ]),
    );
    expect(inOperations.length).toBeGreaterThan(50);
    for (const schema of inOperations) {
      expect(() => validatorFor(schema)).not.toThrow();
    }
  });

  it('lists exactly the routes the router serves, with their path parameters', async () => {
    const router = await createRouter({
      httpAuth: {} as any,
      permissions: {} as any,
      assessments: {} as any,
      attestations: {} as any,
      refresh: {} as any,
      kits: [],
    });
    const served = (router as unknown as express.Router).stack
      .filter(layer => layer.route)
      .flatMap(layer =>
        Object.keys((layer.route as any).methods).map(
          method =>
            `${method.toUpperCase()} ${String(layer.route!.path).replace(
              /:(\w+)/g,
              '{$1}',
            )}`,
        ),
      )
      .sort();
    const documented = Object.entries<Json>(spec.paths)
      .flatMap(([template, item]) =>
        METHODS.filter(method => item[method]).map(
          method => `${method.toUpperCase()} ${template}`,
        ),
      )
      .sort();
    expect(served.length).toBeGreaterThanOrEqual(10);
    expect(documented).toEqual(served);

    for (const [template, item] of Object.entries<Json>(spec.paths)) {
      const inPath = [...template.matchAll(/\{(\w+)\}/g)].map(m => m[1]);
      for (const method of METHODS.filter(m => item[m])) {
        const declared = (item[method].parameters ?? [])
          .map((p: Json) => deref<Json>(p))
          .filter((p: Json) => p.in === 'path')
          .map((p: Json) => p.name);
        expect({ route: `${method} ${template}`, params: declared }).toEqual({
          route: `${method} ${template}`,
          params: inPath,
        });
      }
    }
  });

  it('needs a bearer token on every route', () => {
    expect(spec.components.securitySchemes.bearerAuth).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    expect(spec.security).toEqual([{ bearerAuth: [] }]);
  });
});

const database = sqlitePerPlugin();

const alice = mockCredentials.user.header('user:default/alice');
const service = mockCredentials.service.header();
const none = mockCredentials.none.header();
const VISION = 'group:default/vision';
/** A portal attestation the fixture's kits and team accept. */
const ATTESTATION = {
  entityRef: VISION,
  itemId: 'starter.process.data-management',
  url: 'https://wiki.example.com/dm',
};

/** The fixture catalog's entities, with namespaces as the catalog has them. */
async function fixtureEntities(): Promise<Entity[]> {
  const { entities } = await readCatalogFiles({ paths: [FIXTURE_DIR] });
  return (entities as Entity[]).map(entity => ({
    ...entity,
    metadata: { namespace: 'default', ...entity.metadata },
  }));
}

describe('the router against openapi.yaml', () => {
  let server: Server;
  /** Permissions the mock policy denies (all others are allowed). */
  const denied = new Set<string>();
  let catalog: ReturnType<typeof catalogServiceMock>;
  let entities: Entity[];

  const decide = (requests: Array<{ permission: { name: string } }>) =>
    requests.map(r => ({
      result: denied.has(r.permission.name)
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
    }));

  beforeAll(async () => {
    entities = await fixtureEntities();
    catalog = catalogServiceMock({ entities });
    ({ server } = await startTestBackend({
      features: [
        mlMaturityPlugin,
        database,
        createServiceFactory({
          service: catalogServiceRef,
          deps: {},
          factory: () => catalog,
        }),
        mockServices.permissions.mock({
          authorize: (async (requests: any) => decide(requests)) as any,
          authorizeConditional: (async (requests: any) =>
            decide(requests)) as any,
        }).factory,
      ],
    }));
  });

  afterEach(() => {
    denied.clear();
    jest.restoreAllMocks();
  });

  /** Sends a request and checks its answer against the document. */
  async function call(
    method: 'get' | 'post' | 'delete',
    path: string,
    options: {
      auth?: string;
      body?: unknown;
      type?: string;
      headers?: Record<string, string>;
    } = {},
  ): Promise<request.Response> {
    let req = request(server)
      [method](`${BASE}${path}`)
      .set('Authorization', options.auth ?? alice);
    for (const [key, value] of Object.entries(options.headers ?? {})) {
      req = req.set(key, value);
    }
    if (options.type) req = req.set('Content-Type', options.type);
    if (options.body !== undefined) {
      req = req.send(
        typeof options.body === 'string'
          ? options.body
          : (options.body as object),
      );
    }
    const res = await req;
    expectConforms(res, options.body);
    return res;
  }

  const readRoutes = [
    '/v1/kits',
    '/v1/assessments',
    `/v1/assessments/group/default/vision`,
    '/v1/assets/resource/default/vision-images',
    '/v1/roadmap',
    '/v1/history',
    `/v1/attestations?entityRef=${VISION}`,
  ];

  it('answers 503 before the first refresh where the document says so', async () => {
    for (const path of [
      '/v1/assessments',
      '/v1/assessments/group/default/vision',
      '/v1/assets/resource/default/vision-images',
      '/v1/roadmap',
      `/v1/history?entityRef=${VISION}`,
      `/v1/attestations?entityRef=${VISION}`,
    ]) {
      expect((await call('get', path)).status).toBe(503);
    }
    const posted = await call('post', '/v1/attestations', {
      body: ATTESTATION,
    });
    expect(posted.status).toBe(503);
    // served before the first refresh too
    expect((await call('get', '/v1/kits')).status).toBe(200);
    expect((await call('get', '/v1/history')).body).toEqual({ days: [] });
  });

  it('answers 401 without credentials and 403 when a permission is denied', async () => {
    for (const path of readRoutes) {
      expect((await call('get', path, { auth: none })).status).toBe(401);
    }
    expect(
      (await call('post', '/v1/attestations', { auth: none })).status,
    ).toBe(401);
    expect(
      (
        await call(
          'delete',
          '/v1/attestations/8b0e3c4c-5f0e-4f7a-9a55-0d6f7a3c1e11',
          { auth: none },
        )
      ).status,
    ).toBe(401);
    expect((await call('post', '/v1/refresh', { auth: none })).status).toBe(
      401,
    );

    denied.add('ml-maturity.assessment.read');
    denied.add('ml-maturity.refresh');
    for (const path of readRoutes) {
      expect((await call('get', path)).status).toBe(403);
    }
    expect((await call('post', '/v1/refresh')).status).toBe(403);
    // users-only routes refuse a service principal
    expect(
      (
        await call('post', '/v1/attestations', {
          auth: service,
          body: { entityRef: VISION },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call(
          'delete',
          '/v1/attestations/8b0e3c4c-5f0e-4f7a-9a55-0d6f7a3c1e11',
          { auth: service },
        )
      ).status,
    ).toBe(403);
  });

  it('serves every read route as documented after a refresh', async () => {
    expect((await call('post', '/v1/refresh')).status).toBe(202);

    const kits = await call('get', '/v1/kits', { auth: service });
    expect(kits.status).toBe(200);

    const all = await call('get', '/v1/assessments');
    expect(all.status).toBe(200);
    expect(all.body.teams.length).toBeGreaterThanOrEqual(3);
    // the fixture exercises what the schemas describe
    const teams: Json[] = all.body.teams;
    expect(teams.some(t => t.rollup !== null)).toBe(true);
    expect(teams.some(t => t.parent !== null)).toBe(true);
    expect(
      teams.some(t => t.items.some((i: Json) => i.attestation !== undefined)),
    ).toBe(true);
    expect(
      [...all.body.findings, ...teams.flatMap(t => t.findings)].length,
    ).toBeGreaterThan(0);
    expect(all.body.unattributedAssets.length).toBeGreaterThan(0);

    const first = await call('get', '/v1/assessments?limit=1');
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await call(
      'get',
      `/v1/assessments?limit=1&cursor=${first.body.nextCursor}`,
    );
    expect(second.status).toBe(200);
    expect(second.body.teams).toHaveLength(1);

    for (const ref of teams.map(t => t.entityRef as string)) {
      const team = await call(
        'get',
        `/v1/assessments/${ref.replace(/[:]/, '/')}`,
        { auth: service },
      );
      expect(team.status).toBe(200);
    }
    expect(
      (await call('get', '/v1/assets/resource/default/vision-images')).status,
    ).toBe(200);
    const withFinding = await call(
      'get',
      '/v1/assets/resource/default/secret-dataset',
    );
    expect(withFinding.status).toBe(200);
    expect(withFinding.body.findings.length).toBeGreaterThan(0);

    const roadmap = await call('get', '/v1/roadmap');
    expect(roadmap.status).toBe(200);
    expect(roadmap.body.items.length).toBeGreaterThan(0);
    const notModified = await call('get', '/v1/roadmap', {
      headers: { 'If-None-Match': roadmap.headers.etag },
    });
    expect(notModified.status).toBe(304);
    // Express gives every JSON answer a weak ETag and answers 304 to a
    // matching If-None-Match, on every GET route
    for (const path of [...readRoutes, `/v1/history?entityRef=${VISION}`]) {
      const plain = await call('get', path);
      expect(plain.status).toBe(200);
      expect(plain.headers.etag).toMatch(/^W\/"/);
      const again = await call('get', path, {
        headers: { 'If-None-Match': plain.headers.etag },
      });
      expect({ path, status: again.status }).toEqual({ path, status: 304 });
    }

    const history = await call(
      'get',
      `/v1/history?entityRef=${VISION}&from=2000-01-01&to=2999-12-31`,
    );
    expect(history.status).toBe(200);
    expect(history.body.points).toHaveLength(1);
    const org = await call('get', '/v1/history?from=2000-01-01');
    expect(org.status).toBe(200);
    expect(org.body.days).toHaveLength(1);

    const attestations = await call(
      'get',
      `/v1/attestations?entityRef=${VISION}`,
      { auth: service },
    );
    expect(attestations.body).toEqual({ attestations: [], canAttest: false });
  });

  it('answers 400 and 404 on the read routes as documented', async () => {
    for (const path of [
      '/v1/assessments?limit=0',
      '/v1/assessments?limit=1e3',
      '/v1/assessments?limit=5001',
      '/v1/assessments?cursor=Z3JvdXA6ZGVmYXVsdC9h%3D%3D',
      `/v1/assessments/group/default/${'a'.repeat(300)}`,
      '/v1/assessments/group/default/a%01b',
      `/v1/assets/resource/default/${'a'.repeat(300)}`,
      '/v1/assets/resource/default/%E0%A4%A',
      '/v1/history?entityRef=vision',
      '/v1/history?entityRef=group:default/',
      '/v1/history?entityRef=default/group:vision',
      '/v1/history?from=2026-02-30',
      '/v1/history?from=2026-03-02&to=2026-03-01',
      '/v1/attestations',
      `/v1/attestations?entityRef=group:default/${'x'.repeat(300)}`,
    ]) {
      const res = await call('get', path);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
    }
    for (const path of [
      '/v1/assessments/group/default/nope',
      '/v1/assets/resource/default/nope',
      '/v1/history?entityRef=group:default/nope',
      '/v1/attestations?entityRef=group:default/nope',
    ]) {
      const res = await call('get', path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
  });

  it('records, lists and revokes an attestation as documented', async () => {
    const body = {
      ...ATTESTATION,
      url: ' https://wiki.example.com/dm ',
      comment: 'Reviewed with product',
    };
    const created = await call('post', '/v1/attestations', { body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'active',
      comment: body.comment,
    });

    // the refresh it started shows the portal attestation on the item
    const team = await call('get', '/v1/assessments/group/default/vision');
    expect(
      team.body.items.find((i: Json) => i.id === body.itemId).attestation,
    ).toMatchObject({ source: 'portal', id: created.body.id });

    const list = await call('get', `/v1/attestations?entityRef=${VISION}`);
    expect(list.body.canAttest).toBe(true);
    expect(list.body.attestations).toHaveLength(1);

    // the scheme is taken in any case and the URL stored as sent (trimmed)
    const upper = await call('post', '/v1/attestations', {
      body: { ...body, url: 'HTTPS://Wiki.example.com/DM' },
    });
    expect(upper.status).toBe(201);
    expect(upper.body.url).toBe('HTTPS://Wiki.example.com/DM');
    expect(
      (await call('delete', `/v1/attestations/${upper.body.id}`)).status,
    ).toBe(200);

    const revoked = await call('delete', `/v1/attestations/${created.body.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({
      status: 'revoked',
      revokedBy: 'user:default/alice',
    });
    expect(
      (await call('delete', `/v1/attestations/${created.body.id}`)).status,
    ).toBe(409);
    expect(
      (await call('get', `/v1/attestations?entityRef=${VISION}`)).body
        .attestations[0].events,
    ).toHaveLength(2);
  });

  it('answers the errors of POST and DELETE /attestations as documented', async () => {
    const statusOf = async (
      method: 'post' | 'delete',
      path: string,
      options: Parameters<typeof call>[2] = {},
    ) => (await call(method, path, options)).status;

    expect(
      await statusOf('post', '/v1/attestations', {
        type: 'text/plain',
        body: JSON.stringify(ATTESTATION),
      }),
    ).toBe(400);
    expect(
      await statusOf('post', '/v1/attestations', {
        type: 'application/json',
        body: '{"entityRef":',
      }),
    ).toBe(400);
    expect(
      await statusOf('post', '/v1/attestations', {
        body: { ...ATTESTATION, itemId: 'starter.technology.project-datasets' },
      }),
    ).toBe(400);
    expect(
      await statusOf('post', '/v1/attestations', {
        body: { ...ATTESTATION, url: 'ftp://example.com/x' },
      }),
    ).toBe(400);
    expect(
      await statusOf('post', '/v1/attestations', {
        type: 'application/json',
        body: JSON.stringify({ ...ATTESTATION, comment: 'x'.repeat(200_000) }),
      }),
    ).toBe(413);
    expect(
      await statusOf('post', '/v1/attestations', {
        type: 'application/json; charset=latin1',
        body: JSON.stringify(ATTESTATION),
      }),
    ).toBe(415);
    // Express's parser reads UTF-16 too, and refuses UTF-32
    expect(
      await statusOf('post', '/v1/attestations', {
        type: 'application/json; charset=utf-32',
        body: JSON.stringify(ATTESTATION),
      }),
    ).toBe(415);
    const utf16Body = { ...ATTESTATION, url: `${ATTESTATION.url}16` };
    const utf16 = await request(server)
      .post(`${BASE}/v1/attestations`)
      .set('Authorization', alice)
      .set('Content-Type', 'application/json; charset=utf-16le')
      // the bytes as they are (superagent would write a Buffer as JSON)
      .serialize(data => data)
      .send(Buffer.from(JSON.stringify(utf16Body), 'utf16le'));
    expectConforms(utf16, utf16Body);
    expect(utf16.status).toBe(201);
    expect(utf16.body.url).toBe(utf16Body.url);
    expect(
      await statusOf('post', '/v1/attestations', {
        body: { ...ATTESTATION, entityRef: 'group:default/nope' },
      }),
    ).toBe(404);
    denied.add('ml-maturity.attestation.create');
    expect(
      await statusOf('post', '/v1/attestations', { body: ATTESTATION }),
    ).toBe(403);
    denied.clear();

    expect(await statusOf('delete', '/v1/attestations/not-a-uuid')).toBe(400);
    // a UUID URN is no UUID to the router (JSON Schema's uuid format takes it)
    expect(
      await statusOf(
        'delete',
        '/v1/attestations/urn:uuid:00000000-0000-4000-8000-000000000000',
      ),
    ).toBe(400);
    expect(
      await statusOf(
        'delete',
        '/v1/attestations/00000000-0000-4000-8000-000000000000',
      ),
    ).toBe(404);
  });

  it('answers 503 while the catalog cannot say what the caller may read', async () => {
    const created = await call('post', '/v1/attestations', {
      body: { ...ATTESTATION, url: 'https://wiki.example.com/dm2' },
    });
    expect(created.status).toBe(201);
    jest
      .spyOn(catalog, 'getEntitiesByRefs')
      .mockRejectedValue(new Error('catalog went away'));
    expect((await call('get', '/v1/assessments')).status).toBe(503);
    expect(
      (await call('delete', `/v1/attestations/${created.body.id}`)).status,
    ).toBe(503);
  });

  it('adds stale and lastError after a failed refresh', async () => {
    jest
      .spyOn(catalog, 'streamEntities')
      .mockImplementation(async function* failing() {
        yield entities.slice(0, 2);
        throw new Error('catalog went away');
      });
    expect((await call('post', '/v1/refresh')).status).toBe(202);
    for (const path of [
      '/v1/assessments',
      '/v1/assessments/group/default/vision',
      '/v1/assets/resource/default/vision-images',
      '/v1/roadmap',
    ]) {
      const res = await call('get', path);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        stale: true,
        lastError: expect.stringContaining('catalog went away'),
      });
    }
  });

  it('answers 409 to a refresh asked for while one is queued', async () => {
    const { server: queued } = await startTestBackend({
      features: [
        mlMaturityPlugin,
        catalogServiceMock.factory({ entities }),
        schedulerServiceFactory,
        database,
        mockServices.rootConfig.factory({
          data: {
            mlMaturity: {
              schedule: { frequency: { hours: 1 }, initialDelay: { hours: 1 } },
            },
          },
        }),
      ],
    });
    const post = async () => {
      const res = await request(queued)
        .post(`${BASE}/v1/refresh`)
        .set('Authorization', alice);
      expectConforms(res);
      return res.status;
    };
    expect(await post()).toBe(202);
    expect(await post()).toBe(409);
  });

  it('has seen every documented answer but 500', () => {
    // POST /refresh answers 503 only while the database is unreachable:
    // databaseFailure.test.ts shows it
    const elsewhere = new Set(['POST /v1/refresh 503']);
    const documented = Object.entries<Json>(spec.paths).flatMap(
      ([template, item]) =>
        METHODS.filter(method => item[method]).flatMap(method =>
          Object.keys(item[method].responses)
            .filter(status => status !== '500')
            .filter(
              status =>
                !elsewhere.has(`${method.toUpperCase()} ${template} ${status}`),
            )
            .map(status => `${method.toUpperCase()} ${template} ${status}`),
        ),
    );
    expect(documented.filter(answer => !seen.has(answer))).toEqual([]);
  });
});
