/**
 * The text of `schema.ts` from a migrated database, by kysely-codegen with our names, JSDoc and
 * overrides. Loaded only on demand (`schema-generator.ts`) and by `schema.test.ts`: kysely-codegen
 * and TypeScript are development dependencies.
 */
import { sql, type Kysely } from 'kysely'
import {
  AliasDeclarationNode,
  DatabaseMetadata,
  ExportStatementNode,
  generate,
  GenericExpressionNode,
  IdentifierNode,
  ImportClauseNode,
  ImportStatementNode,
  InterfaceDeclarationNode,
  ModuleReferenceNode,
  ObjectExpressionNode,
  PostgresAdapter,
  PostgresDialect,
  PropertyNode,
  TableIdentifierNode,
  TemplateNode,
  toKyselyPascalCase,
  toPascalCase,
  transform,
  TypeScriptSerializer,
  type GenerateOptions,
  type GeneratorDialect,
  type SerializeFileOptions,
  type StatementNode,
} from 'kysely-codegen'

/** A column's type where the database cannot say it: the TypeScript type, whole, and its JSDoc. */
export interface ColumnOverride {
  type: string
  doc?: string
}

/**
 * Columns whose TypeScript type is narrower than their SQL type, keyed `table.column`. The type
 * replaces the generated one whole (nullability and writability included). Trigger-maintained
 * columns are never writable here; identity-always and generated columns are made so without
 * an entry.
 */
