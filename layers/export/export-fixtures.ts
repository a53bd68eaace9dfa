/** A layer and its features as the export writers' tests read them: a private field, a formula, a comma and quotes, mixed geometry. */
import type { Layer } from '../catalogue/index.ts'
import type { PublicFeature } from '../index.ts'

export const LAYER: Layer = {
  id: 'kyiv-test-export',
  city_id: 'kyiv',
  theme: 'social',
  title: { uk: 'Тестовий експорт', en: 'Test export' },
  description: { uk: 'Опис', en: 'Description' },
  geometry_type: 'point',
  attributes: [
    { name: 'name', type: 'string', label: { uk: 'Назва', en: 'Name' }, public: true },
    { name: 'seats', type: 'integer', label: { uk: 'Місць', en: 'Seats' }, public: true },
    { name: 'owner_phone', type: 'string', label: { uk: 'Телефон', en: 'Phone' }, public: false },
  ],
  style: { color: '#e53935' },
  minzoom: 0,
  maxzoom: 16,
  licence: 'CC-BY-4.0',
  attribution: 'Київська міська рада',
  synthetic: false,
  is_public: true,
  accepts_appeals: false,
  status: 'approved',
  document_type: null,
  decision_number: null,
  decision_date: null,
  developer: null,
  source: '',
  update_frequency: 'irregular',
  legal_basis: null,
  responsible_role: null,
  organisation_id: null,
  created_by: null,
  review_status: null,
  review_requested_by: null,
  review_requested_at: null,
  revision: 1,
  version: 3,
  feature_count: 3,
  bbox: [30.5, 50.4, 30.6, 50.5],
  tile_attributes: ['name', 'seats'],
  created_at: new Date('2024-01-01T00:00:00Z'),
  updated_at: new Date('2024-01-02T00:00:00Z'),
}

export const FEATURES: PublicFeature[] = [
  { id: 1, properties: { name: 'Школа №1', seats: 300 }, geometry: { type: 'Point', coordinates: [30.5234, 50.4501] } },
  { id: 2, properties: { name: '=cmd|\' /C calc\'!A0' }, geometry: { type: 'Point', coordinates: [30.53, 50.46] } },
  {
    id: 3,
    properties: { name: 'Сквер, "Перемога"', seats: 0 },
    geometry: { type: 'Polygon', coordinates: [[[30.5, 50.4], [30.6, 50.4], [30.6, 50.5], [30.5, 50.4]]] },
  },
]

export async function* listOf<T>(items: T[]): AsyncGenerator<T> {
  yield* items
}

export async function joined(chunks: AsyncIterable<string>): Promise<string> {
  let text = ''
  for await (const chunk of chunks) text += chunk
  return text
}
