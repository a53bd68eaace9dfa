import type { ManagedLayer } from '../../api/contract/index.ts'
import type { LayerUpload } from './planning-api.ts'

/** One attribute of a layer's schema as staff edit it. */
export type ManagedAttribute = ManagedLayer['attributes'][number]

/** Attribute names that usually hold personal data: the server's own list, so the form starts as the server would. */
const PERSONAL = /(^|_)(owner|person|name_?person|phone|tel|email|e_mail|passport|inn|ipn|rnokpp|pib|fio|vlasnyk|власник|піб|фіо|телефон|паспорт|іпн|рнокпп|орендар|tenant)($|_)/i

/** Whether a field's name says it probably holds personal data (then it starts private). */
export function looksPersonal(name: string): boolean {
  return PERSONAL.test(name)
}

/** The attribute schema of a new layer from an upload's fields: labelled by name, public unless they look personal. */
export function attributesOfUpload(fields: LayerUpload['fields']): ManagedAttribute[] {
  return fields.map((field) => ({ name: field.name, type: field.type, label: { uk: field.name, en: field.name }, public: !looksPersonal(field.name) }))
}

/** The geometry family of an upload's geometry types: polygons over lines over points, as a layer holds one. */
export function geometryKindOf(types: readonly string[]): ManagedLayer['geometry_type'] {
  if (types.some((type) => /polygon/i.test(type))) return 'polygon'
  if (types.some((type) => /linestring/i.test(type))) return 'line'
  return 'point'
}
