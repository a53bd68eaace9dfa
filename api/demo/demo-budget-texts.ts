/**
 * The texts of the synthetic participatory-budget proposals of the demo: made up, and marked
 * synthetic wherever they appear.
 */

/** A synthetic proposal: what it is, what it costs, and how the demo review judged it. */
export interface DemoProposalText {
  title: string
  description: string
  category: 'public-space' | 'sport' | 'education' | 'culture' | 'health' | 'environment' | 'transport' | 'safety' | 'accessibility' | 'energy' | 'social'
  items: Array<[string, number]>
  /** Drawn as an area of about this side in metres; a point when absent. */
  areaSide?: number
  /** The demo review: null feasible; a reason when not. */
  notFeasible?: string
}

export const DEMO_PROPOSALS: readonly DemoProposalText[] = [
  { title: 'Сучасний спортивний майданчик біля школи', description: 'Вуличні тренажери, гумове покриття та освітлення для учнів і мешканців кварталу.', category: 'sport', items: [['Тренажери', 420_000], ['Гумове покриття', 310_000], ['Освітлення', 95_000]], areaSide: 40 },
  { title: 'Інклюзивний дитячий майданчик', description: 'Гойдалки та каруселі, доступні дітям на візках, з безбар’єрним входом.', category: 'accessibility', items: [['Обладнання', 640_000], ['Покриття та пандуси', 210_000]], areaSide: 30 },
  { title: 'Укриття-читальня в бібліотеці', description: 'Облаштування підвалу бібліотеки як укриття з читальною залою, вентиляцією та зв’язком.', category: 'safety', items: [['Вентиляція', 380_000], ['Меблі та освітлення', 160_000], ['Зв’язок і резервне живлення', 240_000]] },
  { title: 'Сонячні панелі на поліклініці', description: 'Сонячна електростанція 30 кВт з батареями, щоб поліклініка працювала під час відключень.', category: 'energy', items: [['Панелі та інвертор', 1_100_000], ['Батареї', 650_000], ['Монтаж', 180_000]] },
  { title: 'Сквер із деревами на місці пустиря', description: 'Висадка 60 дерев, доріжки, лавки та полив крапельний.', category: 'environment', items: [['Саджанці', 240_000], ['Доріжки та лавки', 520_000], ['Полив', 130_000]], areaSide: 70 },
  { title: 'Велопарковки біля станцій метро', description: 'Десять накритих велопарковок на 20 місць кожна.', category: 'transport', items: [['Велопарковки', 480_000], ['Монтаж', 60_000]] },
  { title: 'Театральна студія для підлітків', description: 'Обладнання зали, світло та звук для безкоштовних занять підлітків.', category: 'culture', items: [['Світло і звук', 360_000], ['Сцена та завіса', 140_000]] },
  { title: 'Пандуси та поручні в поліклініці', description: 'Пандус на головному вході, поручні та тактильна плитка.', category: 'accessibility', items: [['Пандус', 280_000], ['Поручні та плитка', 90_000]] },
  { title: 'Комп’ютерний клас для людей старшого віку', description: 'Десять комп’ютерів і курси цифрової грамотності в центрі соціальних служб.', category: 'social', items: [['Комп’ютери', 350_000], ['Меблі', 70_000], ['Заняття на рік', 60_000]] },
  { title: 'Безпечний перехід біля садочка', description: 'Острівець безпеки, світлофор з кнопкою та освітлення переходу.', category: 'safety', items: [['Світлофор', 390_000], ['Острівець та розмітка', 150_000]] },
  { title: 'Фонтан у дворі житлового комплексу', description: 'Декоративний фонтан у дворі приватного комплексу.', category: 'public-space', items: [['Фонтан', 900_000]], notFeasible: 'Ділянка не належить громаді: двір перебуває у приватній власності.' },
  { title: 'Ремонт даху школи', description: 'Повна заміна покрівлі школи.', category: 'education', items: [['Покрівля', 2_800_000]], notFeasible: 'Капітальний ремонт школи фінансується з бюджету розвитку, не з бюджету участі.' },
]

/** The demo edition in voting: its title. */
export const DEMO_VOTING_TITLE = { uk: 'Громадський бюджет Києва 2027 (демонстраційний, синтетичні дані)', en: 'Kyiv public budget 2027 (demonstration, synthetic data)' }

/** The demo finished edition whose winners are being built: its title. */
export const DEMO_FINISHED_TITLE = { uk: 'Громадський бюджет Києва 2026 (демонстраційний, синтетичні дані)', en: 'Kyiv public budget 2026 (demonstration, synthetic data)' }

/** The milestones the demo gives the winners of the finished edition, in order. */
export const DEMO_MILESTONES: ReadonlyArray<{ title: string; status: 'design' | 'procurement' | 'in_progress' | 'completed'; progress: number }> = [
  { title: 'Проєктно-кошторисну документацію затверджено', status: 'design', progress: 15 },
  { title: 'Закупівлю оголошено в Prozorro', status: 'procurement', progress: 30 },
  { title: 'Договір з підрядником підписано', status: 'in_progress', progress: 50 },
  { title: 'Роботи завершено, об’єкт прийнято', status: 'completed', progress: 100 },
]
