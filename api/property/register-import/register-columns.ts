/**
 * The columns of a CMU No 835 register as cities name them. Headers differ from city to city and
 * year to year ("Площа, кв.м", "Площа (кв. м)", "Загальна площа, м²"), so each field has a list of
 * aliases, in Ukrainian and English, compared after folding case, punctuation and spaces.
 */

/** The fields a register line can carry. */
export type RegisterField =
  | 'edrpou' | 'holderName' | 'inventoryNumber' | 'registerId' | 'kind' | 'name' | 'address' | 'cadastralNumber'
  | 'purposeCode' | 'purpose' | 'areaM2' | 'areaHa' | 'normativeValue' | 'nk018Class' | 'rightsRegistration'
  | 'condition' | 'owner' | 'user' | 'lessee' | 'status' | 'leasedFrom' | 'leasedUntil' | 'auctionLotId' | 'utilities'

/** Each field's known headers. */
export const COLUMN_ALIASES: Record<RegisterField, readonly string[]> = {
  edrpou: ['ЄДРПОУ балансоутримувача', 'Код ЄДРПОУ балансоутримувача', 'Код за ЄДРПОУ балансоутримувача', 'ЄДРПОУ', 'Код ЄДРПОУ', 'Код за ЄДРПОУ', 'balance holder edrpou', 'balance_holder_edrpou', 'edrpou'],
  holderName: ['Найменування балансоутримувача', 'Назва балансоутримувача', 'Балансоутримувач', 'balance holder', 'balance holder name', 'balance_holder_name'],
  inventoryNumber: ['Інвентарний номер', 'Інвентарний №', 'Інв. номер', 'Інв. №', 'inventory number', 'inventory_number'],
  registerId: ['Реєстровий номер', 'Реєстровий номер об\'єкта', 'register id', 'register_id'],
  kind: ['Тип об\'єкта', 'Вид об\'єкта', 'Тип майна', 'Вид майна', 'kind', 'object type'],
  name: ['Найменування об\'єкта', 'Назва об\'єкта', 'Найменування об\'єкта нерухомого майна', 'Найменування', 'Назва', 'Об\'єкт', 'name', 'object name'],
  address: ['Адреса', 'Адреса об\'єкта', 'Місцезнаходження', 'Місцезнаходження об\'єкта', 'Місце розташування', 'Розташування', 'address', 'location'],
  cadastralNumber: ['Кадастровий номер', 'Кадастровий номер земельної ділянки', 'Кадастровий №', 'cadnum', 'cadastral number', 'cadastral_number'],
  purposeCode: ['Код КВЦПЗ', 'КВЦПЗ', 'Код цільового призначення', 'Код КВЦПЗ земельної ділянки', 'purpose code', 'purpose_code', 'kvcpz'],
  purpose: ['Цільове призначення', 'Цільове призначення земельної ділянки', 'Призначення', 'Вид використання', 'Вид використання земельної ділянки', 'purpose', 'use'],
  areaM2: ['Площа, кв.м', 'Площа, кв. м', 'Площа (кв.м)', 'Площа, м2', 'Площа, м²', 'Загальна площа, кв.м', 'Загальна площа, м2', 'Загальна площа', 'Площа', 'area m2', 'area_m2', 'area, m2', 'area'],
  areaHa: ['Площа, га', 'Площа (га)', 'Площа земельної ділянки, га', 'area ha', 'area_ha', 'area, ha'],
  normativeValue: ['Нормативна грошова оцінка, грн', 'Нормативна грошова оцінка', 'НГО, грн', 'НГО', 'normative value', 'normative_value'],
  nk018Class: ['Клас НК 018', 'Клас за НК 018', 'Код НК 018', 'Класифікація НК 018', 'НК 018', 'НК 018-2023', 'nk018', 'nk 018 class', 'nk018_class'],
  rightsRegistration: ['Реєстрація права', 'Реєстрація права власності', 'Державна реєстрація права', 'Державна реєстрація права власності', 'Номер запису про право власності', 'rights registration', 'rights_registration'],
  condition: ['Технічний стан', 'Технічний стан об\'єкта', 'condition'],
  owner: ['Власник', 'Найменування власника', 'Орган управління', 'owner', 'owner name'],
  user: ['Користувач', 'Найменування користувача', 'user', 'user name'],
  lessee: ['Орендар', 'Найменування орендаря', 'lessee', 'lessee name'],
  status: ['Стан (оренда)', 'Стан оренди', 'Статус оренди', 'Стан використання', 'Статус', 'Стан', 'lease status', 'status'],
  leasedFrom: ['Дата договору оренди', 'Дата укладення договору оренди', 'Оренда з', 'leased from', 'lease start'],
  leasedUntil: ['Дата закінчення договору оренди', 'Строк дії договору оренди до', 'Оренда до', 'Термін оренди до', 'leased until', 'lease end'],
  auctionLotId: ['Ідентифікатор лоту', 'Номер лоту', 'Лот ProZorro.Sales', 'Ідентифікатор аукціону', 'auction lot id', 'auction_lot_id', 'lot id'],
  utilities: ['Комунікації', 'Інженерні мережі', 'Наявність комунікацій', 'utilities'],
}

/**
 * A header in the form the aliases are compared in: lower case, `²` as `2`, apostrophes dropped,
 * every run of punctuation and spaces one space. `Площа, кв.м` and `площа (кв. м)` both fold to
 * `площа кв м`.
 */
export function foldHeader(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['’ʼ`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

const FIELD_BY_ALIAS = new Map<string, RegisterField>(
  (Object.entries(COLUMN_ALIASES) as Array<[RegisterField, readonly string[]]>).flatMap(([field, aliases]) => aliases.map((alias) => [foldHeader(alias), field] as const)),
)

/** Where each recognised field is in a file's header, and what was not recognised. */
export interface ColumnMap {
  /** Column index of each recognised field (the first column when a field appears twice). */
  columns: Partial<Record<RegisterField, number>>
  /** Headers that name no known field, as the file writes them. */
  unknown: string[]
  /** Headers of a field already taken by an earlier column. */
  duplicates: string[]
}

/** Matches a header row against the aliases; blank header cells are ignored. */
export function mapColumns(header: readonly string[]): ColumnMap {
  const map: ColumnMap = { columns: {}, unknown: [], duplicates: [] }
  header.forEach((text, index) => {
    const folded = foldHeader(text)
    if (folded === '') return
    const field = FIELD_BY_ALIAS.get(folded)
    if (!field) map.unknown.push(text.trim())
    else if (map.columns[field] !== undefined) map.duplicates.push(text.trim())
    else map.columns[field] = index
  })
  return map
}
