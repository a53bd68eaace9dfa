/** Search for anything in a city: the header's box, a combobox of suggestions (the search page with its list and map is in `pages.ts`). */
export { HeaderSearch, type HeaderSearchProps } from './HeaderSearch.tsx'
export { InputSearchCombobox, type InputSearchComboboxProps } from './InputSearchCombobox.tsx'
export { cameraForBbox, PLACE_ZOOM, resultHref, searchPageHref } from './result-target.ts'
