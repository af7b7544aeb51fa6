export interface Config {
  port: number;
  host: string;
  nodeEnv: string;
  sessionSecret: string;
  oidc: { issuerUrl: string; clientId: string; clientSecret: string; redirectUri: string };
  notify: { apiKey: string; enquiryReceivedTemplateId: string; enquiryResponseTemplateId: string };
  slaCheckIntervalMs: number;
}

function required(name: string, value: string | undefined): string {
  if (!value) throw new Error(`Missing required environment variable ${name}`);
  return value;
}

export function loadConfig(): Config {
  required('DATABASE_URL', process.env.DATABASE_URL);
  return {
    port: Number(process.env.PORT ?? 3000),
    host: process.env.HOST ?? '0.0.0.0',
    nodeEnv: process.env.NODE_ENV ?? 'development',
    sessionSecret: required('SESSION_SECRET', process.env.SESSION_SECRET),
    oidc: {
      issuerUrl: required('OIDC_ISSUER_URL', process.env.OIDC_ISSUER_URL),
      clientId: required('OIDC_CLIENT_ID', process.env.OIDC_CLIENT_ID),
      clientSecret: required('OIDC_CLIENT_SECRET', process.env.OIDC_CLIENT_SECRET),
      redirectUri: required('OIDC_REDIRECT_URI', process.env.OIDC_REDIRECT_URI),
    },
    notify: {
      apiKey: required('NOTIFY_API_KEY', process.env.NOTIFY_API_KEY),
      enquiryReceivedTemplateId: required('NOTIFY_TEMPLATE_ID_ENQUIRY_RECEIVED', process.env.NOTIFY_TEMPLATE_ID_ENQUIRY_RECEIVED),
      enquiryResponseTemplateId: required('NOTIFY_TEMPLATE_ID_ENQUIRY_RESPONSE', process.env.NOTIFY_TEMPLATE_ID_ENQUIRY_RESPONSE),
    },
    slaCheckIntervalMs: Number(process.env.SLA_CHECK_INTERVAL_MS ?? 15 * 60 * 1000),
  };
}
