/** Property and investment: the communal property register and the investment map, each a list beside a map, and their objects' pages. */
// What the works calendar shares with this section: the list beside a map, the view in the URL, the drawn area and the formats.
export { AreaSearch } from './AreaSearch.tsx'
export { FieldChoice, FieldChoices } from './FilterFields.tsx'
export { SectionNav } from './ListTools.tsx'
export { areaPolygon, type LonLat } from './drawn-area.ts'
export { listApiUrl, objectHref, sectionHref, type FilterValues, type ListViewSpec } from './list-view.ts'
export { ObjectFacts, ObjectShapeMap, joinList, type Fact } from './ObjectFacts.tsx'
export { ObjectFiles, ObjectFileUpload } from './ObjectFiles.tsx'
export { ObjectList, type ObjectRow } from './ObjectList.tsx'
export { ObjectMap } from './ObjectMap.tsx'
export { type Box } from './object-geometry.ts'
export { formatDate, formatHryvnias } from './property-format.ts'
export { useSectionBasics, useSectionLanguage, useUrlLanguage } from './use-list-view.ts'
