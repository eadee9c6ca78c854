import { describeContract } from '../wxcrypto/contract-suite'
import { contract } from './contract'
import { wecom } from './index'

describeContract(wecom, contract)
