/** The engine's version, shown by /healthz and the OpenAPI document. */
export const VERSION = '0.1.0'