export const COLUMN_OVERRIDES: Readonly<Record<string, ColumnOverride>> = {
  'cities.name': { type: 'Json<LocalizedJson>' },
  'cities.boundary': { type: 'ColumnType<string | null, never, never>', doc: 'Written by the importer in SQL, never through the builder.' },
  'appeal_categories.name': { type: 'Json<LocalizedJson>' },
  'appeals.supporter_count': { type: 'ColumnType<number, never, never>', doc: 'Kept by the database: one for each row of `appeal_supporters`.' },
  'organisations.name': { type: 'Json<LocalizedJson>' },
  'layers.title': { type: 'Json<LocalizedJson>' },
  'layers.description': { type: 'Json<LocalizedJson>' },
  'layers.geometry_type': { type: "'point' | 'line' | 'polygon'" },
  'layers.version': {
    type: 'ColumnType<number, never, never>',
    doc: 'Kept by the database: bumped by every write to the layer\'s features; tile URLs and caches are keyed by it.',
  },
  'layers.tile_attributes': {
    type: 'ColumnType<string[], never, never>',
    doc: 'Kept by the database: the attributes the layer\'s tiles carry (migration 009).',
  },
  'layers.is_public': { type: 'ColumnType<boolean, never, never>', doc: 'Kept by the database: true while the status is `consultation` or `approved`.' },
  'layers.status': { type: "Generated<'draft' | 'consultation' | 'approved' | 'archived'>" },
  'layers.review_status': { type: "'consultation' | 'approved' | null", doc: 'The public status a publisher asked for, waiting for a second person to approve it.' },
  'layers.document_type': {
    type: "'general-plan' | 'zoning-plan' | 'detailed-plan' | 'comprehensive-plan' | 'council-decision' | 'register' | 'other' | null",
  },
  'layers.decision_date': { type: 'string | null', doc: 'A calendar date, `YYYY-MM-DD`.' },
  'layers.update_frequency': { type: "Generated<'continuous' | 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'annual' | 'irregular' | 'never'>" },
  'layers.legal_basis': { type: 'Json<LocalizedJson> | null' },
  'layers.responsible_role': { type: 'Json<LocalizedJson> | null' },
  'layer_uploads.format': { type: "'geojson' | 'shapefile' | 'geopackage' | 'kml' | 'csv'" },
  'layer_uploads.report': { type: 'Generated<Json<Record<string, unknown>>>' },
  'layer_upload_features.properties': { type: 'Json<Record<string, unknown>>' },
  'layer_versions.mode': { type: "'create' | 'replace' | 'append'" },
  'layer_documents.kind': { type: "'decision' | 'explanatory-note' | 'drawing' | 'other'" },
  'layer_documents.title': { type: 'Json<LocalizedJson>' },
  'layer_documents.decision_date': { type: 'string | null', doc: 'A calendar date, `YYYY-MM-DD`.' },
  'feature_history.change': { type: "'changed' | 'removed'" },
  'consultations.title': { type: 'Json<LocalizedJson>' },
  'consultations.description': { type: 'Generated<Json<LocalizedJson>>' },
  'consultation_comments.answer_outcome': { type: "'accepted' | 'partly' | 'rejected' | null" },
  'feature_history.properties': { type: 'Json<Record<string, unknown>>' },
  'budget_editions.title': { type: 'Json<LocalizedJson>' },
  'budget_editions.description': { type: 'Generated<Json<LocalizedJson>>' },
  'budget_editions.voting': { type: "'approval' | 'knapsack'" },
  'budget_phases.name': { type: "'submission' | 'review' | 'voting' | 'results' | 'implementation'" },
  'budget_pots.size_class': { type: "'small' | 'large' | null" },
  'budget_proposals.cost_items': { type: 'Json<Array<{ name: string; amount: number }>>' },
  'budget_proposals.status': { type: "'draft' | 'submitted' | 'feasible' | 'not_feasible' | 'withdrawn'" },
  'budget_proposals.precheck': { type: 'Json<Record<string, unknown>> | null', doc: 'The pre-check of its place as computed when it was submitted.' },
  'budget_ballots.source': { type: "'online' | 'paper'" },
  'budget_results.outcome': { type: "'won' | 'does-not-fit' | 'below-threshold' | 'not-feasible'" },
  'budget_implementations.status': { type: "Generated<'planned' | 'design' | 'procurement' | 'in_progress' | 'completed' | 'cancelled'>" },
  'budget_photos.stage': { type: "'proposal' | 'implementation'" },
  'budget_milestones.due_on': { type: 'string | null', doc: 'A calendar date, `YYYY-MM-DD`.' },
  'budget_milestones.done_on': { type: 'string | null', doc: 'A calendar date, `YYYY-MM-DD`.' },
  'property_objects.kind': { type: "'land' | 'premises' | 'building'" },
  'property_objects.user_kind': { type: "'organisation' | 'person' | null" },
  'property_objects.lessee_kind': { type: "'organisation' | 'person' | null" },
  'property_objects.condition': { type: "'good' | 'satisfactory' | 'poor' | 'emergency' | null" },
  'property_objects.status': { type: "Generated<'free' | 'list_1' | 'list_2' | 'at_auction' | 'leased' | 'in_use' | 'not_for_lease'>" },
  'property_objects.source': { type: "Generated<'staff' | 'import' | 'demo'>" },
  'property_objects.leased_from': { type: 'string | null', doc: 'A calendar date, `YYYY-MM-DD`.' },
  'property_objects.leased_until': { type: 'string | null', doc: 'A calendar date, `YYYY-MM-DD`.' },
  'property_objects.auction_start': { type: 'string | null', doc: 'A calendar date, `YYYY-MM-DD`.' },
  'property_objects.auction_end': { type: 'string | null', doc: 'A calendar date, `YYYY-MM-DD`.' },
  'investment_objects.kind': { type: "'land' | 'premises' | 'brownfield'" },
  'investment_objects.title': { type: 'Json<LocalizedJson>' },
  'investment_objects.description': { type: 'Generated<Json<LocalizedJson>>' },
  'investment_objects.permitted_use': { type: 'Generated<Json<LocalizedJson>>' },
  'investment_objects.deal': { type: "'lease' | 'sale'" },
  'investment_objects.status': { type: "Generated<'available' | 'at_auction' | 'leased' | 'sold'>" },
  'street_structures.register': { type: "'temporary' | 'advertising'" },
  'street_structures.status': { type: "'valid' | 'expired' | 'illegal'" },
  'street_structures.holder_kind': { type: "'organisation' | 'person' | null" },
  'street_structures.permit_from': { type: 'string | null', doc: 'A calendar date, `YYYY-MM-DD`.' },
  'street_structures.permit_until': { type: 'string | null', doc: 'A calendar date, `YYYY-MM-DD`.' },
  'works.kind': { type: "'repair' | 'planned' | 'emergency'" },
  'works.work_type': { type: "'road' | 'sidewalk' | 'roof' | 'facade' | 'water' | 'sewerage' | 'heating' | 'power' | 'gas' | 'lighting' | 'greenery' | 'building' | 'other'" },
  'works.status': { type: "Generated<'planned' | 'in_progress' | 'done' | 'cancelled'>" },
  'works.planned_start': { type: 'string | null', doc: 'A calendar date, `YYYY-MM-DD`.' },
  'works.planned_end': { type: 'string | null', doc: 'A calendar date, `YYYY-MM-DD`.' },
  'works.actual_start': { type: 'string | null', doc: 'A calendar date, `YYYY-MM-DD`.' },
  'works.actual_end': { type: 'string | null', doc: 'A calendar date, `YYYY-MM-DD`.' },
  'work_photos.stage': { type: "'before' | 'after'" },
  'investment_searches.filters': { type: 'Json<Record<string, unknown>>' },
  'appeal_subscriptions.topic': { type: "Generated<'appeals' | 'works'>" },
  'features.id': { type: 'ColumnType<number, never, never>' },
  'features.properties': { type: 'Generated<Json<Record<string, unknown>>>' },
  'features.public_properties': {
    type: 'ColumnType<Record<string, unknown>, never, never>',
    doc: 'Kept by the database: the keys of `properties` the layer marks public.',
  },
  'features.tile_properties': {
    type: 'ColumnType<Record<string, unknown>, never, never>',
    doc: 'Kept by the database: the keys tiles carry (migration 009).',
  },
  'features.geom_3857': { type: 'ColumnType<string, never, never>', doc: 'Kept by the database: `geom` in Web Mercator.' },
  'features.label_3857': { type: 'ColumnType<string, never, never>', doc: 'Kept by the database: where the label of `geom` goes, in Web Mercator.' },
  'features.area_3857': { type: 'ColumnType<number, never, never>', doc: 'Kept by the database: the area of `geom` in Web Mercator square metres.' },
  'security_events.kind': {
    type: "'sign-in' | 'sign-in-failed' | 'sign-in-limited' | 'role-change' | 'password-reset-requested' | 'password-reset-completed' | 'password-change'",
  },
  'security_events.email_hash': { type: 'string | null', doc: 'HMAC-SHA-256 of an e-mail that has no account; never the address.' },
  'security_events.details': { type: 'Generated<Json<Record<string, unknown>>>' },
}

