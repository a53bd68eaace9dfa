import { z } from 'zod'

/** A layer or city slug: lowercase words joined by hyphens. */
export const Slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a slug like kyiv-land-parcels').max(100)

export const LayerParams = z.object({ id: Slug })

export const FeatureParams = z.object({
  id: Slug,
  featureId: z.coerce.number().int('must be a feature id').min(1).max(Number.MAX_SAFE_INTEGER),
})

export const LayerListQuery = z.object({ city: Slug.optional() })

/** `bbox=w,s,e,n` in degrees, with w < e and s < n. */
export const Bbox = z
  .string()
  .transform((s) => s.split(',').map((p) => (p.trim() === '' ? Number.NaN : Number(p))))
  .pipe(
    z
      .array(z.number().finite('must be numbers'))
      .length(4, 'must have four numbers: west,south,east,north')
      .refine(([w, s, e, n]) => Math.abs(w!) <= 180 && Math.abs(e!) <= 180 && Math.abs(s!) <= 90 && Math.abs(n!) <= 90, 'out of range: longitude ±180, latitude ±90')
      .refine(([w, s, e, n]) => w! < e! && s! < n!, 'west must be less than east and south less than north'),
  )
  .transform((b) => b as [number, number, number, number])

export const FeatureListQuery = z.object({
  bbox: Bbox.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
})
