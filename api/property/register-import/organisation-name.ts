/**
 * Whether a name in a property register is an organisation's or a private person's. A person's
 * name is never stored (the privacy rule of the register), so anything that does not show the
 * marks of an organisation counts as a person.
 */

/** Individual entrepreneurs are persons in law, whatever follows the mark. */
const PERSON_MARK = /(?<![\p{L}\p{N}])(?:фоп|фо-п|спд|фізособа|фіз\. ?особа|фізична особа)(?![\p{L}\p{N}])/iu

/**
 * Legal forms as registers write them (ТОВ, ПрАТ, КНП…): matched in their own letter case only,
 * so that a short word of a person's name is never taken for one.
 */
const LEGAL_FORM =
  /(?<![\p{L}\p{N}])(?:ТОВ|ТзОВ|ТЗОВ|ПП|ПАТ|ПрАТ|ПРАТ|АТ|ВАТ|ЗАТ|ТДВ|КП|КНП|КЗ|КУ|КО|ДП|ДУ|ДКП|ГО|БО|ОСББ|ЖБК|ОК|ФГ|СФГ|ДНЗ|ЗДО|ЗОШ|ЗЗСО|НВК|ЦНАП|LLC|Ltd|LTD|Inc|JSC|PJSC|PrJSC|GmbH|NGO)(?![\p{L}\p{N}])/u

/** Stems of the words organisations name themselves with. */
const STEMS = [
  'товариств', 'підприємств', 'управлінн', 'департамент', 'заклад', 'установ', 'організаці', 'обєднанн', 'фонд',
  'банк', 'університет', 'академі', 'інститут', 'коледж', 'ліце', 'гімназі', 'школ', 'лікарн', 'поліклінік', 'центр',
  'служб', 'інспекці', 'комітет', 'відділ', 'агентств', 'асоціаці', 'спілк', 'кооператив', 'господарств', 'корпораці',
  'компані', 'театр', 'музе', 'бібліотек', 'парафі', 'церкв', 'міністерств', 'адміністраці', 'прокуратур', 'громад',
  'рад', 'суд', 'палац', 'лабораторі', 'редакці', 'держав',
  'company', 'corporation', 'foundation', 'bank', 'university', 'association', 'department', 'agency', 'council',
  'ministry', 'school', 'hospital', 'institute', 'college', 'museum', 'theatre',
]
/**
 * A stem counts only with a case ending of its own, never as the start of a longer word:
 * «Радченко», «Фондюк» and «Банкович» are surnames, «рада», «фонду» and «банк» are not.
 */
const ENDINGS = ['', 'а', 'и', 'і', 'у', 'ю', 'я', 'е', 'є', 'о', 'й', 'ї', 'ою', 'ею', 'єю', 'ом', 'ем', 'ів', 'ам', 'ах', 'ями', 'ами', 'ям', 'ях', 'ий', 'ої', 'ого', 'ій', 's']
const ORGANISATION_WORD = new RegExp(`(?<![\\p{L}\\p{N}])(?:${STEMS.join('|')})(?:${ENDINGS.join('|')})(?![\\p{L}\\p{N}])`, 'iu')

/** A name in quotes, as organisations' own names are written: «Сонечко», "Світанок", „Ромашка“. */
const QUOTED = /«([^«»]*)»|"([^"]*)"|„([^„“”]*)[“”]|“([^“”]*)”/gu

/** A person's full name: two or three capitalised words with a patronymic, or a surname with initials. */
const PATRONYMIC = /(?:ович|евич|йович|івна|ївна|овна|евна|ична)$/u
const INITIAL = /^\p{Lu}\.$/u

function looksLikePersonName(text: string): boolean {
  const words = text.replace(/\./g, '. ').split(/\s+/).filter(Boolean)
  if (words.length < 2 || words.length > 4) return false
  const capitalised = words.every((word) => /^\p{Lu}/u.test(word))
  return capitalised && words.some((word) => PATRONYMIC.test(word.toLowerCase()) || INITIAL.test(word))
}

/**
 * A person named outside any quotes: a first name and a patronymic ("… Петро Петрович"), as in
 * "ТОВ «Ромашка», директор Іваненко Петро Петрович". Names of the form "імені …" honour a
 * person and do not count.
 */
const NAMED_PERSON = /(?<!\p{L})\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+(?:ович|евич|йович|івна|ївна)(?!\p{L})/u
const IN_HONOUR = /(?<!\p{L})(?:імені|ім\.)/iu

function namesPerson(text: string): boolean {
  const unquoted = text.replace(QUOTED, ' ')
  return NAMED_PERSON.test(unquoted) && !IN_HONOUR.test(unquoted)
}

/**
 * A quoted name that is a person's full name: an enterprise named after its owner («ПП "Когут
 * Руслана Іванівна"») names the person, so it is not published either.
 */
function quotesPersonName(text: string): boolean {
  for (const match of text.matchAll(QUOTED)) {
    if (looksLikePersonName((match[1] ?? match[2] ?? match[3] ?? match[4] ?? '').trim())) return true
  }
  return false
}

function hasQuotedName(text: string): boolean {
  for (const match of text.matchAll(QUOTED)) {
    const inner = (match[1] ?? match[2] ?? match[3] ?? match[4] ?? '').trim()
    if (/\p{L}/u.test(inner) && !looksLikePersonName(inner)) return true
  }
  return false
}

/**
 * True when `name` is an organisation's: it carries a legal form (ТОВ, ПП, ПАТ, ПрАТ, АТ, КП,
 * КНП, ДП, ГО, БО, ОСББ…), a word organisations name themselves with ("товариство",
 * "управління", "рада", "фонд", "університет"…, in any case ending), or a name in quotes
 * («…», "…"); and is not marked as an individual's ("ФОП", "фізична особа", "СПД") nor names
 * a person, outside quotes ("…, директор Іваненко Петро Петрович") or as its quoted name
 * ("ПП «Іваненко Петро Петрович»"). False
 * for anything else, a bare "Іваненко Петро Петрович" included: when in doubt, a person.
 * Invisible characters and apostrophe variants are ignored.
 * @example isOrganisationName('ТОВ «Ромашка»') // true
 * @example isOrganisationName('ФОП Іваненко П. П.') // false
 */
export function isOrganisationName(name: string): boolean {
  const text = name
    .normalize('NFC')
    .replace(/\p{Cf}/gu, '')
    .replace(/['’ʼ`]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
  if (!/\p{L}/u.test(text)) return false
  if (PERSON_MARK.test(text) || namesPerson(text) || quotesPersonName(text)) return false
  return LEGAL_FORM.test(text) || ORGANISATION_WORD.test(text) || hasQuotedName(text)
}
