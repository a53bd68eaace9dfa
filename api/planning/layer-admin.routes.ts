import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { Hono, type Context } from 'hono'
import type { Transaction } from 'kysely'
import type { DB } from '../../db/index.ts'
import { stream } from 'hono/streaming'
import {
  createLayerFromUpload,
  findManagedLayer,
  geoJsonExport,
  type LayerChanges as LayerColumnChanges,
  listManagedLayers,
  listRevisions,
  lockLayer,
  type ManagedLayerRow,
  type PublicFeature,
  publishRevision,
  recordLayerChange,
  revisionChanges,
  streamRevisionFeatures,
  updateLayer,
} from '../../layers/index.ts'
import {
  createLayerRoute,
  getManagedLayerRoute,
  LayerChanges,
  LayerVersion,
  listManagedLayersRoute,
  listVersionsRoute,
  ManagedLayer,
  PUBLIC_LAYER_STATUSES,
  publishVersionRoute,
  updateLayerRoute,
  versionChangesRoute,
  versionExportRoute,
  versionTileRoute,
  reviewLayerRoute,
  listLayerOwnersRoute,
  OrganisationOptionList,
} from '../contract/index.ts'
import { type AppEnv, contractBody, HttpProblem, problems, type SessionUser, sourceHeaders, zv } from '../http/index.ts'
import { enqueueMail } from '../mail/index.ts'
import { listOrganisations } from '../office/index.ts'
import { allow, can, signedIn } from '../permissions/index.ts'
import { parseTileCoord, revisionTile } from '../../tiles/index.ts'
import { asFileProblem } from './file-problem.ts'
import { toLayerVersion, toManagedLayer } from './planning.dto.ts'
import { managesEveryLayer, needsReview, publisherOrganisation, refuseOtherOrganisationsLayer } from './publisher-scope.ts'
import { layerReviewMail } from './review-mail.ts'
import { findAccountEmail } from './review.queries.ts'

const CHANGES_LIMIT = 10_000

/** A layer anyone may read (public), or any layer for staff who manage layers; else 404. */
async function readableLayer(c: Context<AppEnv>, id: string): Promise<ManagedLayerRow> {
  const layer = await findManagedLayer(c.var.db, id)
  if (!layer || (!PUBLIC_LAYER_STATUSES.includes(layer.status) && !managesLayer(c.var.user, layer))) throw problems.notFound('layer', id)
  return layer
}

/** Whether the user manages this layer: every layer for planners, their organisation's for a publisher. */
function managesLayer(user: SessionUser | null, layer: { organisation_id: string | null }): boolean {
  if (!user || !can(user, 'layers:manage')) return false
  return managesEveryLayer(user) || (user.organisation !== null && layer.organisation_id === user.organisation)
}

/** A layer the user may change, locked for the change: 404 when it does not exist, 403 when it is another organisation's. */
async function lockManagedLayer(trx: Transaction<DB>, user: SessionUser, id: string): Promise<ManagedLayerRow> {
  const row = await lockLayer(trx, id)
  if (!row) throw problems.notFound('layer', id)
  refuseOtherOrganisationsLayer(user, row)
  return row
}

/** A layer's attribute names must be unique, and its style may draw only public ones. */
function checkSchema(attributes: ManagedLayer['attributes'], style: ManagedLayer['style']): void {
  const names = attributes.map((a) => a.name)
  const twice = names.find((n, i) => names.indexOf(n) !== i)
  if (twice) throw new HttpProblem('invalid-input', 422, `The attribute ${twice} is listed twice`, [{ field: 'body.attributes', message: `${twice} twice` }])
  const publicNames = new Set(attributes.filter((a) => a.public).map((a) => a.name))
  for (const [field, name] of [['label', style.label], ['categoryField', style.categoryField], ['graduated.field', style.graduated?.field]] as const) {
    if (name !== undefined && !publicNames.has(name)) {
      throw new HttpProblem('invalid-input', 422, `The style's ${field} ${name} is not a public attribute: the map shows public attributes only`, [{ field: `body.style.${field}`, message: 'must name a public attribute' }])
    }
  }
}

