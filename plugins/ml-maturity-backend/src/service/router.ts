import {
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  InputError,
  NotAllowedError,
  ServiceUnavailableError,
  stringifyError,
} from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  mlMaturityAssessmentReadPermission,
  mlMaturityRefreshPermission,
  type KitDefinition,
  type KitsResponse,
} from '@aiml-service-kits/plugin-ml-maturity-common';
import express, { ErrorRequestHandler, Request } from 'express';
import Router from 'express-promise-router';
import { databaseUnavailableReason } from '../database/unavailable';
import { AssessmentService } from './AssessmentService';
import { AttestationService } from './AttestationService';
import {
  assessmentsQuerySchema,
  attestationIdSchema,
  attestationsQuerySchema,
  createAttestationSchema,
  historyQuerySchema,
  parse,
  refFromParams,
} from './validation';

/** Options of {@link createRouter}. @internal */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  assessments: AssessmentService;
  attestations: AttestationService;
  refresh: { trigger(): Promise<void> };
  kits: ReadonlyArray<KitDefinition>;
  /** Told the details of a database failure that the answer leaves out. */
  logger?: LoggerService;
}

/**
 * The REST API, mounted at `/api/ml-maturity`; every route needs credentials.
 *
 * @internal
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, assessments, attestations, refresh } = options;
  const router = Router();
  // Only the route that takes a body parses one: elsewhere a stray body is
  // ignored rather than refused. Not strict: a body of `null` or `"x"` is
  // then refused by the schema as `body: Expected object, ...` (the strict
  // parser called it invalid JSON).
  const jsonParser = express.json({ strict: false });
  /**
   * Parses a JSON body into `req.body` inside a handler, after its
   * credential check: as route middleware the parser ran first, so a
   * service principal got 400, 413 or 415 for its body instead of 403.
   */
  const parseJsonBody = (req: Request, res: express.Response) =>
    new Promise<void>((resolve, reject) =>
      jsonParser(req, res, (error?: unknown) =>
        error ? reject(error) : resolve(),
      ),
    );

  const authorize = async (
    credentials: BackstageCredentials,
    permission: BasicPermission,
  ) => {
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Permission ${permission.name} denied`);
    }
  };

  /** A user or service allowed to read assessments. */
  const reader = async (req: Request) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await authorize(credentials, mlMaturityAssessmentReadPermission);
    return credentials;
  };

  router.get('/v1/kits', async (req, res) => {
    await reader(req);
    res.json({ kits: [...options.kits] } satisfies KitsResponse);
  });

  router.get('/v1/assessments', async (req, res) => {
    const credentials = await reader(req);
    const query = parse(assessmentsQuerySchema, req.query);
    res.json(
      await assessments.listAssessments({
        credentials,
        limit: query.limit,
        afterRef: query.cursor,
      }),
    );
  });

  router.get('/v1/assessments/:kind/:namespace/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    // The team card is the hot read: the team is read (its refs checked in
    // the catalog with the caller's own credentials) while the permission
    // is asked. Nothing is sent before the permission is granted, and a
    // denial wins over any error of the read (bad ref, unknown team).
    const team = (async () =>
      assessments.getTeam({
        credentials,
        teamRef: refFromParams(req.params),
      }))();
    team.catch(() => {});
    await authorize(credentials, mlMaturityAssessmentReadPermission);
    res.json(await team);
  });

  router.get('/v1/assets/:kind/:namespace/:name', async (req, res) => {
    const credentials = await reader(req);
    res.json(
      await assessments.getAsset({
        credentials,
        entityRef: refFromParams(req.params),
      }),
    );
  });

  router.get('/v1/roadmap', async (req, res) => {
    const credentials = await reader(req);
    // serialised once per snapshot and visible set; ETag set, not recomputed
    const { body, etag } = await assessments.getRoadmapBody({ credentials });
    res.set('ETag', etag).type('application/json').send(body);
  });

  router.get('/v1/history', async (req, res) => {
    const credentials = await reader(req);
    const { entityRef, from, to } = parse(historyQuerySchema, req.query);
    res.json(
      entityRef
        ? await assessments.getTeamHistory({
            credentials,
            teamRef: entityRef,
            from,
            to,
          })
        : await assessments.getOrgHistory({ credentials, from, to }),
    );
  });

  router.get('/v1/attestations', async (req, res) => {
    const credentials = await reader(req);
    const { entityRef } = parse(attestationsQuerySchema, req.query);
    const list = await attestations.list({ credentials, teamRef: entityRef });
    res.json({
      attestations: list,
      // whether this caller may attest and revoke for the team (a UI shows
      // its buttons only then); never for a service principal
      canAttest:
        credentials.principal.type === 'user'
          ? await attestations.mayAttest(
              credentials as BackstageCredentials<BackstageUserPrincipal>,
              entityRef,
            )
          : false,
    });
  });

  router.post('/v1/attestations', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    // A body of another type is not parsed: without this, a form or text
    // body holding every field was answered `entityRef: Required`.
    if (req.is('application/json') === false) {
      throw new InputError(
        `Content-Type: must be application/json, got ${
          req.get('Content-Type')?.slice(0, 100) ?? 'none'
        }`,
      );
    }
    await parseJsonBody(req, res);
    const body = parse(
      createAttestationSchema,
      req.body === undefined ? {} : req.body,
    );
    const created = await attestations.create({
      credentials,
      teamRef: body.entityRef,
      itemId: body.itemId,
      url: body.url,
      comment: body.comment,
    });
    res.status(201).json(created);
  });

  router.delete('/v1/attestations/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const { id } = parse(attestationIdSchema, req.params);
    res.json(await attestations.revoke({ credentials, id }));
  });

  router.post('/v1/refresh', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await authorize(credentials, mlMaturityRefreshPermission);
    await refresh.trigger();
    res.status(202).json({ status: 'triggered' });
  });

  // The plugin's database unreachable, restarting, or cutting connections:
  // 503, which a caller may try again, rather than a 500 whose message
  // (`connect ECONNREFUSED <host>:<port>`, with `address` and `port`
  // fields) names the database's address. The log keeps the details.
  const databaseUnavailable: ErrorRequestHandler = (error, req, _res, next) => {
    const reason = databaseUnavailableReason(error);
    if (!reason) {
      next(error);
      return;
    }
    options.logger?.warn(
      `ML maturity database not available for ${req.method} ${
        req.originalUrl ?? req.url
      }: ${stringifyError(error)}`,
    );
    next(
      new ServiceUnavailableError(
        `The ML maturity database is not available (${reason}); try again shortly`,
      ),
    );
  };
  router.use(databaseUnavailable);

  return router;
}
