/**
 * What the demo consultation says: its title and description, and the synthetic residents'
 * comments with the planner's answers. Made up for the demo; no real person wrote them.
 */
import type { AnswerOutcome } from '../contract/index.ts'

/** The consultation's title, marked synthetic in both languages. */
export const DEMO_CONSULTATION_TITLE = {
  uk: 'Синтетичний приклад: обговорення детального плану території центру Києва',
  en: 'Synthetic example: consultation on a detailed plan of central Kyiv',
}

/** The consultation's description, marked synthetic in both languages. */
export const DEMO_CONSULTATION_DESCRIPTION = {
  uk:
    'Синтетичний приклад громадського обговорення для демонстрації: план, коментарі мешканців і відповіді містобудівника вигадані. ' +
    'Залиште коментар на мапі — на ділянці плану або в точці в межах його території; відповідь буде опублікована тут і в протоколі.',
  en:
    "A synthetic example of a public consultation, for the demo: the plan, the residents' comments and the planner's answers are made up. " +
    "Comment on the map, on a parcel of the plan or at a point within its area; the answer is published here and in the protocol.",
}

/** One synthetic comment: where it is pinned, when it came, and the planner's answer, if any yet. */
export interface DemoComment {
  /** On a feature of this zone, or at a point beside one. */
  zone: string
  on: 'feature' | 'point'
  /** Days after the consultation opened. */
  day: number
  text: string
  answer?: { outcome: AnswerOutcome; text: string; afterDays: number }
}

/** The comments in the order they came (their receipt numbers follow it); the last two are not answered yet. */
export const DEMO_COMMENTS: readonly DemoComment[] = [
  {
    zone: 'Р-3 рекреаційна',
    on: 'feature',
    day: 0.4,
    text: 'Прошу зберегти сквер на цій ділянці зеленим. Це єдине місце в кварталі, де можна погуляти з дітьми й посидіти в тіні, будь-яка забудова тут неприпустима.',
    answer: { outcome: 'accepted', afterDays: 2.1, text: 'Враховано. Ділянку залишено в рекреаційній зоні Р-3; будівництво на ній планом не передбачено, дозволено лише благоустрій.' },
  },
  {
    zone: 'Ж-2 житлова',
    on: 'feature',
    day: 0.9,
    text: 'Зона Ж-2 тут дозволяє надто щільну забудову. Вулиці вже перевантажені, у дворах немає де паркуватися, а нові висотки затулять світло сусіднім будинкам.',
    answer: { outcome: 'partly', afterDays: 2.6, text: 'Враховано частково: граничну висоту в цьому кварталі зменшено з 27 до 21 м. Щільність забудови залишено, бо квартал розташований біля станції метро.' },
  },
  {
    zone: 'Г-1 громадська',
    on: 'point',
    day: 1.5,
    text: 'У цьому районі бракує школи: діти щодня їздять за кілька зупинок, а наявна школа переповнена. Просимо передбачити ділянку під новий заклад освіти.',
    answer: { outcome: 'accepted', afterDays: 3.0, text: 'Враховано. Сусідню ділянку в громадській зоні Г-1 призначено для закладу загальної середньої освіти на 600 місць.' },
  },
  {
    zone: 'В-1 виробнича',
    on: 'feature',
    day: 2.2,
    text: 'Виробнича зона впритул до житлових будинків — це шум і вантажівки вночі. Пропоную змінити призначення ділянки на громадське або рекреаційне.',
    answer: {
      outcome: 'rejected',
      afterDays: 2.4,
      text: 'Не враховано: на ділянці працює чинне підприємство, зміна зони без його згоди неможлива. Натомість план встановлює санітарно-захисну смугу з озелененням уздовж житлової забудови.',
    },
  },
  {
    zone: 'Ж-2 житлова',
    on: 'point',
    day: 3.1,
    text: 'Потрібна велодоріжка і безпечний пішохідний перехід на вулиці, що веде до скверу. Зараз дітям доводиться перебігати дорогу між машинами.',
    answer: {
      outcome: 'partly',
      afterDays: 1.8,
      text: 'Враховано частково: велодоріжку внесено до схеми вулиць плану. Облаштування переходу не є предметом детального плану; пропозицію передано до департаменту транспорту.',
    },
  },
  {
    zone: 'Г-1 громадська',
    on: 'feature',
    day: 3.8,
    text: 'Підтримую громадську зону на цій ділянці. Тут варто розмістити амбулаторію сімейної медицини та центр надання адміністративних послуг.',
    answer: { outcome: 'accepted', afterDays: 1.2, text: 'Враховано: у зоні Г-1 на цій ділянці дозволено розміщення закладу охорони здоровʼя та ЦНАП.' },
  },
  {
    zone: 'Р-3 рекреаційна',
    on: 'point',
    day: 4.6,
    text: 'Просимо не вирубувати старі каштани вздовж вулиці під час реконструкції та висадити нові дерева замість усохлих.',
    answer: { outcome: 'accepted', afterDays: 2.0, text: 'Враховано: дерева внесено до переліку зелених насаджень, що зберігаються, а план передбачає компенсаційну висадку.' },
  },
  {
    zone: 'Ж-2 житлова',
    on: 'feature',
    day: 5.3,
    text: 'Новий житловий квартал без дитячого садка. Садки в районі вже переповнені, черга на роки.',
    answer: {
      outcome: 'rejected',
      afterDays: 2.5,
      text: 'Не враховано: дитячий садок на 120 місць передбачено на ділянці в громадській зоні за 300 м від кварталу, що відповідає нормативному радіусу обслуговування за ДБН Б.2.2-12:2019.',
    },
  },
  {
    zone: 'Р-3 рекреаційна',
    on: 'point',
    day: 7.2,
    text: 'Біля скверу варто облаштувати громадську вбиральню та питні фонтанчики — влітку тут багато людей.',
  },
  {
    zone: 'Р-3 рекреаційна',
    on: 'feature',
    day: 8.6,
    text: 'Чи збережеться спортивний майданчик на цій ділянці? У матеріалах плану про нього нічого не сказано.',
  },
]
