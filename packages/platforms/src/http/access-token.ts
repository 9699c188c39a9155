// The refusal of a platform client built without a token: nothing can be sent, the account must be reconnected.
import { AppError } from '@socialvault/common';

/**
 * Returns `accessToken` when it is a non-empty string.
 * @throws AppError reconnect_required naming `platform` (`X credential has no access token`) otherwise
 */
export function requireAccessToken(platform: string, accessToken: string | undefined): string {
  if (!accessToken) {
    throw new AppError('reconnect_required', `${platform} credential has no access token`, {
      hint: 'Reconnect the account through the OAuth broker.',
    });
  }
  return accessToken;
}
