/**
 * The font stack the server's style names in `text-font`. With no `glyphs` URL in the style,
 * MapLibre draws labels in the browser with the CSS family of this name, which
 * `css/fonts.css` declares on the bundled Noto Sans files.
 */
export const MAP_LABEL_FONT = 'Noto Sans Regular'

/**
 * Loads the label font (its latin and cyrillic files) before the map is created. MapLibre
 * rasterises each glyph once and caches it, so a glyph drawn before the font arrived would stay in
 * the fallback font. Resolves even when a file fails to load, after logging it: the labels then
 * fall back to the system sans-serif rather than keeping the map from showing.
 */
export async function loadMapFonts(): Promise<void> {
  try {
    await document.fonts.load(`400 16px "${MAP_LABEL_FONT}"`, 'Київ Kyiv')
  } catch (error) {
    console.error(`Could not load the map label font "${MAP_LABEL_FONT}":`, error)
  }
}
