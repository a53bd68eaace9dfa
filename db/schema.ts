/**
 * The database as Kysely sees it: every table that db/migrations makes. Generated from the
 * migrated database by `npm run db:schema` (kysely-codegen, with the overrides in
 * `schema-codegen.ts`): do not edit; change a migration or an override and regenerate.
 * `schema.test.ts` fails while this file is stale.
 */

import type { ColumnType, RawBuilder, Selectable } from "kysely";

/**
 * A column the database fills when an insert leaves it out.
 */
export type Generated<T> = T extends ColumnType<infer S, infer I, infer U>
  ? ColumnType<S, I | undefined, U>
  : ColumnType<T, T | undefined, T>;

/**
 * A PostGIS geometry: hex EWKB when read raw, written only through SQL expressions (the
 * helpers in `postgis.ts`), never as a string.
 */
export type Geometry = ColumnType<string, RawBuilder<unknown>, RawBuilder<unknown>>;

/**
 * A jsonb column: read as `T`, written as JSON text (`JSON.stringify`), since pg would send
 * a JavaScript array as a PostgreSQL array.
 */
export type Json<T> = ColumnType<T, string, string>;

/**
 * Bilingual text as stored in jsonb columns.
 */
export type LocalizedJson = {
  en: string;
  uk: string;
};

/**
 * A timestamp column: read as a Date, written as a Date or an ISO string.
 */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;

/**
 * Links mailed to the owner of an account: confirming the e-mail address, resetting the password.
 */
export interface AccountTokenTable {
  created_at: Generated<Timestamp>;
  expires_at: Timestamp;
  purpose: string;
  token_hash: Buffer;
  used_at: Timestamp | null;
  user_id: number;
}

/**
 * What a resident can report, its questions, its legal term and who answers for it by default.
 */
export interface AppealCategoryTable {
  active: Generated<boolean>;
  duplicate_radius_m: number;
  group_id: string;
  id: string;
  name: Json<LocalizedJson>;
  questions: Generated<Json<unknown>>;
  responsibility: string;
  sort: Generated<number>;
  term_days: number;
}

/**
 * Registration numbers run per city and year: KYIV-2026-000123.
 */
export interface AppealCounterTable {
  city_id: string;
  last: number;
  year: number;
}

/**
 * The public timeline: every status change with its public response.
 */
export interface AppealEventTable {
  actor: string;
  appeal_id: number;
  at: Generated<Timestamp>;
  due_at: Timestamp | null;
  from_status: string | null;
  id: ColumnType<number, never, never>;
  kind: string;
  organisation_id: string | null;
  reason: string | null;
  response: string | null;
  to_status: string;
}

/**
 * Staff-only notes; never on a public page.
 */
export interface AppealNoteTable {
  appeal_id: number;
  at: Generated<Timestamp>;
  author_id: number | null;
  body: string;
  id: ColumnType<number, never, never>;
}

/**
 * Photos of an appeal, staged until the write that carries them commits.
 */
export interface AppealPhotoTable {
  appeal_id: number;
  bytes: number;
  created_at: Generated<Timestamp>;
  height: number;
  id: ColumnType<number, never, never>;
  position: number;
  stage: Generated<string>;
  storage_key: string;
  width: number;
}

/**
 * Appeals of residents to the city: a problem at a point, its category, status and deadline.
 */
export interface AppealTable {
  account_id: number | null;
  address: string | null;
  answers: Generated<Json<unknown>>;
  category_id: string;
  city_id: string;
  confirmed_at: Timestamp | null;
  contact_email: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  created_at: Generated<Timestamp>;
  deputy_id: number | null;
  description: string;
  district_id: number | null;
  due_at: Timestamp;
  duplicate_of: number | null;
  escalated_at: Timestamp | null;
  executor_id: number | null;
  extended_at: Timestamp | null;
  feature_id: number | null;
  geom: Geometry;
  id: ColumnType<number, never, never>;
  is_public: Generated<boolean>;
  locale: Generated<string>;
  number: string;
  object_feature_id: number | null;
  object_label: string | null;
  object_layer_id: string | null;
  object_layer_version: number | null;
  organisation_id: string | null;
  rejection_reason: string | null;
  reopen_count: Generated<number>;
  resolved_at: Timestamp | null;
  show_name: Generated<boolean>;
  source: Generated<string>;
  status: Generated<string>;
  /**
   * Kept by the database: one for each row of `appeal_supporters`.
   */
  supporter_count: ColumnType<number, never, never>;
  synthetic: Generated<boolean>;
  tracking_token_hash: Buffer;
  updated_at: Generated<Timestamp>;
}

/**
 * Alerts about new appeals in a district or within a radius of a point.
 */
export interface AppealSubscriptionTable {
  area: Geometry | null;
  center: Geometry | null;
  city_id: string;
  confirmed_at: Timestamp | null;
  created_at: Generated<Timestamp>;
  district_id: number | null;
  email: string;
  id: ColumnType<number, never, never>;
  locale: Generated<string>;
  radius_m: number | null;
  token: string;
  topic: Generated<"appeals" | "works">;
}

/**
 * "Me too": one row per person (hash of the account or e-mail), counted on the appeal.
 */
