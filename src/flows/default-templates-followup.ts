import { template, type TemplateSource } from './template-copy'

// Copy the engine says while a person or a team works on the case: holding messages, progress
// updates, promised updates and the work order's life, with their out-of-hours twins.

/** Bundled copy for holding messages, progress updates, promises and work orders. */
export const DEFAULT_FOLLOWUP_TEMPLATES: Record<string, TemplateSource> = {
  holding: template(
    '好的～负责的同事会在{{reply.within}}回复您，请稍候。',
    'Noted. The colleague handling this will reply here {{reply.within}}.'
  ),

  'holding.offhours': template(
    '好的，您的留言已收到。现在是非工作时间，负责的同事{{hours.back}} 上班，会在{{reply.by}}回复您。',
    "Noted, your message is saved. We're offline right now; the colleague handling this is back {{hours.back}} and will reply here {{reply.by}}."
  ),

  'promise.update': template(
    '抱歉让您久等了！同事们还在处理前面的咨询，我已经把您的问题标记为优先，同事会在{{reply.within}}回复您。',
    "Sorry for the wait! My colleagues are still busy with earlier conversations. I've marked yours as a priority, and someone will reply here {{reply.within}}."
  ),

  'promise.update.offhours': template(
    '抱歉让您久等了！现在是非工作时间，我已经把您的问题标记为优先，同事{{hours.back}} 上班后会在{{reply.by}}回复您。',
    "Sorry for the wait! We're offline right now; I've marked your conversation as a priority, and a colleague will reply here {{reply.by}}."
  ),

  'promise.update.resolution': template(
    '抱歉，您的问题比预想的多花了一些时间。负责的同事仍在跟进，会在{{resolve.by}}给您明确答复，有进展也会随时告诉您。',
    "Sorry, your case is taking longer than we expected. The colleague handling it is still on it and will come back to you with a clear answer {{resolve.by}}; we'll keep you posted in the meantime."
  ),

  'ack.waiting': template(
    '好的，不着急～准备好了直接发在这里就行。',
    'Sure, no rush. Just send it here when you have it.'
  ),

  progress: template(
    '负责的同事仍在跟进您的问题，预计{{resolve.by}}给您明确答复，有进展会第一时间在这里告诉您。',
    "The colleague handling your case is still on it and expects to give you a clear answer {{resolve.by}}. We'll tell you here as soon as there's news."
  ),

  'progress.offhours': template(
    '您的问题我们一直记着：现在是非工作时间，负责的同事{{hours.back}} 上班后继续跟进，预计{{resolve.by}}给您明确答复。',
    "We haven't forgotten your case: we're offline right now, and the colleague handling it carries on when we're back {{hours.back}}, with a clear answer expected {{resolve.by}}."
  ),

  'holding.case': template(
    '好的，已收到～负责的同事正在处理，会在{{resolve.by}}给您结果，有进展会第一时间在这里告诉您。',
    "Noted, thank you. The colleague handling this is on it and will come back to you here {{resolve.by}}; we'll tell you sooner if there's news."
  ),

  'holding.case.offhours': template(
    '好的，已收到～现在是非工作时间，负责的同事{{hours.back}} 上班后继续处理，会在{{resolve.by}}给您结果。',
    "Noted, thank you. We're offline right now; the colleague handling this carries on when we're back {{hours.back}} and will come back to you {{resolve.by}}."
  ),

  'progress.again': template(
    '跟您同步一下进展：您的问题负责的同事一直在处理，目前还在等待核实结果，{{resolve.by}}一定给您明确答复。',
    'A quick update: the colleague handling your case is still on it and waiting for the check to come back. You will have a clear answer {{resolve.by}}.'
  ),

  'progress.again.offhours': template(
    '跟您同步一下：现在是非工作时间，您的问题负责的同事{{hours.back}} 上班后继续处理，{{resolve.by}}给您明确答复。',
    "A quick update: we're offline right now; the colleague handling your case carries on when we're back {{hours.back}}, and you will have a clear answer {{resolve.by}}."
  ),

  'holding.ack': template(
    '好的～同事会在{{reply.within}}回复您，请稍候。',
    'Noted, thank you! A colleague will reply here {{reply.within}}.'
  ),

  'holding.ack.offhours': template(
    '好的～同事上班后会在{{reply.by}}回复您。',
    "Noted, thank you! A colleague will reply here {{reply.by}}, once we're back."
  ),

  'ticket.ask': template(
    '为了给您登记工单（{{ticket.category}}），还需要您提供：{{ticket.missing}}。直接发在这里就可以。',
    'To register this as a request with the right team ({{ticket.category}}), we still need {{ticket.missing}}. Just send it here.'
  ),

  'ticket.registered': template(
    '已为您登记工单 {{ticket.id}}（{{ticket.category}}），负责的同事最晚{{ticket.due}} 给您答复，期间有进展也会在这里告诉您。',
    "Your request {{ticket.id}} ({{ticket.category}}) is now registered with the right team, and you'll have an answer here {{ticket.due}} at the latest. We'll tell you sooner if there's news."
  ),

  // A flow step opened the work order right after promising a time: the number, not a second time.
  'ticket.noted': template(
    '已为您登记工单 {{ticket.id}}（{{ticket.category}}），之后问起这件事报这个编号就可以，处理进展都会在这里告诉您。',
    "Your reference is {{ticket.id}} ({{ticket.category}}), in case you ask about this later. We'll keep you posted here."
  ),

  'ticket.noted.due': template(
    '您的工单编号是 {{ticket.id}}（{{ticket.category}}），之后问起这件事报这个编号就可以。负责的同事最晚{{ticket.due}} 给您处理结果，进展都会在这里告诉您。',
    "Your reference is {{ticket.id}} ({{ticket.category}}), in case you ask about this later. The team will have it settled {{ticket.due}} at the latest, and we'll keep you posted here."
  ),

  'ticket.progress': template(
    '工单 {{ticket.id}} 的进展：负责的同事仍在处理，最晚{{ticket.due}} 给您答复。您不需要做什么，有结果会第一时间在这里告诉您。',
    "An update on your request {{ticket.id}}: the team is still working on it, and you'll have an answer {{ticket.due}} at the latest. There's nothing you need to do; we'll write here as soon as there's news."
  ),

  'ticket.progress.again': template(
    '工单 {{ticket.id}} 还在处理中，负责的同事最晚{{ticket.due}} 给您答复，一有结果马上在这里通知您。',
    "Your request {{ticket.id}} is still with the team, and the answer is due {{ticket.due}} at the latest. We'll write here the moment there's news."
  ),

  'ticket.progress.late': template(
    '工单 {{ticket.id}} 的进展：处理时间比我们说的要长，非常抱歉让您久等。负责的同事仍在跟进，有结果会第一时间在这里告诉您。',
    "An update on your request {{ticket.id}}: it's taking longer than we told you, and we're sorry for the wait. The team is still on it, and we'll write here as soon as there's news."
  ),

  'ticket.progress.late.again': template(
    '工单 {{ticket.id}} 还在处理中，再次为久等向您致歉。负责的同事一直在跟进，一有结果马上在这里通知您。',
    "Your request {{ticket.id}} is still being worked on, and we're sorry again that it's taking this long. The team is on it, and we'll write here the moment there's news."
  ),

  'ticket.closed': template(
    '以上是工单 {{ticket.id}}（{{ticket.category}}）的处理结果。如果问题还没有解决，直接回复这里告诉我们就好。',
    "That's the outcome of your request {{ticket.id}} ({{ticket.category}}). If anything is still not right, just reply here and tell us."
  ),
}
