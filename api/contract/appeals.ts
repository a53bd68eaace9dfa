import { z } from 'zod'

/** An appeal's public number: the city's code, the year and a sequence, e.g. `KYIV-2026-000123`. */
export const AppealNumber = z.string().regex(/^[A-Z][A-Z0-9]*-\d{4}-\d{6}$/, 'must be an appeal number like KYIV-2026-000123')
