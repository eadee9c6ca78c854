import { describeContract } from '../wxcrypto/contract-suite'
import { contract } from './contract'
import { wechat } from './index'

describeContract(wechat, contract)
