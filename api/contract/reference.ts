import { z } from 'zod'
import { apiRoute } from './route.ts'

export const openApiRoute = apiRoute({
  method: 'get',
  path: '/api/openapi.json',
  summary: 'This API as an OpenAPI 3.1 document',
  tags: ['reference'],
  responses: { 200: { description: 'The OpenAPI document.', schema: z.looseObject({ openapi: z.string() }) } },
})

export const docsPageRoute = apiRoute({
  method: 'get',
  path: '/api/docs',
  summary: 'The API reference page',
  tags: ['reference'],
  responses: { 200: { description: 'An HTML page that reads `/api/openapi.json`.', contentType: 'text/html' } },
})

export const docsAssetRoute = apiRoute({
  method: 'get',
  path: '/api/docs/{file}',
  summary: 'A script or stylesheet of the reference page',
  tags: ['reference'],
  request: { params: z.object({ file: z.string() }) },
  responses: { 200: { description: 'The file: a stylesheet, a script or an icon.' } },
  problems: [404],
})

/** The routes of the API's own reference. */
export const REFERENCE_ROUTES = [openApiRoute, docsPageRoute, docsAssetRoute]
