import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/**
 * The files of the reference page: Swagger UI's, from its package, and our start script.
 * Only these names are served, so no path from a request ever reaches the file system.
 */
const SWAGGER_UI_FILES = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
} as const

/** Starts Swagger UI on the document; a file of its own, since the page's CSP forbids inline scripts. */
const START_SCRIPT = `window.addEventListener('load', function startReference() {
  window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#reference', deepLinking: true })
})
`

/** The reference page: every script and style it loads comes from `/api/docs/`. */
export const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Hromada Map API</title>
<link rel="icon" type="image/png" href="/api/docs/favicon-32x32.png">
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
<div id="reference"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/start.js"></script>
</body>
</html>
`

/** A file of the reference page: its bytes and media type. */
export interface DocsFile {
  body: Uint8Array | string
  type: string
}

const swaggerUiFolder = () => dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
const loaded = new Map<string, Promise<DocsFile>>()

/** The file `name` of the reference page, read once and kept; undefined for any other name. */
export function docsFile(name: string): Promise<DocsFile> | undefined {
  if (name === 'start.js') return Promise.resolve({ body: START_SCRIPT, type: 'text/javascript; charset=utf-8' })
  if (!Object.hasOwn(SWAGGER_UI_FILES, name)) return undefined
  const type = SWAGGER_UI_FILES[name as keyof typeof SWAGGER_UI_FILES]
  let file = loaded.get(name)
  if (!file) {
    file = readFile(join(swaggerUiFolder(), name)).then((bytes) => ({ body: new Uint8Array(bytes), type }))
    // A failed read is not kept: the next request tries again.
    file.catch(() => loaded.delete(name))
    loaded.set(name, file)
  }
  return file
}
