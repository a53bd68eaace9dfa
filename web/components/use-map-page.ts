import { useCallback, useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CityListSchema, LayerListSchema, MapStyleSchema, PublicFeatureSchema, type City, type LayerSummary, type Problem } from '../api-client/index.ts'
import { defaultLayerIds } from '../catalogue/index.ts'
import { featurePoint } from '../feature/index.ts'
import type { SelectedFeature } from '../map/index.ts'
import { isSameFeature, type AppealFilter, type AppealView, type Camera, type FeatureRef, type Language, type Pin } from '../url-state/index.ts'
import { type ApiResource, useApiResource, useMapUrlState, type ViewOrigin } from '../hooks/index.ts'
import { isNetworkFailure, useOnline } from '../offline/index.ts'
import type { Geometry } from 'geojson'
import type { StyleSpecification } from 'maplibre-gl'

/** Everything the map page shows, derived from the URL and the API, and the ways to change it. */
export interface MapPage {
  language: Language
  cities: ApiResource<City[]>
  city: City | undefined
  layers: LayerSummary[]
  style: StyleSpecification | undefined
  camera: Camera | undefined
  cameraOrigin: ViewOrigin
  visibleLayerIds: string[]
  selection: FeatureRef | undefined
  /** A place the search found, marked on the map. */
  pin: Pin | undefined
  /** The selected feature's attributes once known (from the click, or looked up in the tiles). */
  selectedFeature: SelectedFeature | undefined
  /** The point a report about the selected feature is filed at, once the API has sent its geometry. */
  selectedPoint: { lon: number; lat: number } | undefined
  problems: Problem[]
  /** The city's appeals layer, when its catalogue has one. */
  appealsLayer: LayerSummary | undefined
  appealFilter: AppealFilter | undefined
  appealView: AppealView
  setAppealFilter(filter: AppealFilter | undefined): void
  setAppealView(view: AppealView): void
  /** Loads the catalogue again, so the map fetches layers whose version changed (a new appeal). */
  refreshCatalogue(): void
  /** Moves the map from the app (not from a pan): the map jumps there. */
  showPlace(camera: Camera, layerId?: string): void
  /** Brings the map to a feature, its layer drawn, and selects it (its panel opens). */
  showFeature(camera: Camera, feature: FeatureRef): void
  selectCity(cityId: string): void
  selectLanguage(language: Language): void
  setLayerVisible(layerId: string, visible: boolean): void
  selectFeature(feature: SelectedFeature | undefined): void
  foundFeature(feature: SelectedFeature): void
  moveCamera(camera: Camera): void
  reportMapError(message: string): void
  dismissMapErrors(): void
}

/**
 * The state of the public map page. The URL is its source of truth (city, camera, layers,
 * selection, language); the API supplies the cities, the city's catalogue and its style. With no
 * city in the URL the first city is shown; with no layers, the city's default layers.
 */