export interface AppealSupporterTable {
  appeal_id: number;
  created_at: Generated<Timestamp>;
  supporter_hash: Buffer;
}

/**
 * Small facts about this installation, e.g. whether the demo data finished loading.
 */
export interface AppSettingTable {
  key: string;
  updated_at: Generated<Timestamp>;
  value: Json<unknown>;
}

/**
 * Who changed what: one row per change, with the attributes before and after. Append-only.
 */
export interface AuditLogTable {
  action: string;
  actor: string;
  at: Generated<Timestamp>;
  changes: Generated<Json<unknown>>;
  id: ColumnType<number, never, never>;
  object_id: string;
  object_type: string;
}

/**
 * The proposals a ballot chose, one vote each; the database holds the limits of the rules (migration 018).
 */
export interface BudgetBallotLineTable {
  ballot_id: number;
  edition_id: number;
  proposal_id: number;
}

/**
 * One ballot per voter and edition, or a paper ballot from a batch; the receipt code's SHA-256 is published.
 */
export interface BudgetBallotTable {
  client_address: string | null;
  created_at: Generated<Timestamp>;
  declared_age: Generated<boolean>;
  declared_residence: Generated<boolean>;
  edition_id: number;
  entered_by: number | null;
  id: ColumnType<number, never, never>;
  paper_batch: string | null;
  receipt: string;
  source: "online" | "paper";
  updated_at: Generated<Timestamp>;
  voter_id: number | null;
}

/**
 * Residents who write a proposal with its author, having accepted the invitation link the author shared.
 */
export interface BudgetCoauthorTable {
  created_at: Generated<Timestamp>;
  proposal_id: number;
  user_id: number;
}

/**
 * PDFs attached to a proposal (an estimate, a drawing); the file is in the document store, named by the id.
 */
export interface BudgetDocumentTable {
  bytes: number;
  created_at: Generated<Timestamp>;
  created_by: number | null;
  file_name: string;
  id: string;
  pages: number | null;
  proposal_id: number;
  sha256: string;
  title: string;
}

/**
 * Participatory-budget editions: rules, money and the published count.
 */
export interface BudgetEditionTable {
  ballots_csv: string | null;
  ballots_sha256: string | null;
  city_id: string;
  created_at: Generated<Timestamp>;
  created_by: number | null;
  description: Generated<Json<LocalizedJson>>;
  id: ColumnType<number, never, never>;
  max_cost: number | null;
  min_age: number | null;
  min_cost: Generated<number>;
  min_votes: Generated<number>;
  past: Generated<boolean>;
  residence_declaration: Generated<boolean>;
  results_computed_at: Timestamp | null;
  synthetic: Generated<boolean>;
  title: Json<LocalizedJson>;
  total: number;
  updated_at: Generated<Timestamp>;
  verified_only: Generated<boolean>;
  votes_per_voter: number;
  voting: "approval" | "knapsack";
  year: number;
}

/**
 * Residents following a winner's construction, mailed on each change.
 */
export interface BudgetFollowerTable {
  created_at: Generated<Timestamp>;
  proposal_id: number;
  user_id: number;
}

/**
 * A winning project's construction: status, progress, money spent, the Prozorro tender.
 */
export interface BudgetImplementationTable {
  note: Generated<string>;
  progress: Generated<number>;
  proposal_id: number;
  prozorro_id: string | null;
  spent: Generated<number>;
  status: Generated<"planned" | "design" | "procurement" | "in_progress" | "completed" | "cancelled">;
  updated_at: Generated<Timestamp>;
}

/**
 * Milestones of a winning project's construction.
 */
export interface BudgetMilestoneTable {
  created_at: Generated<Timestamp>;
  /**
   * A calendar date, `YYYY-MM-DD`.
   */
  done_on: string | null;
  /**
   * A calendar date, `YYYY-MM-DD`.
   */
  due_on: string | null;
  id: ColumnType<number, never, never>;
  note: Generated<string>;
  proposal_id: number;
  title: string;
}

/**
 * The dated phases of an edition: submission, review, voting, results, implementation.
 */
export interface BudgetPhaseTable {
  edition_id: number;
  ends_at: Timestamp;
  name: "submission" | "review" | "voting" | "results" | "implementation";
  starts_at: Timestamp;
}

/**
 * Photos of a proposal (its author's) and of a winner's construction (the city's), in the photo store.
 */
export interface BudgetPhotoTable {
  caption: Generated<string>;
  created_at: Generated<Timestamp>;
  created_by: number | null;
  id: ColumnType<number, never, never>;
  proposal_id: number;
  stage: "proposal" | "implementation";
  storage_key: string;
}

/**
 * An edition's money: the whole city, or each district and its classes of project size.
 */
export interface BudgetPotTable {
  district_id: number | null;
  edition_id: number;
  key: string;
  max_cost: number | null;
  money: number;
  size_class: "small" | "large" | null;
}

/**
 * Residents' proposals placed on the map, with their cost items, review and pre-check.
 */
