/** Set at sign-in, read once by the programme picker: land a member of one programme on their role's page. */
export const JUST_SIGNED_IN = 'baton.justSignedIn';

export const justSignedIn = (): boolean => sessionStorage.getItem(JUST_SIGNED_IN) === '1';

/** Clears the mark, so "All programmes" later shows the picker. */
export const clearJustSignedIn = (): void => sessionStorage.removeItem(JUST_SIGNED_IN);
