import { createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { AppError } from '../errors.js';
import { assertRouteDeclaresAccess, createAccessHook, type Access } from './access.js';
import { createErrorHandler } from './error-handler.js';
import { registerRoutes } from './routes/index.js';
import { attachPublicPages, createPublicPages, serverWithPublicPages } from './public-pages.js';
import { publicProviderPhotoRoutes } from './routes/provider-photo.js';
import type { AppServices } from './services.js';

export type App = FastifyInstance;

/** Every route the app registered, with its declared access: the authorization tests walk this list. */
export interface RouteEntry {
  method: string;
  url: string;
  access: Access | undefined;
  hasBody: boolean;
}

const routeTables = new WeakMap<object, RouteEntry[]>();
export function routeTable(app: App): RouteEntry[] {
  return routeTables.get(app) ?? [];
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Builds the HTTP app: plugins, the policy hook, the routes, the web app. Does not listen. */
export async function buildApp(services: AppServices): Promise<App> {
  const publicPages = createPublicPages(services);
  const app = Fastify({
    // Cached public pages are answered before Fastify's routing and hooks (public-pages.ts).
    serverFactory: serverWithPublicPages(publicPages),
    loggerInstance: services.log as FastifyBaseLogger,
    bodyLimit: 256 * 1024,
    trustProxy: services.config.trustProxy,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
  }).withTypeProvider<ZodTypeProvider>();
  attachPublicPages(app, publicPages);

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(createErrorHandler(services));
  app.setNotFoundHandler(async (request, reply) => {
    // Client-side routes (no file extension) get the app; a missing asset is a real 404.
    const path = request.url.split('?')[0] ?? '';
    const isPage = !path.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(path);
    if (isPage && services.webRoot && (request.method === 'GET' || request.method === 'HEAD')) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    throw new AppError('not_found', 'There is nothing at this address.');
  });
  const routes: RouteEntry[] = [];
  routeTables.set(app, routes);
  app.addHook('onRoute', (route) => {
    assertRouteDeclaresAccess(route);
    for (const method of [route.method].flat()) {
      if (
        route.url.startsWith('/api/') &&
        !route.url.startsWith('/api/docs') &&
        method !== 'HEAD'
      ) {
        routes.push({
          method,
          url: route.url,
          access: route.config?.access,
          hasBody: Boolean(route.schema?.body),
        });
      }
    }
  });

  const secure = services.config.publicUrl.startsWith('https://');
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
    },
    hsts: secure,
    referrerPolicy: { policy: 'no-referrer' },
  });
  await app.register(cookie, { secret: derivedKey(services.config.secretKey, 'cookie-signing') });
  await app.register(csrf, {
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'strict', path: '/', secure },
  });
  await app.register(rateLimit, {
    max: 600,
    timeWindow: '1 minute',
    keyGenerator: (request) => request.ip,
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Bedside API',
        version: '0.1.0',
        description: 'Social media and reputation for healthcare practices, HIPAA-safe.',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'bedside_session' } },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  const checkAccess = createAccessHook(services);
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/docs')) return;
    if (STATE_CHANGING.has(request.method)) {
      await new Promise<void>((resolve, reject) =>
        app.csrfProtection(request, reply, (err?: Error) => (err ? reject(err) : resolve())),
      );
    }
    await checkAccess(request, reply);
  });

  await app.register(registerRoutes(services), { prefix: '/api' });
  // Public provider and practice pages: server-rendered HTML, no sign-in (issue 7).
  await app.register(publicPages.routes);
  await app.register(publicProviderPhotoRoutes(services));

  if (services.webRoot && existsSync(join(services.webRoot, 'index.html'))) {
    // Files are looked up per request, so a rebuilt web app is served without a restart.
    await app.register(fastifyStatic, {
      root: services.webRoot,
      wildcard: true,
      maxAge: '1h',
      index: ['index.html'],
    });
  }
  return app as unknown as App;
}

function derivedKey(key: Buffer, purpose: string): string {
  return createHmac('sha256', key).update(purpose).digest('base64');
}