/** The body's fields as the columns they change. */
function columnsOf(body: Partial<ManagedLayer>): LayerColumnChanges {
  const out: LayerColumnChanges = {}
  if (body.title) out.title = JSON.stringify(body.title)
  if (body.description) out.description = JSON.stringify(body.description)
  if (body.theme) out.theme = body.theme
  if (body.attributes) out.attributes = JSON.stringify(body.attributes)
  if (body.style) out.style = JSON.stringify(body.style)
  if (body.licence !== undefined) out.licence = body.licence
  if (body.attribution !== undefined) out.attribution = body.attribution
  if (body.status) out.status = body.status
  if (body.document_type !== undefined) out.document_type = body.document_type
  if (body.decision_number !== undefined) out.decision_number = body.decision_number
  if (body.decision_date !== undefined) out.decision_date = body.decision_date
  if (body.developer !== undefined) out.developer = body.developer
  if (body.source !== undefined) out.source = body.source
  if (body.organisation !== undefined) out.organisation_id = body.organisation
  if (body.update_frequency !== undefined) out.update_frequency = body.update_frequency
  if (body.legal_basis !== undefined) out.legal_basis = body.legal_basis && JSON.stringify(body.legal_basis)
  if (body.responsible_role !== undefined) out.responsible_role = body.responsible_role && JSON.stringify(body.responsible_role)
  if (body.minzoom !== undefined) out.minzoom = body.minzoom
  if (body.maxzoom !== undefined) out.maxzoom = body.maxzoom
  return out
}

/** Each changed field with its value before and after, for the audit trail. */
function diff(before: ManagedLayer, body: Partial<ManagedLayer>): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {}
  for (const [key, value] of Object.entries(body)) {
    const old = before[key as keyof ManagedLayer] ?? null
    if (JSON.stringify(old) !== JSON.stringify(value ?? null)) changes[key] = [old, value ?? null]
  }
  return changes
}

