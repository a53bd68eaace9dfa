/**
 * The demo catalogue: four cities and the layers built from the real data vendored in
 * `layers/demo/data/` (sources and licences in `data/SOURCES.md`).
 */
import type { DemoCity, DemoSource } from './demo-source.ts'
import { KHARKIV_SOURCES } from './kharkiv-sources.ts'
import { KYIV_SOURCES } from './kyiv-sources.ts'
import { MARHANETS_SOURCES } from './marhanets-sources.ts'
import { ZHYTOMYR_SOURCES } from './zhytomyr-sources.ts'

/** Folder holding the vendored files; `DemoSource.file` is relative to it. */
export const DEMO_DATA_DIR = new URL('./data/', import.meta.url)

/** The cities of the demo catalogue, with how each one's boundary and districts are found. */
export const DEMO_CITIES: DemoCity[] = [
  {
    slug: 'kyiv',
    name: { uk: 'Київ', en: 'Kyiv' },
    code: 'KYIV',
    center: [30.5234, 50.4501],
    zoom: 11,
    boundary: { kind: 'layer', layer: 'kyiv-city-boundary' },
    districts: { layer: 'kyiv-districts', nameField: 'name' },
  },
  {
    slug: 'kharkiv',
    name: { uk: 'Харків', en: 'Kharkiv' },
    code: 'KHARKIV',
    center: [36.2304, 49.9935],
    zoom: 11,
    // No city-boundary file: the nine districts tile the city.
    boundary: { kind: 'union', layer: 'kharkiv-districts' },
    districts: { layer: 'kharkiv-districts', nameField: 'name' },
  },
  {
    slug: 'zhytomyr',
    name: { uk: 'Житомир', en: 'Zhytomyr' },
    code: 'ZHYTOMYR',
    center: [28.6587, 50.2547],
    zoom: 12,
    boundary: { kind: 'layer', layer: 'zhytomyr-city-boundary' },
    districts: { layer: 'zhytomyr-city-districts', nameField: 'name' },
  },
  {
    slug: 'marhanets',
    name: { uk: 'Марганець', en: 'Marhanets' },
    code: 'MARHANETS',
    center: [34.63, 47.645],
    zoom: 13,
    // No polygon data at all: the facilities' hull, widened to cover the town around them.
    boundary: { kind: 'hull', layer: 'marhanets-city-objects', bufferMeters: 1500 },
  },
]

/** Every demo layer, one entry per layer; a file may feed more than one layer. */
export const DEMO_SOURCES: DemoSource[] = [
  ...KYIV_SOURCES,
  ...KHARKIV_SOURCES,
  ...ZHYTOMYR_SOURCES,
  ...MARHANETS_SOURCES,
]