export function useMapPage(): MapPage {
  const { i18n } = useTranslation()
  const url = useMapUrlState()
  const { state } = url
  const language = state.lang ?? 'uk'
  useEffect(() => {
    if (i18n.language !== language) void i18n.changeLanguage(language)
  }, [i18n, language])

  const cities = useApiResource('/api/cities', CityListSchema)
  const cityList = cities.status === 'ready' ? cities.data : []
  const city = cityList.find((candidate) => candidate.id === state.city) ?? cityList[0]
  const [catalogueRevision, setCatalogueRevision] = useState(0)
  const layersResource = useApiResource(city && `/api/layers?city=${encodeURIComponent(city.id)}`, LayerListSchema, catalogueRevision)
  const styleResource = useApiResource(city?.style, MapStyleSchema)
  const layers = useMemo(() => (layersResource.status === 'ready' ? layersResource.data : []), [layersResource])

  const shownLayerIds = state.layers ?? defaultLayerIds(layers, city?.zoom)
  // A layer the search opened the map with is drawn besides the others until the catalogue changes.
  const visibleLayerIds = state.show && !shownLayerIds.includes(state.show) ? [...shownLayerIds, state.show] : shownLayerIds
  const camera = state.camera ?? (city && { zoom: city.zoom, lat: city.center[1], lon: city.center[0] })

  const [clickedFeature, setClickedFeature] = useState<SelectedFeature>()
  // Tiles carry only the fields a layer draws by: the API has the whole record.
  const selection = state.feature
  const featureResource = useApiResource(
    selection && `/api/layers/${encodeURIComponent(selection.layerId)}/features/${encodeURIComponent(String(selection.featureId))}`,
    PublicFeatureSchema,
  )
  const fromTile = isSameFeature(clickedFeature, selection) ? clickedFeature : undefined
  const selectedFeature: SelectedFeature | undefined =
    selection && featureResource.status === 'ready'
      ? { ...selection, properties: featureResource.data.properties }
      : fromTile

  const [mapErrors, setMapErrors] = useState<string[]>([])
  const online = useOnline()
  const problems = [cities, layersResource, styleResource].flatMap((resource) =>
    resource.status === 'failed' ? [resource.problem] : [],
  )
  // MapLibre's own messages (`AJAXError: Failed to fetch (0): http://…`) go to the console;
  // the resident reads one plain line. Offline, the offline notice says it all instead.
  if (mapErrors.length > 0 && online) {
    const unreachable = mapErrors.every(isNetworkFailure)
    problems.push({ title: i18n.t(unreachable ? 'map.unreachable' : 'map.error') })
  }

  const { push, replace } = url
  return {
    language,
    cities,
    city,
    layers,
    style: styleResource.status === 'ready' ? styleResource.data : undefined,
    camera,
    cameraOrigin: url.origin,
    visibleLayerIds,
    selection: state.feature,
    pin: state.pin,
    selectedFeature,
    selectedPoint: selection && featureResource.status === 'ready' ? featurePoint(featureResource.data.geometry as Geometry) : undefined,
    problems,
    appealsLayer: layers.find((layer) => layer.theme === 'appeals'),
    appealFilter: state.appealFilter,
    appealView: state.appealView ?? 'points',
    setAppealFilter: useCallback((filter: AppealFilter | undefined) => replace({ appealFilter: filter }), [replace]),
    setAppealView: useCallback((view: AppealView) => replace({ appealView: view }), [replace]),
    refreshCatalogue: useCallback(() => setCatalogueRevision((revision) => revision + 1), []),
    showFeature: (next: Camera, feature: FeatureRef) => {
      const shown = visibleLayerIds.includes(feature.layerId) ? visibleLayerIds : [...visibleLayerIds, feature.layerId]
      setClickedFeature(undefined)
      replace({ camera: next, layers: shown, feature })
    },
    showPlace: (next: Camera, layerId?: string) => {
      const shown = layerId === undefined || visibleLayerIds.includes(layerId) ? visibleLayerIds : [...visibleLayerIds, layerId]
      replace({ camera: next, layers: shown })
    },
    selectCity: useCallback(
      (cityId: string) => push({ city: cityId, camera: undefined, layers: undefined, feature: undefined, pin: undefined, show: undefined }),
      [push],
    ),
    selectLanguage: useCallback((next: Language) => replace({ lang: next }), [replace]),
    setLayerVisible: (layerId, visible) => {
      const others = visibleLayerIds.filter((id) => id !== layerId)
      replace({ layers: visible ? [...others, layerId] : others, show: undefined })
    },
    selectFeature: useCallback(
      (feature: SelectedFeature | undefined) => {
        setClickedFeature(feature)
        push({ feature: feature && { layerId: feature.layerId, featureId: feature.featureId } })
      },
      [push],
    ),
    foundFeature: setClickedFeature,
    moveCamera: useCallback((next: Camera) => replace({ camera: next }, 'map'), [replace]),
    reportMapError: useCallback(
      (message: string) => setMapErrors((errors) => (errors.includes(message) ? errors : [...errors, message])),
      [],
    ),
    dismissMapErrors: useCallback(() => setMapErrors([]), []),
  }
}
