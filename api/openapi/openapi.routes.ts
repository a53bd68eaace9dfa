import { Hono } from 'hono'
import { API_ROUTES } from '../contract/index.ts'
import { problems, type AppEnv } from '../http/index.ts'
import { docsFile, DOCS_PAGE } from './docs-page.ts'
import { openApiDocument } from './openapi-document.ts'

// The document depends only on the contract and the public origin, so each origin's is built once.
const documents = new Map<string, ReturnType<typeof openApiDocument>>()

/** The API's own reference: the OpenAPI document and a page that reads it, both from this origin. */
export const openApiRoutes = new Hono<AppEnv>()
  .get('/openapi.json', (c) => {
    let document = documents.get(c.var.baseUrl)
    if (!document) documents.set(c.var.baseUrl, (document = openApiDocument(API_ROUTES, c.var.baseUrl)))
    c.header('Cache-Control', 'public, max-age=300')
    return c.json(document)
  })
  .get('/docs', (c) => c.html(DOCS_PAGE))
  .get('/docs/:file', async (c) => {
    const name = c.req.param('file')
    const file = await docsFile(name)
    if (!file) throw problems.notFound('file', name)
    return c.body(file.body as never, 200, { 'Content-Type': file.type, 'Cache-Control': 'public, max-age=86400' })
  })