/** JSDoc of the tables (a `COMMENT ON TABLE` in a migration would take its place). */
export const TABLE_DOCS: Readonly<Record<string, string>> = {
  account_tokens: 'Links mailed to the owner of an account: confirming the e-mail address, resetting the password.',
  app_settings: 'Small facts about this installation, e.g. whether the demo data finished loading.',
  appeal_categories: 'What a resident can report, its questions, its legal term and who answers for it by default.',
  appeal_counters: 'Registration numbers run per city and year: KYIV-2026-000123.',
  appeal_events: 'The public timeline: every status change with its public response.',
  appeal_notes: 'Staff-only notes; never on a public page.',
  appeal_photos: 'Photos of an appeal, staged until the write that carries them commits.',
  appeal_subscriptions: 'Alerts about new appeals in a district or within a radius of a point.',
  appeal_supporters: '"Me too": one row per person (hash of the account or e-mail), counted on the appeal.',
  appeals: 'Appeals of residents to the city: a problem at a point, its category, status and deadline.',
  audit_log: 'Who changed what: one row per change, with the attributes before and after. Append-only.',
  budget_ballot_lines: 'The proposals a ballot chose, one vote each; the database holds the limits of the rules (migration 018).',
  budget_ballots: "One ballot per voter and edition, or a paper ballot from a batch; the receipt code's SHA-256 is published.",
  budget_coauthors: 'Residents who write a proposal with its author, having accepted the invitation link the author shared.',
  budget_documents: 'PDFs attached to a proposal (an estimate, a drawing); the file is in the document store, named by the id.',
  budget_editions: 'Participatory-budget editions: rules, money and the published count.',
  budget_followers: "Residents following a winner's construction, mailed on each change.",
  budget_implementations: "A winning project's construction: status, progress, money spent, the Prozorro tender.",
  budget_milestones: "Milestones of a winning project's construction.",
  budget_phases: 'The dated phases of an edition: submission, review, voting, results, implementation.',
  budget_photos: "Photos of a proposal (its author's) and of a winner's construction (the city's), in the photo store.",
  budget_pots: "An edition's money: the whole city, or each district and its classes of project size.",
  budget_proposals: "Residents' proposals placed on the map, with their cost items, review and pre-check.",
  budget_results: 'The published count: votes, rank and outcome of each proposal, overrides with their reasons.',
  cities: 'The cities and hromadas the map serves.',
  consultation_comments: "Residents' comments on a consultation, pinned to a point, an area or a feature, with the council's answer and moderation apart.",
  consultation_counters: 'Consultation receipt numbers run per city and year: KYIV-K-2026-000042.',
  consultations: 'Public consultations on a planning layer: the window, the revision and the extent comments may be pinned in.',
  deadline_digests: 'One digest per executor per day, whichever replica sends it first.',
  deputies: 'City-council deputies and the electoral districts they answer for; every field is public.',
  districts: 'Administrative districts of a city.',
  feature_history: 'Earlier states of features that a later revision of their layer changed or removed (migration 011).',
  features: 'The objects of the layers, partitioned by layer: one table per layer, made with it.',
  idempotency_keys: "A retried submission with the same Idempotency-Key gets the first one's answer.",
  investment_searches: "Investors' saved searches of the investment map, mailed when a new offer matches.",
  investment_objects: 'Objects the city offers to investors, from the property register or described by staff, with their terms.',
  layer_upload_features: "An upload's features in lon/lat, staged for review until they become a layer or a revision.",
  layer_uploads: 'Files planners uploaded: what was read from them, kept for review for three days.',
  layer_documents: 'PDFs attached to a layer or to one of its features (a decision, an explanatory note, a drawing); the file is on disk, named by the id.',
  layer_versions: "Each revision of a layer's features: who published it, from which file, and what changed.",
  layers: 'The layer catalogue: what each layer shows, its attributes, style and zooms.',
  object_photos: 'Photos of register lines and of offers to investors, in the photo store.',
  oidc_sign_ins: 'A sign-in sent to the identity provider and not back yet: what the callback must check. Single use.',
  organisations: 'Departments, communal enterprises and district administrations that work appeals.',
  outbox: 'Mail to send, written in the same transaction as the change it reports; a worker sends it with retries.',
  property_documents: 'PDFs of a register line (a rights certificate, a technical passport, a decision); the file is in the document store, named by the id.',
  property_objects: 'The communal property register (CMU No 835 sets): land parcels and premises, their holder, use, lease or sale status.',
  rate_limit_hits: 'Fixed-window request counters, shared by every replica. Buckets hold hashes, not addresses.',
  routing_rules: "Explicit routing, overriding the category's default responsibility: category × district.",
  schema_migrations: 'The migrations applied, by file name (see `migrate.ts`).',
  security_events: 'Sign-ins, lock-outs, role and password changes (migration 010): append-only, kept 180 days.',
  sessions: "Signed-in sessions: the key is the SHA-256 of the cookie's token, so a copy of the table opens none.",
  street_structures: 'Registers of temporary structures (kiosks, seasonal trade) and advertising structures with their permits.',
  tile_shapes: 'Lines and polygons as tiles draw them at each zoom, partitioned by layer and zoom band (migration 009).',
  user_identities: 'An account at an identity provider (OpenID Connect), known by its issuer and subject.',
  user_roles: 'The roles of an account, each for the whole city or one organisation.',
  users: 'Accounts of residents and staff.',
  work_photos: 'Photos of a repair before and after, in the photo store.',
  works: 'Repairs of the city’s objects, and planned or emergency works with their window and what they switch off.',
}

