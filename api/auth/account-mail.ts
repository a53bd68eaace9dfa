import type { Mail } from '../mail/index.ts'

/** The languages of account mail. */
export type MailLocale = 'uk' | 'en'

const SIGNATURE = { uk: '— Громада на мапі', en: '— Hromada Map' }

/** The web page that confirms an address: `<baseUrl>/account/confirm/<token>`. */
export function confirmPageUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/account/confirm/${token}`
}

/** The web page that sets a new password: `<baseUrl>/account/reset/<token>`. */
export function resetPageUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/account/reset/${token}`
}

/** The link that confirms the address of a new account (valid 48 hours). */
export function confirmEmailMail(to: string, locale: MailLocale, url: string): Mail {
  const body =
    locale === 'uk'
      ? `Щоб завершити реєстрацію на «Громаді на мапі», підтвердіть адресу (посилання діє 48 годин):\n${url}\n\nЯкщо ви не реєструвалися, просто проігноруйте цей лист.\n\n${SIGNATURE.uk}\n`
      : `To finish signing up to Hromada Map, confirm your address (the link works for 48 hours):\n${url}\n\nIf you did not sign up, ignore this e-mail.\n\n${SIGNATURE.en}\n`
  return { kind: 'account-confirm', to, subject: locale === 'uk' ? 'Підтвердіть адресу електронної пошти' : 'Confirm your e-mail address', body }
}

/** The link that sets a new password (valid 1 hour). */
export function resetPasswordMail(to: string, locale: MailLocale, url: string): Mail {
  const body =
    locale === 'uk'
      ? `Щоб задати новий пароль, перейдіть за посиланням (воно діє 1 годину і лише раз):\n${url}\n\nЯкщо ви не просили змінити пароль, проігноруйте цей лист: пароль лишиться тим самим.\n\n${SIGNATURE.uk}\n`
      : `To set a new password, follow this link (it works once, for 1 hour):\n${url}\n\nIf you did not ask for this, ignore this e-mail: your password stays as it is.\n\n${SIGNATURE.en}\n`
  return { kind: 'account-reset', to, subject: locale === 'uk' ? 'Новий пароль' : 'Set a new password', body }
}

/**
 * Sent instead of a confirmation when someone signs up with an address that already has an
 * account: the owner learns of it, and the sign-up page says the same thing either way.
 */
export function alreadyRegisteredMail(to: string, locale: MailLocale, forgotUrl: string): Mail {
  const body =
    locale === 'uk'
      ? `Хтось намагався зареєструватися на «Громаді на мапі» з вашою адресою, але обліковий запис із нею вже є.\n\nЯкщо це були ви і не пам’ятаєте пароль, задайте новий:\n${forgotUrl}\n\nЯкщо ні, нічого робити не треба.\n\n${SIGNATURE.uk}\n`
      : `Someone tried to sign up to Hromada Map with your address, but it already has an account.\n\nIf it was you and you forgot the password, set a new one:\n${forgotUrl}\n\nIf not, there is nothing to do.\n\n${SIGNATURE.en}\n`
  return { kind: 'account-exists', to, subject: locale === 'uk' ? 'Спроба реєстрації з вашою адресою' : 'Someone tried to sign up with your address', body }
}