export interface BudgetProposalTable {
  author_id: number | null;
  category: string;
  coauthor_invitation: Buffer | null;
  cost: number;
  cost_items: Json<Array<{ name: string; amount: number }>>;
  cost_note: string | null;
  created_at: Generated<Timestamp>;
  description: string;
  district_id: number | null;
  edition_id: number;
  feature_id: number | null;
  geom: Geometry;
  id: ColumnType<number, never, never>;
  original_cost: number;
  pot: string;
  /**
   * The pre-check of its place as computed when it was submitted.
   */
  precheck: Json<Record<string, unknown>> | null;
  review_reason: string | null;
  reviewed_at: Timestamp | null;
  reviewed_by: number | null;
  status: "draft" | "submitted" | "feasible" | "not_feasible" | "withdrawn";
  submitted_at: Timestamp | null;
  synthetic: Generated<boolean>;
  title: string;
  updated_at: Generated<Timestamp>;
}

/**
 * The published count: votes, rank and outcome of each proposal, overrides with their reasons.
 */
export interface BudgetResultTable {
  edition_id: number;
  online_votes: number;
  outcome: "won" | "does-not-fit" | "below-threshold" | "not-feasible";
  override_reason: string | null;
  paper_votes: number;
  proposal_id: number;
  rank: number;
  votes: number;
  won: boolean;
}

/**
 * The cities and hromadas the map serves.
 */
export interface CityTable {
  /**
   * Written by the importer in SQL, never through the builder.
   */
  boundary: ColumnType<string | null, never, never>;
  boundary_approximate: Generated<boolean>;
  center: Geometry;
  code: string;
  created_at: Generated<Timestamp>;
  id: string;
  name: Json<LocalizedJson>;
  zoom: number;
}

/**
 * Residents' comments on a consultation, pinned to a point, an area or a feature, with the council's answer and moderation apart.
 */
export interface ConsultationCommentTable {
  answer_outcome: "accepted" | "partly" | "rejected" | null;
  answer_text: string | null;
  answered_at: Timestamp | null;
  answered_by: number | null;
  author_id: number | null;
  consultation_id: number;
  created_at: Generated<Timestamp>;
  feature_id: number | null;
  geom: Geometry;
  hidden_at: Timestamp | null;
  hidden_by: number | null;
  hidden_reason: string | null;
  id: ColumnType<number, never, never>;
  layer_revision: number;
  photo_key: string | null;
  receipt: string;
  text: string;
}

/**
 * Consultation receipt numbers run per city and year: KYIV-K-2026-000042.
 */
export interface ConsultationCounterTable {
  city_id: string;
  last: number;
  year: number;
}

/**
 * Public consultations on a planning layer: the window, the revision and the extent comments may be pinned in.
 */
export interface ConsultationTable {
  announced_at: Timestamp | null;
  created_at: Generated<Timestamp>;
  created_by: number | null;
  description: Generated<Json<LocalizedJson>>;
  ends_at: Timestamp;
  extent: Geometry;
  id: ColumnType<number, never, never>;
  layer_id: string;
  layer_revision: number;
  starts_at: Timestamp;
  title: Json<LocalizedJson>;
}

/**
 * One digest per executor per day, whichever replica sends it first.
 */
export interface DeadlineDigestTable {
  day: Timestamp;
  sent_at: Generated<Timestamp>;
  user_id: number;
}

/**
 * City-council deputies and the electoral districts they answer for; every field is public.
 */
export interface DeputyTable {
  city_id: string;
  district_number: number;
  email: string | null;
  faction: string | null;
  id: ColumnType<number, never, never>;
  name: string;
  phone: string | null;
  reception_address: string | null;
  reception_hours: string | null;
  updated_at: Generated<Timestamp>;
}

/**
 * Administrative districts of a city.
 */
export interface DistrictTable {
  city_id: string;
  geom: Geometry;
  id: Generated<number>;
  name: string;
}

/**
 * Earlier states of features that a later revision of their layer changed or removed (migration 011).
 */
export interface FeatureHistoryTable {
  change: "changed" | "removed";
  feature_id: number;
  geom: Geometry;
  layer_id: string;
  properties: Json<Record<string, unknown>>;
  valid_from: number;
  valid_to: number;
}

/**
 * The objects of the layers, partitioned by layer: one table per layer, made with it.
 */
export interface FeatureTable {
  /**
   * Kept by the database: the area of `geom` in Web Mercator square metres.
   */
  area_3857: ColumnType<number, never, never>;
  created_at: Generated<Timestamp>;
  geom: Geometry;
  /**
   * Kept by the database: `geom` in Web Mercator.
   */
  geom_3857: ColumnType<string, never, never>;
  id: ColumnType<number, never, never>;
  /**
   * Kept by the database: where the label of `geom` goes, in Web Mercator.
   */
  label_3857: ColumnType<string, never, never>;
  layer_id: string;
  properties: Generated<Json<Record<string, unknown>>>;
  /**
   * Kept by the database: the keys of `properties` the layer marks public.
   */
  public_properties: ColumnType<Record<string, unknown>, never, never>;
  revision: Generated<number>;
  /**
   * Kept by the database: the keys tiles carry (migration 009).
   */
  tile_properties: ColumnType<Record<string, unknown>, never, never>;
  updated_at: Generated<Timestamp>;
}

/**
 * A retried submission with the same Idempotency-Key gets the first one's answer.
 */
