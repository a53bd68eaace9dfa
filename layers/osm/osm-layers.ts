import { type AttributeField, type LayerDefinition, ODBL, OSM_ATTRIBUTION, publicAttribute, TILE_MAXZOOM } from '../catalogue/index.ts'
import type { BasemapKind, StreetClass } from './osm-tags.ts'

/** The id of a city's basemap layer of one kind: `kyiv-osm-streets`. */
export const osmLayerId = (cityId: string, kind: BasemapKind) => `${cityId}-osm-${kind}`

const NAME = publicAttribute('name', 'string', 'Назва', 'Name', true)
const NAME_EN = publicAttribute('name_en', 'string', 'Назва англійською', 'Name in English')
const KIND = (overview = false) => publicAttribute('kind', 'string', 'Вид', 'Kind', overview)

const STREET_STYLE: Record<StreetClass, { color: string; width: number; uk: string; en: string }> = {
  major: { color: '#f9c77a', width: 9, uk: 'Магістраль', en: 'Motorway or trunk road' },
  primary: { color: '#fcd99f', width: 8, uk: 'Головна вулиця', en: 'Primary road' },
  secondary: { color: '#fde7b8', width: 7, uk: 'Вулиця районного значення', en: 'Secondary road' },
  tertiary: { color: '#ffffff', width: 6, uk: 'Вулиця місцевого значення', en: 'Tertiary road' },
  minor: { color: '#ffffff', width: 5, uk: 'Житлова вулиця', en: 'Residential street' },
  service: { color: '#ffffff', width: 2.5, uk: 'Проїзд', en: 'Service road' },
  path: { color: '#f4efe6', width: 1.5, uk: 'Пішохідна доріжка', en: 'Footway or path' },
}

interface KindDefinition {
  theme: LayerDefinition['theme']
  geometryType: LayerDefinition['geometryType']
  title: LayerDefinition['title']
  attributes: AttributeField[]
  style: LayerDefinition['style']
  minzoom: number
}

const KINDS: Record<BasemapKind, KindDefinition> = {
  streets: {
    theme: 'transport',
    geometryType: 'line',
    title: { uk: 'Вулиці (OpenStreetMap)', en: 'Streets (OpenStreetMap)' },
    attributes: [NAME, NAME_EN, publicAttribute('class', 'string', 'Клас', 'Class', true), publicAttribute('highway', 'string', 'Тип дороги в OpenStreetMap', 'OpenStreetMap highway'), publicAttribute('tunnel', 'string', 'Тунель', 'Tunnel'), publicAttribute('bridge', 'string', 'Міст', 'Bridge')],
    style: {
      color: '#ffffff',
      stroke: '#cfc6b8',
      width: 4,
      label: 'name',
      basemap: true,
      categoryField: 'class',
      categories: Object.entries(STREET_STYLE).map(([value, s]) => ({ value, color: s.color, width: s.width, label: { uk: s.uk, en: s.en } })),
    },
    minzoom: 11,
  },
  buildings: {
    theme: 'buildings',
    geometryType: 'polygon',
    title: { uk: 'Будинки (OpenStreetMap)', en: 'Buildings (OpenStreetMap)' },
    attributes: [NAME, publicAttribute('addr_street', 'string', 'Вулиця', 'Street'), publicAttribute('addr_housenumber', 'string', 'Номер будинку', 'House number', true), publicAttribute('building', 'string', 'Тип будівлі', 'Building type'), publicAttribute('levels', 'integer', 'Поверхів', 'Storeys')],
    style: { color: '#d9d0c3', stroke: '#c4b9a9', opacity: 0.9, width: 0.5, label: 'addr_housenumber', basemap: true },
    minzoom: 15,
  },
  addresses: {
    theme: 'buildings',
    geometryType: 'point',
    title: { uk: 'Адреси (OpenStreetMap)', en: 'Addresses (OpenStreetMap)' },
    attributes: [NAME, publicAttribute('addr_street', 'string', 'Вулиця', 'Street'), publicAttribute('addr_housenumber', 'string', 'Номер будинку', 'House number', true)],
    style: { color: '#6b6358', radius: 0, label: 'addr_housenumber', basemap: true },
    minzoom: 16,
  },
  water: {
    theme: 'environment',
    geometryType: 'polygon',
    title: { uk: 'Водойми (OpenStreetMap)', en: 'Water (OpenStreetMap)' },
    attributes: [NAME, NAME_EN, KIND()],
    style: { color: '#aad3df', stroke: '#aad3df', opacity: 1, width: 0.5, basemap: true },
    minzoom: 0,
  },
  waterways: {
    theme: 'environment',
    geometryType: 'line',
    title: { uk: 'Річки та канали (OpenStreetMap)', en: 'Rivers and canals (OpenStreetMap)' },
    attributes: [NAME, NAME_EN, KIND(true)],
    style: { color: '#aad3df', width: 2, label: 'name', basemap: true },
    minzoom: 10,
  },
  green: {
    theme: 'environment',
    geometryType: 'polygon',
    title: { uk: 'Парки та зелені зони (OpenStreetMap)', en: 'Parks and green areas (OpenStreetMap)' },
    attributes: [NAME, NAME_EN, KIND()],
    style: { color: '#c8e6b0', stroke: '#b5d99c', opacity: 0.8, width: 0.5, basemap: true },
    minzoom: 10,
  },
  railways: {
    theme: 'transport',
    geometryType: 'line',
    title: { uk: 'Залізниці й трамвайні колії (OpenStreetMap)', en: 'Railways and tram tracks (OpenStreetMap)' },
    attributes: [NAME, KIND(true)],
    style: { color: '#9e9689', width: 1.5, basemap: true },
    minzoom: 10,
  },
  places: {
    theme: 'boundaries',
    geometryType: 'point',
    title: { uk: 'Назви місцевостей (OpenStreetMap)', en: 'Place names (OpenStreetMap)' },
    attributes: [NAME, NAME_EN, publicAttribute('place', 'string', 'Вид місцевості', 'Kind of place', true)],
    style: { color: '#1f2328', radius: 0, label: 'name', basemap: true },
    minzoom: 8,
  },
}

/** The definition of a city's basemap layer of one kind, as an OpenStreetMap extract fills it. */
export function osmLayerDefinition(cityId: string, kind: BasemapKind, extractName: string): LayerDefinition {
  const k = KINDS[kind]
  return {
    id: osmLayerId(cityId, kind),
    city: cityId,
    theme: k.theme,
    title: k.title,
    description: {
      uk: `Шар базової мапи з витягу OpenStreetMap «${extractName}», завантаженого в цей сервіс: мапа не звертається до чужих серверів.`,
      en: `A basemap layer from the OpenStreetMap extract "${extractName}", loaded into this service: the map calls no one else's servers.`,
    },
    geometryType: k.geometryType,
    attributes: k.attributes,
    style: k.style,
    minzoom: k.minzoom,
    maxzoom: TILE_MAXZOOM,
    licence: ODBL,
    attribution: OSM_ATTRIBUTION,
  }
}
