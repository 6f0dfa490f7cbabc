/** Where the sign-in page finds the provider's own sign-out address after Baton's sign-out (this tab only). */
export const PROVIDER_SIGN_OUT = 'baton.providerSignOut';
