import * as client from 'openid-client';

export interface OidcSettings {
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

/**
 * Discovers the provider on first use rather than at start-up, so citizens can still
 * submit enquiries while the identity provider is unreachable.
 */
export class OidcProvider {
  private config?: Promise<client.Configuration>;

  constructor(readonly settings: OidcSettings) {}

  configuration(): Promise<client.Configuration> {
    this.config ??= client
      .discovery(new URL(this.settings.issuerUrl), this.settings.clientId, this.settings.clientSecret, undefined, {
        // Plain http is only ever used against a local test or development provider.
        execute: this.settings.issuerUrl.startsWith('http://') ? [client.allowInsecureRequests] : [],
      })
      .catch((error) => {
        this.config = undefined;
        throw error;
      });
    return this.config;
  }
}

export function fromEnv(): OidcProvider {
  return new OidcProvider({
    issuerUrl: process.env.OIDC_ISSUER_URL ?? '',
    clientId: process.env.OIDC_CLIENT_ID ?? '',
    clientSecret: process.env.OIDC_CLIENT_SECRET ?? '',
    redirectUri: process.env.OIDC_REDIRECT_URI ?? '',
  });
}