/** The types `schema.ts` declares besides the tables, each with its JSDoc. */
const DEFINITIONS = {
  Geometry: {
    doc: 'A PostGIS geometry: hex EWKB when read raw, written only through SQL expressions (the\nhelpers in `postgis.ts`), never as a string.',
    node: new GenericExpressionNode('ColumnType', [
      new IdentifierNode('string'),
      new GenericExpressionNode('RawBuilder', [new IdentifierNode('unknown')]),
      new GenericExpressionNode('RawBuilder', [new IdentifierNode('unknown')]),
    ]),
  },
  Json: {
    doc: 'A jsonb column: read as `T`, written as JSON text (`JSON.stringify`), since pg would send\na JavaScript array as a PostgreSQL array.',
    node: new TemplateNode(['T'], new GenericExpressionNode('ColumnType', [
      new IdentifierNode('T'),
      new IdentifierNode('string'),
      new IdentifierNode('string'),
    ])),
  },
  LocalizedJson: {
    doc: 'Bilingual text as stored in jsonb columns.',
    node: new ObjectExpressionNode([new PropertyNode('uk', new IdentifierNode('string')), new PropertyNode('en', new IdentifierNode('string'))]),
  },
  Generated: { doc: 'A column the database fills when an insert leaves it out.', node: undefined },
  Timestamp: { doc: 'A timestamp column: read as a Date, written as a Date or an ISO string.', node: undefined },
}

