import type { AdapterContract } from '../../src/channels/contract'
import type { WebhookRequest } from '../../src/channels/types'
import { webhookRequest } from '../../test/support/adapters'
import { metaSigned } from '../../test/support/signatures'
import error100 from './fixtures/error-100-no-user.json'
import error2 from './fixtures/error-2-transient.json'
import error613 from './fixtures/error-613-rate.json'
import sendOk from './fixtures/send-ok.json'
import textMessage from './fixtures/text-message.json'

const body = JSON.stringify(textMessage)
const request = async (appSecret: string, now: number): Promise<WebhookRequest> =>
  webhookRequest(
    'messenger',
    body,
    { 'content-type': 'application/json', ...(await metaSigned(appSecret, body)) },
    now
  )

/** Messenger's side of the shared adapter contract suite (no timestamps: no stale check). */
export const contract: AdapterContract = {
  channel: 'messenger',
  env: {
    META_APP_SECRET: 'contract-app-secret',
    MESSENGER_VERIFY_TOKEN: 'contract-verify-token',
    MESSENGER_PAGE_TOKEN: 'EAAContractPageToken',
    META_GRAPH_API_BASE: 'https://graph.contract.test',
  },
  signed: (now) => request('contract-app-secret', now),
  wrongSecret: (now) => request('another-app-secret', now),
  keys: [
    'messenger:109876543210987:7654321098765432',
    'messenger:108765432109876:6543210987654321',
  ],
  sendOk: () => Response.json(sendOk),
  sendErrors: {
    rateLimited: () => Response.json(error613, { status: 429 }),
    server: () => Response.json(error2, { status: 500 }),
    rejected: () => Response.json(error100, { status: 400 }),
  },
  maxText: 2000,
  bodySigned: true,
  callsPlatform: true,
}