export interface IdempotencyKeyTable {
  appeal_id: number | null;
  created_at: Generated<Timestamp>;
  key: string;
  request_hash: string;
  response: Json<unknown> | null;
  scope: string;
}

/**
 * Objects the city offers to investors, from the property register or described by staff, with their terms.
 */
export interface InvestmentObjectTable {
  address: string | null;
  area_m2: number;
  auction_lot_id: string | null;
  city_id: string;
  contact_email: string | null;
  contact_organisation_id: string | null;
  contact_phone: string | null;
  created_at: Generated<Timestamp>;
  created_by: number | null;
  deal: "lease" | "sale";
  description: Generated<Json<LocalizedJson>>;
  district_id: number | null;
  feature_id: number | null;
  geom: Geometry;
  id: ColumnType<number, never, never>;
  kind: "land" | "premises" | "brownfield";
  permitted_use: Generated<Json<LocalizedJson>>;
  property_id: number | null;
  published: Generated<boolean>;
  purpose_code: string | null;
  start_price: number | null;
  status: Generated<"available" | "at_auction" | "leased" | "sold">;
  synthetic: Generated<boolean>;
  term_years: number | null;
  title: Json<LocalizedJson>;
  updated_at: Generated<Timestamp>;
  utilities: Generated<string[]>;
}

/**
 * Investors' saved searches of the investment map, mailed when a new offer matches.
 */
export interface InvestmentSearchTable {
  city_id: string;
  confirmed_at: Timestamp | null;
  created_at: Generated<Timestamp>;
  email: string;
  filters: Json<Record<string, unknown>>;
  id: ColumnType<number, never, never>;
  locale: Generated<string>;
  token: string;
}

/**
 * PDFs attached to a layer or to one of its features (a decision, an explanatory note, a drawing); the file is on disk, named by the id.
 */
export interface LayerDocumentTable {
  bytes: number;
  created_at: Generated<Timestamp>;
  created_by: number | null;
  /**
   * A calendar date, `YYYY-MM-DD`.
   */
  decision_date: string | null;
  decision_number: string | null;
  feature_id: number | null;
  file_name: string;
  id: string;
  kind: "decision" | "explanatory-note" | "drawing" | "other";
  layer_id: string;
  pages: number | null;
  sha256: string;
  title: Json<LocalizedJson>;
}

/**
 * The layer catalogue: what each layer shows, its attributes, style and zooms.
 */
export interface LayerTable {
  accepts_appeals: Generated<boolean>;
  attributes: Generated<Json<unknown>>;
  attribution: Generated<string>;
  bbox: number[] | null;
  city_id: string;
  created_at: Generated<Timestamp>;
  created_by: number | null;
  /**
   * A calendar date, `YYYY-MM-DD`.
   */
  decision_date: string | null;
  decision_number: string | null;
  description: Json<LocalizedJson>;
  developer: string | null;
  document_type: "general-plan" | "zoning-plan" | "detailed-plan" | "comprehensive-plan" | "council-decision" | "register" | "other" | null;
  feature_count: Generated<number>;
  geometry_type: "point" | "line" | "polygon";
  id: string;
  /**
   * Kept by the database: true while the status is `consultation` or `approved`.
   */
  is_public: ColumnType<boolean, never, never>;
  /**
   * The law or decision the data is published under, {uk, en}; null for the default.
   */
  legal_basis: Json<LocalizedJson> | null;
  licence: Generated<string>;
  maxzoom: Generated<number>;
  minzoom: Generated<number>;
  organisation_id: string | null;
  /**
   * The position that answers for the data, {uk, en}, never a person's name; null for the default.
   */
  responsible_role: Json<LocalizedJson> | null;
  review_requested_at: Timestamp | null;
  review_requested_by: number | null;
  /**
   * The public status a publisher asked for, waiting for a second person to approve it.
   */
  review_status: "consultation" | "approved" | null;
  revision: Generated<number>;
  source: Generated<string>;
  status: Generated<"draft" | "consultation" | "approved" | "archived">;
  style: Generated<Json<unknown>>;
  synthetic: Generated<boolean>;
  theme: string;
  /**
   * Kept by the database: the attributes the layer's tiles carry (migration 009).
   */
  tile_attributes: ColumnType<string[], never, never>;
  title: Json<LocalizedJson>;
  /**
   * How often the data changes, a code of the EU frequency vocabulary.
   */
  update_frequency: Generated<"continuous" | "daily" | "weekly" | "monthly" | "quarterly" | "annual" | "irregular" | "never">;
  updated_at: Generated<Timestamp>;
  /**
   * Kept by the database: bumped by every write to the layer's features; tile URLs and caches are keyed by it.
   */
  version: ColumnType<number, never, never>;
}

/**
 * An upload's features in lon/lat, staged for review until they become a layer or a revision.
 */
export interface LayerUploadFeatureTable {
  geom: Geometry;
  idx: number;
  properties: Json<Record<string, unknown>>;
  upload_id: string;
}

/**
 * Files planners uploaded: what was read from them, kept for review for three days.
 */
