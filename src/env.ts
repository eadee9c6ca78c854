/** Secrets and optional settings; set with `wrangler secret put` or `.dev.vars`, never in wrangler.toml. */
declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging: Env gains the secrets
  interface Env extends Secrets {}
  // eslint-disable-next-line @typescript-eslint/no-namespace -- the runtime's types declare Env in this namespace
  namespace Cloudflare {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging, as above
    interface Env extends Secrets {}
  }
  interface Secrets {
    ADMIN_TOKEN?: string
    WEBCHAT_SECRET?: string
    TELEGRAM_BOT_TOKEN?: string
    TELEGRAM_WEBHOOK_SECRET?: string
    SLACK_SIGNING_SECRET?: string
    SLACK_BOT_TOKEN?: string
    META_APP_SECRET?: string
    WHATSAPP_VERIFY_TOKEN?: string
    WHATSAPP_TOKEN?: string
    MESSENGER_VERIFY_TOKEN?: string
    MESSENGER_PAGE_TOKEN?: string
    LINE_CHANNEL_SECRET?: string
    LINE_CHANNEL_ACCESS_TOKEN?: string
    WECHAT_TOKEN?: string
    WECHAT_APP_ID?: string
    WECHAT_APP_SECRET?: string
    WECHAT_ENCODING_AES_KEY?: string
    WECOM_TOKEN?: string
    WECOM_CORP_ID?: string
    WECOM_SECRET?: string
    WECOM_ENCODING_AES_KEY?: string
    TWILIO_AUTH_TOKEN?: string
    TWILIO_ACCOUNT_SID?: string
    /** JSON map of engine template id -> approved WhatsApp template `{ name, language }`. */
    WHATSAPP_TEMPLATES?: string
    /** Public URL Twilio posts delivery receipts to (`https://<worker>/webhooks/twilio`). */
    TWILIO_STATUS_CALLBACK_URL?: string
    /** Signs short-lived attachment download links; defaults to a key derived from ADMIN_TOKEN. */
    FILE_URL_SECRET?: string
    /** Days the audit log is kept (default 180). */
    AUDIT_RETENTION_DAYS?: string
    /** Origins allowed to frame the web chat (CSP frame-ancestors), e.g. `https://shop.example`; default this origin. */
    CHAT_FRAME_ANCESTORS?: string
  }
}

/** Hono's environment type for this Worker. */
export interface AppEnv {
  Bindings: Env
  Variables: {
    role: 'admin' | 'agent'
    /** A display name for attribution in conversations (an agent's or a token's name). */
    actor: string
    /** Who, unambiguously: `root` (the ADMIN_TOKEN secret), `token:<id>` or `agent:<account id>`. */
    actorId: string
    /** Set when a console session (not a bearer token) made the request. */
    account?: import('./console/accounts').Account
    session?: import('./console/sessions').Session
  }
}
