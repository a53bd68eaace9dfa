import { THEMES, type ThemeId } from '../../api/contract/index.ts'

/** The catalogue's themes in display order: the one list of the API contract. */
export const THEME_ORDER = THEMES

export type { ThemeId }