export interface LayerUploadTable {
  bbox: number[] | null;
  created_at: Generated<Timestamp>;
  crs_name: string | null;
  encoding: string | null;
  expires_at: Generated<Timestamp>;
  feature_count: Generated<number>;
  file_bytes: number;
  file_name: string;
  format: "geojson" | "shapefile" | "geopackage" | "kml" | "csv";
  geometry_types: Generated<string[]>;
  id: string;
  read_count: Generated<number>;
  report: Generated<Json<Record<string, unknown>>>;
  srid: number | null;
  uploaded_by: number;
}

/**
 * Each revision of a layer's features: who published it, from which file, and what changed.
 */
export interface LayerVersionTable {
  added: Generated<number>;
  bbox: number[] | null;
  changed: Generated<number>;
  created_at: Generated<Timestamp>;
  created_by: number | null;
  feature_count: number;
  file_name: string | null;
  key_field: string | null;
  layer_id: string;
  mode: "create" | "replace" | "append";
  removed: Generated<number>;
  revision: number;
}

/**
 * Photos of register lines and of offers to investors, in the photo store.
 */
export interface ObjectPhotoTable {
  caption: Generated<string>;
  created_at: Generated<Timestamp>;
  created_by: number | null;
  height: number;
  id: ColumnType<number, never, never>;
  investment_id: number | null;
  property_id: number | null;
  storage_key: string;
  width: number;
}

/**
 * A sign-in sent to the identity provider and not back yet: what the callback must check. Single use.
 */
export interface OidcSignInTable {
  code_verifier: string;
  expires_at: Timestamp;
  next_path: string | null;
  nonce: string;
  state_hash: Buffer;
}

/**
 * Departments, communal enterprises and district administrations that work appeals.
 */
export interface OrganisationTable {
  city_id: string;
  created_at: Generated<Timestamp>;
  email: string | null;
  id: string;
  kind: string;
  name: Json<LocalizedJson>;
  responsibility: string;
}

/**
 * Mail to send, written in the same transaction as the change it reports; a worker sends it with retries.
 */
export interface OutboxTable {
  attempts: Generated<number>;
  body: string;
  created_at: Generated<Timestamp>;
  headers: Generated<Json<unknown>>;
  id: ColumnType<number, never, never>;
  kind: string;
  last_error: string | null;
  next_attempt_at: Generated<Timestamp>;
  sent_at: Timestamp | null;
  subject: string;
  to_address: string;
}

/**
 * PDFs of a register line (a rights certificate, a technical passport, a decision); the file is in the document store, named by the id.
 */
export interface PropertyDocumentTable {
  bytes: number;
  created_at: Generated<Timestamp>;
  created_by: number | null;
  file_name: string;
  id: string;
  pages: number | null;
  property_id: number;
  sha256: string;
  title: string;
}

/**
 * The communal property register (CMU No 835 sets): land parcels and premises, their holder, use, lease or sale status.
 */
export interface PropertyObjectTable {
  address: string | null;
  area_m2: number | null;
  /**
   * A calendar date, `YYYY-MM-DD`.
   */
  auction_end: string | null;
  auction_lot_id: string | null;
  /**
   * A calendar date, `YYYY-MM-DD`.
   */
  auction_start: string | null;
  balance_holder_edrpou: string | null;
  balance_holder_id: string | null;
  balance_holder_name: string | null;
  cadastral_number: string | null;
  city_id: string;
  condition: "good" | "satisfactory" | "poor" | "emergency" | null;
  created_at: Generated<Timestamp>;
  district_id: number | null;
  feature_id: number | null;
  geom: Geometry | null;
  id: ColumnType<number, never, never>;
  inventory_number: string | null;
  kind: "land" | "premises" | "building";
  /**
   * A calendar date, `YYYY-MM-DD`.
   */
  leased_from: string | null;
  /**
   * A calendar date, `YYYY-MM-DD`.
   */
  leased_until: string | null;
  lessee_kind: "organisation" | "person" | null;
  lessee_name: string | null;
  name: string | null;
  nk018_class: string | null;
  normative_value: number | null;
  owner_name: string | null;
  purpose: string | null;
  purpose_code: string | null;
  register_id: string;
  rights_registration: string | null;
  sensitive: Generated<boolean>;
  source: Generated<"staff" | "import" | "demo">;
  status: Generated<"free" | "list_1" | "list_2" | "at_auction" | "leased" | "in_use" | "not_for_lease">;
  synthetic: Generated<boolean>;
  updated_at: Generated<Timestamp>;
  user_kind: "organisation" | "person" | null;
  user_name: string | null;
  utilities: Generated<string[]>;
}

/**
 * Fixed-window request counters, shared by every replica. Buckets hold hashes, not addresses.
 */
export interface RateLimitHitTable {
  bucket: string;
  hits: number;
  window_start: Timestamp;
}

/**
 * Explicit routing, overriding the category's default responsibility: category × district.
 */
export interface RoutingRuleTable {
  category_id: string;
  city_id: string;
  district_id: number | null;
  id: Generated<number>;
  organisation_id: string;
}

/**
 * The migrations applied, by file name (see `migrate.ts`).
 */
export interface SchemaMigrationTable {
  applied_at: Generated<Timestamp>;
  name: string;
}

/**
 * The `search_index` table.
 */
export interface SearchIndexTable {
  bbox: number[] | null;
  city_id: string;
  feature_id: number | null;
  id: ColumnType<number, never, never>;
  kind: string;
  layer_id: string | null;
  point: Geometry;
  search_text: string;
  subtitle: string | null;
  title: string;
  url: string | null;
}