/** Planners make layers from uploads, publish new revisions, and edit a layer's metadata, style and status. */
export const layerAdminRoutes = new Hono<AppEnv>()
  .post('/', allow('layers:manage'), zv('json', createLayerRoute.request.body.json), async (c) => {
    const user = signedIn(c.var.user)
    const body = c.req.valid('json')
    const attributes = body.attributes
    const own = publisherOrganisation(user)
    if (own !== undefined && body.organisation != null && body.organisation !== own) {
      throw new HttpProblem('forbidden', 403, `A publisher makes layers of ${own} only`, [{ field: 'body.organisation', message: `must be ${own}` }])
    }
    // A publisher's layer starts as a draft with its publication asked for.
    const review = needsReview(user, body.status) ? { review_status: body.status, review_requested_by: user.id, review_requested_at: new Date() } : {}
    try {
      await createLayerFromUpload(c.var.db, {
        uploadId: body.upload,
        userId: user.id,
        mayUseAnyUpload: user.roles.includes('admin'),
        // The style is checked against the attributes the layer gets, its upload's fields by default.
        checkSchema,
        layer: {
          id: body.id,
          city: body.city,
          theme: body.theme,
          title: body.title,
          description: body.description,
          geometryType: body.geometry_type,
          attributes,
          style: body.style ?? { color: '#1e88e5' },
          minzoom: 0,
          maxzoom: 16,
          licence: body.licence,
          attribution: body.attribution,
          status: 'review_status' in review ? 'draft' : body.status,
        },
        planning: {
          document_type: body.document_type ?? null,
          decision_number: body.decision_number ?? null,
          decision_date: body.decision_date ?? null,
          developer: body.developer ?? null,
          source: body.source ?? '',
          organisation_id: own ?? body.organisation ?? null,
          ...columnsOf({ update_frequency: body.update_frequency, legal_basis: body.legal_basis, responsible_role: body.responsible_role }),
          ...review,
        },
      })
    } catch (err) {
      throw asFileProblem(err)
    }
    await rm(join(c.var.planning.uploadDir, body.upload), { recursive: true, force: true })
    const layer = (await findManagedLayer(c.var.db, body.id))!
    c.header('Location', `${c.var.baseUrl}/api/planning/layers/${layer.id}`)
    return c.json(contractBody(ManagedLayer, toManagedLayer(layer)), 201)
  })
  .patch('/:id', allow('layers:manage'), zv('param', updateLayerRoute.request.params), zv('json', updateLayerRoute.request.body.json), async (c) => {
    const user = signedIn(c.var.user)
    const { id } = c.req.valid('param')
    const body = c.req.valid('json') as Partial<ManagedLayer>
    const own = publisherOrganisation(user)
    if (own !== undefined && body.organisation != null && body.organisation !== own) {
      throw new HttpProblem('forbidden', 403, `A publisher keeps layers in ${own}`, [{ field: 'body.organisation', message: `must be ${own}` }])
    }
    // A publisher's public status is asked for, not applied: a second person decides.
    const askedFor = needsReview(user, body.status) ? body.status : undefined
    if (askedFor) delete body.status
    const updated = await c.var.db.transaction().execute(async (trx) => {
      const row = await lockManagedLayer(trx, user, id)
      const before = toManagedLayer(row)
      if (askedFor && askedFor !== row.status && row.review_status !== askedFor) {
        await updateLayer(trx, id, { review_status: askedFor, review_requested_by: user.id, review_requested_at: new Date() })
        await recordLayerChange(trx, user.id, 'review-request', id, { review: [row.review_status, askedFor] })
      } else if (body.status && row.review_status) {
        // A status set directly (a withdrawal to draft, or a planner's decision) settles any request.
        await updateLayer(trx, id, { review_status: null, review_requested_by: null, review_requested_at: null })
      }
      checkSchema(body.attributes ?? before.attributes, body.style ?? before.style)
      const minzoom = body.minzoom ?? before.minzoom
      const maxzoom = body.maxzoom ?? before.maxzoom
      if (minzoom > maxzoom) throw new HttpProblem('invalid-input', 422, `minzoom ${minzoom} is above maxzoom ${maxzoom}`, [{ field: 'body.minzoom', message: 'must not be above maxzoom' }])
      const changes = diff(before, body)
      if (Object.keys(changes).length === 0) return (await lockLayer(trx, id))!
      await updateLayer(trx, id, columnsOf(Object.fromEntries(Object.keys(changes).map((k) => [k, body[k as keyof ManagedLayer]]))))
      await recordLayerChange(trx, user.id, changes.status ? 'status' : 'update', id, changes)
      return (await lockLayer(trx, id))!
    })
    return c.json(contractBody(ManagedLayer, toManagedLayer(updated)))
  })
  .post('/:id/versions', allow('layers:manage'), zv('param', publishVersionRoute.request.params), zv('json', publishVersionRoute.request.body.json), async (c) => {
    const user = signedIn(c.var.user)
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const layer = await findManagedLayer(c.var.db, id)
    if (layer) refuseOtherOrganisationsLayer(user, layer)
    let published
    try {
      published = await publishRevision(c.var.db, { layerId: id, uploadId: body.upload, userId: user.id, mayUseAnyUpload: user.roles.includes('admin'), key: body.key ?? null, mode: body.mode })
    } catch (err) {
      throw asFileProblem(err)
    }
    await rm(join(c.var.planning.uploadDir, body.upload), { recursive: true, force: true })
    const version = (await listRevisions(c.var.db, id)).find((v) => v.revision === published.revision)!
    c.header('Location', `${c.var.baseUrl}/api/layers/${id}/versions/${published.revision}/changes`)
    return c.json(contractBody(LayerVersion, toLayerVersion(id, version, c.var.baseUrl)), 201)
  })
  .post('/:id/review', allow('layers:manage'), zv('param', reviewLayerRoute.request.params), zv('json', reviewLayerRoute.request.body.json), async (c) => {
    const user = signedIn(c.var.user)
    const { id } = c.req.valid('param')
    const { decision, reason } = c.req.valid('json')
    if (decision === 'reject' && reason === '') throw new HttpProblem('invalid-input', 422, 'A rejection needs a reason', [{ field: 'body.reason', message: 'must say why' }])
    const decided = await c.var.db.transaction().execute(async (trx) => {
      const row = await lockManagedLayer(trx, user, id)
      if (!row.review_status) throw new HttpProblem('conflict', 409, `No request to publish the layer ${id} waits for review`)
      if (row.review_requested_by === user.id) throw new HttpProblem('forbidden', 403, 'A second person reviews a publication: you asked for this one')
      const status = decision === 'approve' ? row.review_status : row.status
      await updateLayer(trx, id, { ...(decision === 'approve' ? { status } : {}), review_status: null, review_requested_by: null, review_requested_at: null })
      await recordLayerChange(trx, user.id, 'review', id, { decision: [null, decision], status: [row.status, status], ...(reason ? { reason: [null, reason] } : {}) })
      const asker = row.review_requested_by === null ? undefined : await findAccountEmail(trx, row.review_requested_by)
      if (asker) {
        const pageUrl = `${c.var.baseUrl}/planning/cabinet/layers/${id}`
        await enqueueMail(trx, layerReviewMail({ to: asker, title: row.title, decision, status, reason, pageUrl }))
      }
      return (await lockLayer(trx, id))!
    })
    c.var.appeals.mailQueued()
    return c.json(contractBody(ManagedLayer, toManagedLayer(decided)))
  })
  .get('/:id/versions', zv('param', listVersionsRoute.request.params), async (c) => {
    const layer = await readableLayer(c, c.req.valid('param').id)
    const versions = await listRevisions(c.var.db, layer.id)
    return c.json(contractBody(LayerVersion.array(), versions.map((v) => toLayerVersion(layer.id, v, c.var.baseUrl))))
  })
  .get('/:id/versions/:revision/changes', zv('param', versionChangesRoute.request.params), async (c) => {
    const { id, revision } = c.req.valid('param')
    const layer = await readableLayer(c, id)
    if (revision > layer.revision) throw problems.notFound('revision', `${id}/${revision}`)
    const rows = await revisionChanges(c.var.db, layer.id, revision, CHANGES_LIMIT)
    return c.json(
      contractBody(LayerChanges, {
        type: 'FeatureCollection',
        features: rows.map((r) => ({ type: 'Feature' as const, id: r.id, properties: r.properties, geometry: r.geometry as never, change: r.change! })),
      }),
      200,
      { 'Content-Type': 'application/geo+json; charset=utf-8' },
    )
  })
  .get('/:id/versions/:revision/tiles/:z/:x/:y{[0-9]+\\.mvt}', zv('param', versionTileRoute.request.params), async (c) => {
    const { id, revision, z, x, y } = c.req.valid('param')
    const layer = await readableLayer(c, id)
    if (revision > layer.revision) throw problems.notFound('revision', `${id}/${revision}`)
    const coord = parseTileCoord(z, x, y.replace(/\.mvt$/, ''))
    if (!coord) throw problems.notFound('tile', `${z}/${x}/${y}`)
    const tile = await revisionTile(c.var.db, { id: layer.id, geometryType: layer.geometry_type }, revision, coord)
    // A draft's tiles are staff's only: never kept by a shared cache.
    const cache = !PUBLIC_LAYER_STATUSES.includes(layer.status) ? 'private, no-store' : revision < layer.revision ? IMMUTABLE : REVALIDATE
    if (tile.byteLength === 0) return c.body(null, 204, { 'Cache-Control': cache })
    return c.body(tile as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': 'application/vnd.mapbox-vector-tile', 'Cache-Control': cache })
  })
  .get('/:id/versions/:revision/export.geojson', zv('param', versionExportRoute.request.params), async (c) => {
    const { id, revision } = c.req.valid('param')
    const layer = await readableLayer(c, id)
    if (revision > layer.revision) throw problems.notFound('revision', `${id}/${revision}`)
    c.header('Content-Type', 'application/geo+json; charset=utf-8')
    c.header('Content-Disposition', `attachment; filename="${layer.id}-r${revision}.geojson"`)
    for (const [name, value] of Object.entries(sourceHeaders(layer))) c.header(name, value)
    return stream(c, async (out) => {
      for await (const chunk of geoJsonExport(layer, streamRevisionFeatures(c.var.db, layer.id, revision) as AsyncIterable<PublicFeature>)) await out.write(chunk)
    })
  })

/** What a revision's tile answers: an earlier revision never changes; the current one may be replaced. */
const IMMUTABLE = 'public, max-age=31536000, immutable'
const REVALIDATE = 'public, max-age=0, must-revalidate'

/** Staff views of the catalogue: every layer in any status. */
export const managedLayerRoutes = new Hono<AppEnv>()
  .get('/layers', allow('layers:manage'), zv('query', listManagedLayersRoute.request.query), async (c) => {
    const rows = await listManagedLayers(c.var.db, { ...c.req.valid('query'), organisation: publisherOrganisation(signedIn(c.var.user)) })
    return c.json(contractBody(ManagedLayer.array(), rows.map(toManagedLayer)))
  })
  .get('/organisations', allow('layers:manage'), zv('query', listLayerOwnersRoute.request.query), async (c) => {
    return c.json(contractBody(OrganisationOptionList, { items: await listOrganisations(c.var.db, c.req.valid('query').city) }))
  })
  .get('/layers/:id', allow('layers:manage'), zv('param', getManagedLayerRoute.request.params), async (c) => {
    const { id } = c.req.valid('param')
    const layer = await findManagedLayer(c.var.db, id)
    // Another organisation's layer is not there for a publisher.
    if (!layer || !managesLayer(c.var.user, layer)) throw problems.notFound('layer', id)
    return c.json(contractBody(ManagedLayer, toManagedLayer(layer)))
  })
