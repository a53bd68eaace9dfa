/** The module's pages, each loaded by the app's router only when its path is opened. */
export { AccountPage } from './AccountPage.tsx'
export { ConfirmEmailPage } from './ConfirmEmailPage.tsx'
export { ForgotPasswordPage } from './ForgotPasswordPage.tsx'
export { RegisterPage } from './RegisterPage.tsx'
export { ResetPasswordPage } from './ResetPasswordPage.tsx'
export { SignInPage } from './SignInPage.tsx'
