import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, normalize, relative } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

/*
 * The house's walls, checked on every file: a folder is a module, and others see it only through
 * its face, `index.ts` (test files may also use its `testing.ts`). A web module's pages, which
 * the app's router loads only when their path is opened, are a second face, `pages.ts`, reached
 * only by a dynamic `import()`. The layers run one way: the
 * database module knows nothing of the layer catalogue, tiles or the HTTP API, and so on up.
 * The API contract (`api/contract`) is the one module every side may import, so it may import
 * nothing but zod: no server code reaches the web app through it.
 */

const ROOT = normalize(join(import.meta.dirname, '..'))
const TREES = ['api', 'db', 'tiles', 'layers', 'scripts', 'web']

/** What each top-level module may import of the others (besides itself). */
const MAY_IMPORT: Record<string, readonly string[]> = {
  db: [],
  layers: ['db'],
  tiles: ['db', 'layers'],
  api: ['db', 'layers', 'tiles'],
  scripts: ['db', 'layers', 'tiles', 'api', 'web'],
  // The web app talks to the server over HTTP; of its code it imports only the contract.
  web: [],
}
const CONTRACT = join('api', 'contract')

interface Import {
  file: string
  target: string
  /** An `import()` expression, loaded when it runs. */
  dynamic: boolean
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'data' || entry.name === 'fixtures' ? [] : sourceFiles(path)
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : []
  })
}

/** Every relative import of a file, static or dynamic, as a path from the root. */
function relativeImports(file: string): Import[] {
  const source = ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true)
  const found: Import[] = []
  const visit = (node: ts.Node): void => {
    let specifier: ts.Expression | undefined
    const dynamic = ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) specifier = node.moduleSpecifier
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) specifier = node.arguments[0]
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) specifier = node.argument.literal
    // An augmentation (`declare module '../http/index.ts'`) reaches into a module as an import does.
    else if (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name)) specifier = node.name
    if (specifier && ts.isStringLiteral(specifier) && specifier.text.startsWith('.')) {
      found.push({ file, target: normalize(join(dirname(file), specifier.text)), dynamic })
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

const isTestFile = (file: string) => /\.test\.tsx?$|test-helpers\.ts$|testing\.ts$|[/\\]e2e[/\\]/.test(file)
const topOf = (path: string) => path.split(/[/\\]/)[0]!

// Stylesheets, translations and package.json are read, not imported as code: the walls are for modules.
const imports = TREES.flatMap(sourceFiles).flatMap(relativeImports).filter(({ target }) => /\.tsx?$/.test(target))
const appImports = imports.filter(({ file }) => !isTestFile(file))
const isContract = (path: string) => path.startsWith(CONTRACT + '/')

describe('module boundaries', () => {
  it('reaches another folder only through its index.ts (or testing.ts from tests)', () => {
    const faces = (file: string, dynamic: boolean) => [...(isTestFile(file) ? ['index.ts', 'testing.ts'] : ['index.ts']), ...(dynamic && file.startsWith('web/') ? ['pages.ts'] : [])]
    const breaches = imports
      .filter(({ file, target, dynamic }) => dirname(target) !== dirname(file) && !faces(file, dynamic).some((face) => target.endsWith(`/${face}`)))
      .map(({ file, target }) => `${file} → ${relative(dirname(file), target)}`)
    expect(imports.length).toBeGreaterThan(500)
    expect(breaches).toEqual([])
  })

  it('keeps the layers one way: db, then layers, tiles, api, scripts', () => {
    const breaches = appImports
      .filter(({ file, target }) => !isContract(target) && topOf(file) !== topOf(target) && !MAY_IMPORT[topOf(file)]?.includes(topOf(target)))
      .map(({ file, target }) => `${file} → ${target}`)
    expect(breaches).toEqual([])
  })

  it('keeps test code out of the app', () => {
    const breaches = appImports.filter(({ target }) => isTestFile(target)).map(({ file, target }) => `${file} → ${target}`)
    expect(breaches).toEqual([])
  })

  it('keeps the API contract pure: it imports only zod and itself', () => {
    const contractFiles = sourceFiles(CONTRACT).filter((file) => !isTestFile(file))
    const foreign = contractFiles.flatMap((file) => {
      const text = readFileSync(join(ROOT, file), 'utf8')
      return [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1]!).filter((spec) => spec !== 'zod' && !(spec.startsWith('./') && !spec.includes('/', 2)))
        .map((spec) => `${file} → ${spec}`)
    })
    expect(contractFiles.length).toBeGreaterThan(0)
    expect(foreign).toEqual([])
  })
})