/**
 * PostgreSQL types as `connection.ts` reads them: int8 and numeric as numbers (its type
 * parsers), PostGIS geometries as `Geometry`.
 */
class HromadaAdapter extends PostgresAdapter {
  override readonly definitions = {
    ...new PostgresAdapter().definitions,
    Geometry: DEFINITIONS.Geometry.node,
    Json: DEFINITIONS.Json.node,
    LocalizedJson: DEFINITIONS.LocalizedJson.node,
  }
  override readonly imports = { ...new PostgresAdapter().imports, RawBuilder: new ModuleReferenceNode('kysely') }
  override readonly scalars = {
    ...new PostgresAdapter().scalars,
    int8: new IdentifierNode('number'),
    numeric: new IdentifierNode('number'),
    geometry: new IdentifierNode('Geometry'),
  }
}

/** jsonb as {@link DEFINITIONS}' `Json`, unless an override knows its shape. */
const TYPE_MAPPING = { json: 'Json<unknown>', jsonb: 'Json<unknown>' }

class HromadaDialect extends PostgresDialect {
  override readonly adapter = new HromadaAdapter()
}

/** What the catalogue says beyond kysely's introspection. */
interface Catalogue {
  /** Our tables (see {@link readCatalogue}) and their comments. */
  tables: Map<string, string | null>
  /** `table.column` of identity-always and stored generated columns: never written by the app. */
  readOnly: Set<string>
}

/**
 * The tables of `public` that the migrations made: not PostGIS's own (members of an
 * extension), not the per-layer partitions that creating a layer adds.
 */
async function readCatalogue(db: Kysely<any>): Promise<Catalogue> {
  const tables = await sql<{ name: string; comment: string | null }>`
    SELECT c.relname AS name, obj_description(c.oid, 'pg_class') AS comment
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
       AND NOT EXISTS (SELECT 1 FROM pg_depend d
                        WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')`.execute(db)
  const readOnly = await sql<{ table: string; column: string }>`
    SELECT c.relname AS table, a.attname AS column
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND NOT c.relispartition AND a.attnum > 0 AND NOT a.attisdropped
       AND (a.attidentity = 'a' OR a.attgenerated = 's')`.execute(db)
  return {
    tables: new Map(tables.rows.map((t) => [t.name, t.comment])),
    readOnly: new Set(readOnly.rows.map((r) => `${r.table}.${r.column}`)),
  }
}

/** JSDoc text of a block comment, indented by `indent`. */
function jsDoc(text: string, indent = ''): string {
  return `${indent}/**\n${text.split('\n').map((line) => `${indent} *${line ? ` ${line}` : ''}`).join('\n')}\n${indent} */\n`
}

const HEADER = `/**
 * The database as Kysely sees it: every table that db/migrations makes. Generated from the
 * migrated database by \`npm run db:schema\` (kysely-codegen, with the overrides in
 * \`schema-codegen.ts\`): do not edit; change a migration or an override and regenerate.
 * \`schema.test.ts\` fails while this file is stale.
 */

`

/**
 * kysely-codegen's serializer, naming each table's interface `XTable` (singular) with a row
 * type `XRow`, carrying JSDoc, and making identity-always and generated columns never writable.
 */
class HromadaSerializer extends TypeScriptSerializer {
  readonly #catalogue: Catalogue
  /** Table names by the symbol kysely-codegen gives them (`appeal_events` → `AppealEvents`). */
  readonly #tableBySymbol: Map<string, string>
  /** Table names by their row type's name (`AppealEventRow` → `appeal_events`). */
  readonly #tableByRow: Map<string, string>