/**
 * The `search_index_state` table.
 */
export interface SearchIndexStateTable {
  appeals_named_key: string | null;
  city_id: string;
  entries: number;
  layers_key: string;
  refreshed_at: Generated<Timestamp>;
}

/**
 * Sign-ins, lock-outs, role and password changes (migration 010): append-only, kept 180 days.
 */
export interface SecurityEventTable {
  account_id: number | null;
  client_address: string | null;
  details: Generated<Json<Record<string, unknown>>>;
  /**
   * HMAC-SHA-256 of an e-mail that has no account; never the address.
   */
  email_hash: string | null;
  id: ColumnType<number, never, never>;
  kind: "sign-in" | "sign-in-failed" | "sign-in-limited" | "role-change" | "password-reset-requested" | "password-reset-completed" | "password-change";
  occurred_at: Generated<Timestamp>;
  user_agent: string | null;
}

/**
 * Signed-in sessions: the key is the SHA-256 of the cookie's token, so a copy of the table opens none.
 */
export interface SessionTable {
  created_at: Generated<Timestamp>;
  expires_at: Timestamp;
  last_seen_at: Generated<Timestamp>;
  token_hash: Buffer;
  user_id: number;
}

/**
 * Registers of temporary structures (kiosks, seasonal trade) and advertising structures with their permits.
 */
export interface StreetStructureTable {
  address: string | null;
  area_m2: number | null;
  business: string | null;
  city_id: string;
  created_at: Generated<Timestamp>;
  district_id: number | null;
  feature_id: number | null;
  geom: Geometry;
  holder_kind: "organisation" | "person" | null;
  holder_name: string | null;
  id: ColumnType<number, never, never>;
  kind: string;
  organisation_id: string | null;
  /**
   * A calendar date, `YYYY-MM-DD`.
   */
  permit_from: string | null;
  permit_number: string | null;
  /**
   * A calendar date, `YYYY-MM-DD`.
   */
  permit_until: string | null;
  register: "temporary" | "advertising";
  status: "valid" | "expired" | "illegal";
  synthetic: Generated<boolean>;
  updated_at: Generated<Timestamp>;
}

/**
 * Lines and polygons as tiles draw them at each zoom, partitioned by layer and zoom band (migration 009).
 */
export interface TileShapeTable {
  feature_id: number;
  geom: Geometry;
  layer_id: string;
  props: Json<unknown>;
  zoom: number;
}

/**
 * An account at an identity provider (OpenID Connect), known by its issuer and subject.
 */
export interface UserIdentityTable {
  created_at: Generated<Timestamp>;
  issuer: string;
  provider: string;
  subject: string;
  user_id: number;
}

/**
 * The roles of an account, each for the whole city or one organisation.
 */
export interface UserRoleTable {
  organisation_id: string | null;
  role: string;
  user_id: number;
}

/**
 * Accounts of residents and staff.
 */
export interface UserTable {
  created_at: Generated<Timestamp>;
  email: string;
  email_confirmed_at: Timestamp | null;
  id: ColumnType<number, never, never>;
  name: Generated<string>;
  password_hash: string | null;
  updated_at: Generated<Timestamp>;
}

/**
 * Photos of a repair before and after, in the photo store.
 */
export interface WorkPhotoTable {
  caption: Generated<string>;
  created_at: Generated<Timestamp>;
  created_by: number | null;
  height: number;
  id: ColumnType<number, never, never>;
  stage: "before" | "after";
  storage_key: string;
  width: number;
  work_id: number;
}

/**
 * Repairs of the city’s objects, and planned or emergency works with their window and what they switch off.
 */
export interface WorkTable {
  /**
   * A calendar date, `YYYY-MM-DD`.
   */
  actual_end: string | null;
  /**
   * A calendar date, `YYYY-MM-DD`.
   */
  actual_start: string | null;
  city_id: string;
  contractor: string | null;
  contractor_edrpou: string | null;
  cost: number | null;
  created_at: Generated<Timestamp>;
  created_by: number | null;
  description: Generated<string>;
  ends_at: Timestamp | null;
  feature_id: number | null;
  geom: Geometry;
  id: ColumnType<number, never, never>;
  kind: "repair" | "planned" | "emergency";
  object_feature_id: number | null;
  object_layer_id: string | null;
  organisation_id: string | null;
  /**
   * A calendar date, `YYYY-MM-DD`.
   */
  planned_end: string | null;
  /**
   * A calendar date, `YYYY-MM-DD`.
   */
  planned_start: string | null;
  property_id: number | null;
  prozorro_tender_id: string | null;
  spent: number | null;
  starts_at: Timestamp | null;
  status: Generated<"planned" | "in_progress" | "done" | "cancelled">;
  switched_off: Generated<string[]>;
  synthetic: Generated<boolean>;
  title: string;
  updated_at: Generated<Timestamp>;
  work_type: "road" | "sidewalk" | "roof" | "facade" | "water" | "sewerage" | "heating" | "power" | "gas" | "lighting" | "greenery" | "building" | "other";
}

/**
 * The whole database as Kysely sees it.
 */
