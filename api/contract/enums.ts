/**
 * The closed lists that the API, the layer catalogue and the web app all speak in. Each list is
 * written here once; every side imports it (and the types derived from it) from this file.
 */

/** Every status of an appeal's lifecycle, in the order an appeal moves through them. */
export const APPEAL_STATUSES = ['new', 'registered', 'assigned', 'in_progress', 'extended', 'resolved', 'rejected', 'duplicate'] as const
export type AppealStatus = (typeof APPEAL_STATUSES)[number]

/** The statuses of an appeal still waiting for an answer: the `open` category; the rest are `closed`. */
export const OPEN_STATUSES: readonly AppealStatus[] = ['new', 'registered', 'assigned', 'in_progress', 'extended']

/** The terms (days) a category may give a city to answer an appeal, as the Law "On citizens' appeals" allows. */
export const LEGAL_TERM_DAYS = [15, 30] as const
export type LegalTermDays = (typeof LEGAL_TERM_DAYS)[number]

/** The longest an appeal's term may run in all, its one extension included: days from filing (art. 20 of the law). */
export const MAX_TERM_DAYS = 45

/** Themes group the layer catalogue, in this display order. */
export const THEMES = [
  'boundaries',
  'districts',
  'urban-planning',
  'property-land',
  'investment',
  'development-budget',
  'repairs',
  'structures',
  'trade',
  'social',
  'buildings',
  'transport',
  'elections',
  'culture',
  'education',
  'sport',
  'health',
  'road-safety',
  'environment',
  'appeals',
] as const
export type ThemeId = (typeof THEMES)[number]

/** The roles a user may hold; `admin` holds every permission. */
export const ROLES = ['resident', 'moderator', 'executor', 'manager', 'planner', 'publisher', 'budget_admin', 'property_manager', 'admin'] as const
export type Role = (typeof ROLES)[number]

/**
 * What each role may do. A route names exactly one permission; this table is the only place
 * that says which roles hold it. The administrator holds every permission.
 */
export const PERMISSIONS = {
  /** Own account: profile, password, deletion, own appeals. Any signed-in user. */
  'account': ['resident', 'moderator', 'executor', 'manager', 'planner', 'publisher', 'budget_admin', 'property_manager'],
  /** Staff view of appeals: contact data, internal notes, the audit trail of an appeal. */
  'appeals:read': ['moderator', 'executor', 'manager'],
  /** Triage: register, re-categorise, merge duplicates, reject, redact, route. */
  'appeals:triage': ['moderator'],
  /** The organisation's work: take, change status, notes, work photos, extension. */
  'appeals:work': ['executor', 'manager'],
  /** Heads: reassign within or out of the organisation, overdue and escalation lists. */
  'appeals:manage': ['manager'],
  /** Internal dashboards: per organisation and per executor. */
  'stats:internal': ['moderator', 'manager'],
  /** The audit trail of any object. */
  'audit:read': ['moderator', 'manager'],
  /** Users, organisations and their members. */
  'users:manage': [],
  /** Categories (terms, radius, questions) and routing rules. */
  'appeals:configure': [],
  /** Deputies and their electoral districts. */
  'deputies:manage': [],
  /** The security event log: sign-ins, lock-outs, role and password changes, with client addresses. */
  'security:read': [],
  /**
   * Layers: upload files, make layers and new revisions of them, edit their metadata, style and
   * status. A publisher does so for the layers of their own organisation, and a layer of theirs
   * goes public only once a second person approves it.
   */
  'layers:manage': ['planner', 'publisher'],
  /**
   * Participatory budgets: editions, their rules and phases, the review of proposals, paper
   * ballots, the count and the winners' construction.
   */
  'budgets:manage': ['budget_admin'],
  /**
   * The city's objects: lines of the property register (and their import), offers to investors,
   * the registers of temporary and advertising structures.
   */
  'property:manage': ['property_manager'],
  /**
   * Repairs and planned or emergency works: an organisation's staff record those of their own
   * organisation; the property manager those of any.
   */
  'works:manage': ['executor', 'manager', 'property_manager'],
} as const satisfies Record<string, readonly Role[]>

export type Permission = keyof typeof PERMISSIONS

/** Every permission name, in the order of {@link PERMISSIONS}. */
export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[]

/** The geometry family of a layer: every feature of the layer belongs to it. */
export const GEOMETRY_KINDS = ['point', 'line', 'polygon'] as const
export type GeometryKind = (typeof GEOMETRY_KINDS)[number]

/** Value type of one attribute of a layer: for CSV export, filters and the attribute table. */
export const ATTRIBUTE_TYPES = ['string', 'number', 'integer', 'boolean', 'date'] as const
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number]

/**
 * Where a layer is in its publication: a draft is seen by staff only; under consultation and
 * approved, by everyone; archived, by staff only again.
 */
export const LAYER_STATUSES = ['draft', 'consultation', 'approved', 'archived'] as const
export type LayerStatus = (typeof LAYER_STATUSES)[number]

/** The statuses in which a layer is public. */
export const PUBLIC_LAYER_STATUSES: readonly LayerStatus[] = ['consultation', 'approved']

/** What planning document a layer is (DBN B.1.1-15, the Law "On regulation of urban development"). */
export const PLANNING_DOCUMENT_TYPES = ['general-plan', 'zoning-plan', 'detailed-plan', 'comprehensive-plan', 'council-decision', 'register', 'other'] as const
export type PlanningDocumentType = (typeof PLANNING_DOCUMENT_TYPES)[number]

/** The file formats a planner can upload. */
export const UPLOAD_FORMATS = ['geojson', 'shapefile', 'geopackage', 'kml', 'csv'] as const
export type UploadFormat = (typeof UPLOAD_FORMATS)[number]