  constructor(catalogue: Catalogue) {
    super({ singularize: true })
    this.#catalogue = catalogue
    this.#tableBySymbol = new Map([...catalogue.tables.keys()].map((t) => [toKyselyPascalCase(t), t]))
    this.#tableByRow = new Map([...this.#tableBySymbol].map(([symbol, t]) => [this.#typeName(symbol, 'Row'), t]))
  }

  #typeName(symbol: string, suffix: 'Table' | 'Row'): string {
    return toPascalCase(this.singularize!(symbol)) + suffix
  }

  override serializeIdentifier(node: IdentifierNode): string {
    return node.isTableIdentifier ? this.#typeName(node.name, 'Table') : node.name
  }

  override serializeFile(metadata: DatabaseMetadata, dialect: GeneratorDialect, options?: SerializeFileOptions): string {
    const statements: StatementNode[] = transform({ ...options, dialect, metadata, runtimeEnums: false }).map((node) =>
      node.type === 'ImportStatement' && node.moduleName === 'kysely'
        ? new ImportStatementNode('kysely', [...node.imports, new ImportClauseNode('Selectable')].sort((a, b) => a.name.localeCompare(b.name)))
        : node,
    )
    const rows = [...this.#tableBySymbol.keys()].sort().map(
      (symbol) =>
        new ExportStatementNode(new AliasDeclarationNode(this.#typeName(symbol, 'Row'), new GenericExpressionNode('Selectable', [new TableIdentifierNode(symbol)]))),
    )
    return HEADER + this.serializeStatements([...statements, ...rows])
  }

  override serializeExportStatement(node: ExportStatementNode): string {
    const { argument } = node
    let doc: string | null | undefined
    if (argument.type === 'AliasDeclaration') {
      const table = this.#tableByRow.get(argument.id.name)
      doc = table ? `A row of \`${table}\` as selected.` : DEFINITIONS[argument.id.name as keyof typeof DEFINITIONS]?.doc
    } else if (argument.type === 'InterfaceDeclaration') {
      const table = this.#tableBySymbol.get(argument.id.name)
      doc = table ? (this.#catalogue.tables.get(table) ?? TABLE_DOCS[table] ?? `The \`${table}\` table.`) : 'The whole database as Kysely sees it.'
    }
    return (doc ? jsDoc(doc) : '') + super.serializeExportStatement(node)
  }

  override serializeInterfaceDeclaration(node: InterfaceDeclarationNode): string {
    const table = this.#tableBySymbol.get(node.id.name)
    if (!table) return super.serializeInterfaceDeclaration(node)
    const properties = node.body.properties.map((p) => {
      const doc = p.comment ?? COLUMN_OVERRIDES[`${table}.${p.key}`]?.doc ?? null
      const value =
        this.#catalogue.readOnly.has(`${table}.${p.key}`) && p.value.type === 'GenericExpression' && p.value.name === 'Generated'
          ? new GenericExpressionNode('ColumnType', [p.value.args[0]!, new IdentifierNode('never'), new IdentifierNode('never')])
          : p.value
      return new PropertyNode(p.key, value, doc)
    })
    return super.serializeInterfaceDeclaration(new InterfaceDeclarationNode(node.id, new ObjectExpressionNode(properties)))
  }
}

/**
 * The text of `schema.ts` for the database `db` reaches, which must be migrated. Only the
 * tables of {@link readCatalogue} appear, so the text is the same on the embedded engine and
 * on PostgreSQL, with or without data.
 */
export async function generateSchema(db: Kysely<any>): Promise<string> {
  const catalogue = await readCatalogue(db)
  return generate({
    // kysely-codegen is CommonJS and names kysely's CommonJS build, the same class at run time.
    db: db as unknown as GenerateOptions['db'],
    dialect: new HromadaDialect(),
    outFile: null,
    overrides: { columns: Object.fromEntries(Object.entries(COLUMN_OVERRIDES).map(([column, o]) => [column, o.type])) },
    postprocess: async ({ metadata }) =>
      new DatabaseMetadata({
        enums: metadata.enums,
        tables: metadata.tables.filter((t) => t.schema === 'public' && catalogue.tables.has(t.name)),
      }),
    serializer: new HromadaSerializer(catalogue),
    typeMapping: TYPE_MAPPING,
  })
}