export interface DB {
  account_tokens: AccountTokenTable;
  app_settings: AppSettingTable;
  appeal_categories: AppealCategoryTable;
  appeal_counters: AppealCounterTable;
  appeal_events: AppealEventTable;
  appeal_notes: AppealNoteTable;
  appeal_photos: AppealPhotoTable;
  appeal_subscriptions: AppealSubscriptionTable;
  appeal_supporters: AppealSupporterTable;
  appeals: AppealTable;
  audit_log: AuditLogTable;
  budget_ballot_lines: BudgetBallotLineTable;
  budget_ballots: BudgetBallotTable;
  budget_coauthors: BudgetCoauthorTable;
  budget_documents: BudgetDocumentTable;
  budget_editions: BudgetEditionTable;
  budget_followers: BudgetFollowerTable;
  budget_implementations: BudgetImplementationTable;
  budget_milestones: BudgetMilestoneTable;
  budget_phases: BudgetPhaseTable;
  budget_photos: BudgetPhotoTable;
  budget_pots: BudgetPotTable;
  budget_proposals: BudgetProposalTable;
  budget_results: BudgetResultTable;
  cities: CityTable;
  consultation_comments: ConsultationCommentTable;
  consultation_counters: ConsultationCounterTable;
  consultations: ConsultationTable;
  deadline_digests: DeadlineDigestTable;
  deputies: DeputyTable;
  districts: DistrictTable;
  feature_history: FeatureHistoryTable;
  features: FeatureTable;
  idempotency_keys: IdempotencyKeyTable;
  investment_objects: InvestmentObjectTable;
  investment_searches: InvestmentSearchTable;
  layer_documents: LayerDocumentTable;
  layer_upload_features: LayerUploadFeatureTable;
  layer_uploads: LayerUploadTable;
  layer_versions: LayerVersionTable;
  layers: LayerTable;
  object_photos: ObjectPhotoTable;
  oidc_sign_ins: OidcSignInTable;
  organisations: OrganisationTable;
  outbox: OutboxTable;
  property_documents: PropertyDocumentTable;
  property_objects: PropertyObjectTable;
  rate_limit_hits: RateLimitHitTable;
  routing_rules: RoutingRuleTable;
  schema_migrations: SchemaMigrationTable;
  search_index: SearchIndexTable;
  search_index_state: SearchIndexStateTable;
  security_events: SecurityEventTable;
  sessions: SessionTable;
  street_structures: StreetStructureTable;
  tile_shapes: TileShapeTable;
  user_identities: UserIdentityTable;
  user_roles: UserRoleTable;
  users: UserTable;
  work_photos: WorkPhotoTable;
  works: WorkTable;
}

/**
 * A row of `account_tokens` as selected.
 */
export type AccountTokenRow = Selectable<AccountTokenTable>;

/**
 * A row of `app_settings` as selected.
 */
export type AppSettingRow = Selectable<AppSettingTable>;

/**
 * A row of `appeal_categories` as selected.
 */
export type AppealCategoryRow = Selectable<AppealCategoryTable>;

/**
 * A row of `appeal_counters` as selected.
 */
export type AppealCounterRow = Selectable<AppealCounterTable>;

/**
 * A row of `appeal_events` as selected.
 */
export type AppealEventRow = Selectable<AppealEventTable>;

/**
 * A row of `appeal_notes` as selected.
 */
export type AppealNoteRow = Selectable<AppealNoteTable>;

/**
 * A row of `appeal_photos` as selected.
 */
export type AppealPhotoRow = Selectable<AppealPhotoTable>;

/**
 * A row of `appeal_subscriptions` as selected.
 */
export type AppealSubscriptionRow = Selectable<AppealSubscriptionTable>;

/**
 * A row of `appeal_supporters` as selected.
 */
export type AppealSupporterRow = Selectable<AppealSupporterTable>;

/**
 * A row of `appeals` as selected.
 */
export type AppealRow = Selectable<AppealTable>;

/**
 * A row of `audit_log` as selected.
 */
export type AuditLogRow = Selectable<AuditLogTable>;

/**
 * A row of `budget_ballot_lines` as selected.
 */
export type BudgetBallotLineRow = Selectable<BudgetBallotLineTable>;

/**
 * A row of `budget_ballots` as selected.
 */
export type BudgetBallotRow = Selectable<BudgetBallotTable>;

/**
 * A row of `budget_coauthors` as selected.
 */
export type BudgetCoauthorRow = Selectable<BudgetCoauthorTable>;

/**
 * A row of `budget_documents` as selected.
 */
export type BudgetDocumentRow = Selectable<BudgetDocumentTable>;

/**
 * A row of `budget_editions` as selected.
 */
export type BudgetEditionRow = Selectable<BudgetEditionTable>;

/**
 * A row of `budget_followers` as selected.
 */
export type BudgetFollowerRow = Selectable<BudgetFollowerTable>;

/**
 * A row of `budget_implementations` as selected.
 */
export type BudgetImplementationRow = Selectable<BudgetImplementationTable>;

/**
 * A row of `budget_milestones` as selected.
 */
export type BudgetMilestoneRow = Selectable<BudgetMilestoneTable>;

/**
 * A row of `budget_phases` as selected.
 */
