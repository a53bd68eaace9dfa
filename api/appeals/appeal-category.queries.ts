import type { Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'
import type { AppealCategory, CategoryQuestion } from './appeal-categories.ts'

function activeCategories(db: Kysely<DB>) {
  return db
    .selectFrom('appeal_categories')
    .select(['id', 'group_id as group', 'name', 'term_days as termDays', 'duplicate_radius_m as duplicateRadiusM', 'responsibility', 'questions'])
    // The catalogue migration writes the questions; category administration checks them.
    .$narrowType<{ questions: CategoryQuestion[] }>()
    .where('active', '=', true)
}

/** The active categories, in catalogue order. */
export async function listCategories(db: Kysely<DB>): Promise<AppealCategory[]> {
  return activeCategories(db).orderBy('sort').orderBy('id').execute()
}

/** An active category by its id; undefined when there is none (or it is retired). */
export async function findCategory(db: Kysely<DB>, id: string): Promise<AppealCategory | undefined> {
  return activeCategories(db).where('id', '=', id).executeTakeFirst()
}
