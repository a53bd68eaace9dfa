/** The demo catalogue: four cities' sources, the manifest and the loader. */
export type { DemoCity, DemoSource } from './demo-source.ts'
export { DEPUTY_PROPERTIES, ELECTORAL_DISTRICTS_DEFINITION, ELECTORAL_DISTRICTS_LAYER, ensureElectoralDistricts } from './electoral-districts.ts'
export { DEMO_CITIES, DEMO_DATA_DIR, DEMO_SOURCES } from './manifest.ts'
export { demoDataState, type DemoDataState, isEmptyDatabase } from './demo.queries.ts'
export { seedDemoData } from './seed-demo.ts'
