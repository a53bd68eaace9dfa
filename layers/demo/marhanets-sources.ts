import type { DemoSource, LonLatBox } from './demo-source.ts'
import { demoSource, field } from './define-source.ts'

/**
 * Marhanets and its outskirts. Keeps the city's points and drops the «с. Миколаївка» project,
 * geocoded ~100 km north (48.543 N) in the source.
 */
const MARHANETS_BBOX: LonLatBox = [34.5, 47.58, 34.76, 47.72]

const MARHANETS_LICENCE = 'MIT (dnipro-map repository); public city council data'
const MARHANETS_ATTRIBUTION = 'Marhanets City Council; dnipro-map (Dmitry Udod)'

/** Demo layers of Marhanets, the small-hromada example of the catalogue. */
export const MARHANETS_SOURCES: DemoSource[] = [
  demoSource({
    id: 'marhanets-participatory-budget',
    city: 'marhanets',
    file: 'marhanets/marhanets_participatory_budget_projects.geojson',
    theme: 'development-budget',
    title: { uk: 'Проєкти бюджету участі', en: 'Participatory budget projects' },
    description: {
      uk: 'Проєкти-переможці бюджету участі Марганця з кошторисом і кількістю голосів (дані міської ради, набір dnipro-map, 2019 рік).',
      en: 'Winning participatory budget projects of Marhanets with their budgets and votes (city council data, dnipro-map data set, 2019).',
    },
    geometry: 'point',
    bbox: MARHANETS_BBOX,
    fields: [
      field('name', 'name', 'string', 'Назва проєкту', 'Project'),
      field('project_type', 'type', 'string', 'Напрям', 'Area'),
      field('address', 'address', 'string', 'Адреса', 'Address'),
      // Amounts are text such as "90 000 грн." in the source.
      field('city_budget', 'city_budget', 'string', 'Кошти міського бюджету', 'City budget share'),
      field('own_budget', 'own_budget', 'string', 'Власний внесок', 'Own contribution'),
      field('total_budget', 'total_budget', 'string', 'Загальна вартість', 'Total cost'),
      field('votes', 'votes', 'integer', 'Кількість голосів', 'Votes'),
    ],
    style: {
      color: '#fb8c00',
      radius: 7,
      categoryField: 'project_type',
      categories: [
        { value: 'Спорт', color: '#43a047', label: { uk: 'Спорт', en: 'Sport' } },
        { value: 'Освіта', color: '#1e88e5', label: { uk: 'Освіта', en: 'Education' } },
        { value: 'Енергозбереження', color: '#fb8c00', label: { uk: 'Енергозбереження', en: 'Energy saving' } },
      ],
    },
    minzoom: 10,
    licence: MARHANETS_LICENCE,
    attribution: MARHANETS_ATTRIBUTION,
  }),
  demoSource({
    id: 'marhanets-city-objects',
    city: 'marhanets',
    file: 'marhanets/marhanets_city_objects.geojson',
    theme: 'social',
    title: { uk: 'Міські об’єкти Марганця', en: 'Municipal facilities of Marhanets' },
    description: {
      uk: 'Амбулаторії, дитячі садочки, бібліотеки, тимчасові споруди та проєкти бюджету участі Марганця (дані міської ради, набір dnipro-map, 2019 рік).',
      en: 'Clinics, kindergartens, libraries, temporary structures and participatory budget projects of Marhanets (city council data, dnipro-map data set, 2019).',
    },
    geometry: 'point',
    bbox: MARHANETS_BBOX,
    fields: [
      field('category', 'category', 'string', 'Категорія', 'Category'),
      field('type', 'type', 'string', 'Тип', 'Type'),
      field('name', 'name', 'string', 'Назва', 'Name'),
      field('address', 'address', 'string', 'Адреса', 'Address'),
      field('registry_number', 'registry_number', 'string', 'Запис у реєстрі', 'Registry entry'),
      field('area', 'area', 'string', 'Площа', 'Area'),
      // A kind of goods («Продовольчі товари»), not the operator: kept.
      field('trade', 'business', 'string', 'Вид торгівлі', 'Kind of trade'),
      field('has_contract', 'has_contract', 'boolean', 'Договір укладено', 'Contract signed'),
    ],
    style: {
      color: '#5e35b1',
      radius: 6,
      categoryField: 'category',
      categories: [
        { value: 'Бюджет участі', color: '#fb8c00', label: { uk: 'Бюджет участі', en: 'Participatory budget' } },
        { value: 'Тимчасові споруди', color: '#8d6e63', label: { uk: 'Тимчасові споруди', en: 'Temporary structures' } },
        {
          value: 'Центр первинної медико-санітарної допомоги',
          color: '#e53935',
          label: { uk: 'Первинна медична допомога', en: 'Primary health care' },
        },
        { value: 'Школи та дитячі садочки', color: '#1e88e5', label: { uk: 'Школи та дитячі садочки', en: 'Schools and kindergartens' } },
        {
          value: 'Комунальні позашкільні заклади',
          color: '#8e24aa',
          label: { uk: 'Позашкільні заклади', en: 'Out-of-school institutions' },
        },
      ],
    },
    minzoom: 10,
    licence: MARHANETS_LICENCE,
    attribution: MARHANETS_ATTRIBUTION,
  }),
]