export type BudgetPhaseRow = Selectable<BudgetPhaseTable>;

/**
 * A row of `budget_photos` as selected.
 */
export type BudgetPhotoRow = Selectable<BudgetPhotoTable>;

/**
 * A row of `budget_pots` as selected.
 */
export type BudgetPotRow = Selectable<BudgetPotTable>;

/**
 * A row of `budget_proposals` as selected.
 */
export type BudgetProposalRow = Selectable<BudgetProposalTable>;

/**
 * A row of `budget_results` as selected.
 */
export type BudgetResultRow = Selectable<BudgetResultTable>;

/**
 * A row of `cities` as selected.
 */
export type CityRow = Selectable<CityTable>;

/**
 * A row of `consultation_comments` as selected.
 */
export type ConsultationCommentRow = Selectable<ConsultationCommentTable>;

/**
 * A row of `consultation_counters` as selected.
 */
export type ConsultationCounterRow = Selectable<ConsultationCounterTable>;

/**
 * A row of `consultations` as selected.
 */
export type ConsultationRow = Selectable<ConsultationTable>;

/**
 * A row of `deadline_digests` as selected.
 */
export type DeadlineDigestRow = Selectable<DeadlineDigestTable>;

/**
 * A row of `deputies` as selected.
 */
export type DeputyRow = Selectable<DeputyTable>;

/**
 * A row of `districts` as selected.
 */
export type DistrictRow = Selectable<DistrictTable>;

/**
 * A row of `feature_history` as selected.
 */
export type FeatureHistoryRow = Selectable<FeatureHistoryTable>;

/**
 * A row of `features` as selected.
 */
export type FeatureRow = Selectable<FeatureTable>;

/**
 * A row of `idempotency_keys` as selected.
 */
export type IdempotencyKeyRow = Selectable<IdempotencyKeyTable>;

/**
 * A row of `investment_objects` as selected.
 */
export type InvestmentObjectRow = Selectable<InvestmentObjectTable>;

/**
 * A row of `investment_searches` as selected.
 */
export type InvestmentSearchRow = Selectable<InvestmentSearchTable>;

/**
 * A row of `layer_documents` as selected.
 */
export type LayerDocumentRow = Selectable<LayerDocumentTable>;

/**
 * A row of `layer_upload_features` as selected.
 */
export type LayerUploadFeatureRow = Selectable<LayerUploadFeatureTable>;

/**
 * A row of `layer_uploads` as selected.
 */
export type LayerUploadRow = Selectable<LayerUploadTable>;

/**
 * A row of `layer_versions` as selected.
 */
export type LayerVersionRow = Selectable<LayerVersionTable>;

/**
 * A row of `layers` as selected.
 */
export type LayerRow = Selectable<LayerTable>;

/**
 * A row of `object_photos` as selected.
 */
export type ObjectPhotoRow = Selectable<ObjectPhotoTable>;

/**
 * A row of `oidc_sign_ins` as selected.
 */
export type OidcSignInRow = Selectable<OidcSignInTable>;

/**
 * A row of `organisations` as selected.
 */
export type OrganisationRow = Selectable<OrganisationTable>;

/**
 * A row of `outbox` as selected.
 */
export type OutboxRow = Selectable<OutboxTable>;

/**
 * A row of `property_documents` as selected.
 */
export type PropertyDocumentRow = Selectable<PropertyDocumentTable>;

/**
 * A row of `property_objects` as selected.
 */
export type PropertyObjectRow = Selectable<PropertyObjectTable>;

/**
 * A row of `rate_limit_hits` as selected.
 */
export type RateLimitHitRow = Selectable<RateLimitHitTable>;

/**
 * A row of `routing_rules` as selected.
 */
export type RoutingRuleRow = Selectable<RoutingRuleTable>;

/**
 * A row of `schema_migrations` as selected.
 */
export type SchemaMigrationRow = Selectable<SchemaMigrationTable>;

/**
 * A row of `search_index` as selected.
 */
export type SearchIndexRow = Selectable<SearchIndexTable>;

/**
 * A row of `search_index_state` as selected.
 */
export type SearchIndexStateRow = Selectable<SearchIndexStateTable>;

/**
 * A row of `security_events` as selected.
 */
export type SecurityEventRow = Selectable<SecurityEventTable>;

/**
 * A row of `sessions` as selected.
 */
export type SessionRow = Selectable<SessionTable>;

/**
 * A row of `street_structures` as selected.
 */
export type StreetStructureRow = Selectable<StreetStructureTable>;

/**
 * A row of `tile_shapes` as selected.
 */
export type TileShapeRow = Selectable<TileShapeTable>;

/**
 * A row of `user_identities` as selected.
 */
export type UserIdentityRow = Selectable<UserIdentityTable>;

/**
 * A row of `user_roles` as selected.
 */
export type UserRoleRow = Selectable<UserRoleTable>;

/**
 * A row of `users` as selected.
 */
export type UserRow = Selectable<UserTable>;

/**
 * A row of `work_photos` as selected.
 */
export type WorkPhotoRow = Selectable<WorkPhotoTable>;

/**
 * A row of `works` as selected.
 */
export type WorkRow = Selectable<WorkTable>;
