import type { AdapterContract } from '../../src/channels/contract'
import type { WebhookRequest } from '../../src/channels/types'
import { webhookRequest } from '../../test/support/adapters'
import { metaSigned } from '../../test/support/signatures'
import error100 from './fixtures/error-100-param.json'
import error130429 from './fixtures/error-130429-throughput.json'
import error2 from './fixtures/error-2-transient.json'
import sendOk from './fixtures/send-ok.json'
import textMessage from './fixtures/text-message.json'

const body = JSON.stringify(textMessage)
const request = async (appSecret: string, now: number): Promise<WebhookRequest> =>
  webhookRequest(
    'whatsapp',
    body,
    { 'content-type': 'application/json', ...(await metaSigned(appSecret, body)) },
    now
  )

/** WhatsApp's side of the shared adapter contract suite (no timestamps: no stale check). */
export const contract: AdapterContract = {
  channel: 'whatsapp',
  env: {
    META_APP_SECRET: 'contract-app-secret',
    WHATSAPP_VERIFY_TOKEN: 'contract-verify-token',
    WHATSAPP_TOKEN: 'EAAContractToken',
    META_GRAPH_API_BASE: 'https://graph.contract.test',
  },
  signed: (now) => request('contract-app-secret', now),
  wrongSecret: (now) => request('another-app-secret', now),
  keys: [
    'whatsapp:106540352242922:16505551234',
    'whatsapp:107654321098765:4915112345678',
    'whatsapp:106540352242922:group:Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD',
  ],
  sendOk: () => Response.json(sendOk),
  sendErrors: {
    rateLimited: () => Response.json(error130429, { status: 429 }),
    server: () => Response.json(error2, { status: 500 }),
    rejected: () => Response.json(error100, { status: 400 }),
  },
  maxText: 4096,
  bodySigned: true,
  callsPlatform: true,
}
