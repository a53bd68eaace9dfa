import type { ColumnType, Generated, RawBuilder, Selectable } from 'kysely'

/**
 * A PostGIS geometry: hex EWKB when read raw, written only through SQL expressions (the
 * helpers in `postgis.ts`), never as a string.
 */
export type Geometry = ColumnType<string, RawBuilder<unknown>, RawBuilder<unknown>>

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type Json<T> = ColumnType<T, string, string>

/** Bilingual text as stored in jsonb columns. */
export interface LocalizedJson {
  uk: string
  en: string
}

export interface CityTable {
  id: string
  code: string
  name: Json<LocalizedJson>
  center: Geometry
  zoom: number
  boundary: ColumnType<string | null, never, never>
  boundary_approximate: Generated<boolean>
  created_at: Generated<Date>
}

export interface DistrictTable {
  id: Generated<number>
  city_id: string
  name: string
  geom: Geometry
}

export interface LayerTable {
  id: string
  city_id: string
  theme: string
  title: Json<LocalizedJson>
  description: Json<LocalizedJson>
  geometry_type: 'point' | 'line' | 'polygon'
  attributes: Json<unknown>
  style: Json<unknown>
  minzoom: number
  maxzoom: number
  licence: string
  attribution: string
  synthetic: Generated<boolean>
  is_public: Generated<boolean>
  version: ColumnType<number, never, never>
  feature_count: Generated<number>
  bbox: ColumnType<number[] | null, number[] | null, number[] | null>
  /** Kept by the database: the attributes the layer's tiles carry (migration 009). */
  tile_attributes: ColumnType<string[], never, never>
  created_at: Generated<Date>
  updated_at: Timestamp
}

export interface FeatureTable {
  id: ColumnType<number, never, never>
  layer_id: string
  properties: Json<Record<string, unknown>>
  /** Kept by the database: the keys of `properties` the layer marks public. */
  public_properties: ColumnType<Record<string, unknown>, never, never>
  /** Kept by the database: the keys tiles carry (migration 009). */
  tile_properties: ColumnType<Record<string, unknown>, never, never>
  geom: Geometry
  geom_3857: Geometry
  area_3857: ColumnType<number, never, never>
  label_3857: Geometry
  created_at: Generated<Date>
  updated_at: Timestamp
}

export interface AuditLogTable {
  id: ColumnType<number, never, never>
  at: Generated<Date>
  actor: string
  action: string
  object_type: string
  object_id: string
  changes: Json<unknown>
}

/** Sign-ins, lock-outs, role and password changes (migration 010): append-only, kept 180 days. */
export interface SecurityEventTable {
  id: ColumnType<number, never, never>
  occurred_at: Generated<Date>
  kind: 'sign-in' | 'sign-in-failed' | 'sign-in-limited' | 'role-change' | 'password-reset-requested' | 'password-reset-completed' | 'password-change'
  account_id: number | null
  /** HMAC-SHA-256 of an e-mail that has no account; never the address. */
  email_hash: string | null
  client_address: string | null
  user_agent: string | null
  details: Json<Record<string, unknown>>
}

export interface SchemaMigrationTable {
  name: string
  applied_at: Generated<Date>
}

export interface AppSettingTable {
  key: string
  value: Json<unknown>
  updated_at: Generated<Date>
}

/** The whole database as Kysely sees it. */
export interface DB {
  cities: CityTable
  districts: DistrictTable
  layers: LayerTable
  features: FeatureTable
  audit_log: AuditLogTable
  security_events: SecurityEventTable
  schema_migrations: SchemaMigrationTable
  app_settings: AppSettingTable
}

export type LayerRow = Selectable<LayerTable>
export type CityRow = Selectable<CityTable>
