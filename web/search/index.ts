/** Search for anything in a city: the header's box (a combobox of suggestions) and the search page with its list and map. */
export { HeaderSearch, type HeaderSearchProps } from './HeaderSearch.tsx'
export { InputSearchCombobox, type InputSearchComboboxProps } from './InputSearchCombobox.tsx'
export { cameraForBbox, PLACE_ZOOM, resultHref, searchPageHref } from './result-target.ts'
export { SearchPage } from './SearchPage.tsx'
