/** Residents' and staff accounts: sign-in, registration, password reset, the account page and the header's account link. */
export { AccountLink } from './AccountLink.tsx'
export { AccountPage } from './AccountPage.tsx'
export { ConfirmEmailPage } from './ConfirmEmailPage.tsx'
export { ForgotPasswordPage } from './ForgotPasswordPage.tsx'
export { RegisterPage } from './RegisterPage.tsx'
export { ResetPasswordPage } from './ResetPasswordPage.tsx'
export { SignInPage } from './SignInPage.tsx'
