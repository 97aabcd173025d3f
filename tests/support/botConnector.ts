import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';

/**
 * A local Bot Connector: the `serviceUrl` of the activities tests post, receiving what the bot
 * sends (replies, proactive messages) and answering member lookups, like Teams' connector does.
 */
export interface ConnectorMember {
  id: string;
  name: string;
  aadObjectId?: string;
  email?: string;
  userPrincipalName?: string;
  tenantId?: string;
}

export interface SentActivity {
  conversationId: string;
  replyToId?: string;
  activity: { type: string; text?: string; summary?: string; attachments?: { contentType: string; content: Record<string, unknown> }[] };
  authorization?: string;
}

export interface BotConnector {
  serviceUrl: string;
  sent: SentActivity[];
  members: Map<string, ConnectorMember>;
  /** Statuses to answer the next sends with, in order (then 200), with optional headers. */
  failNext(...answers: { status: number; headers?: Record<string, string> }[]): void;
  cards(): Record<string, unknown>[];
  close(): Promise<void>;
}

export async function startBotConnector(): Promise<BotConnector> {
  const app = express();
  app.use(express.json({ limit: '2mb' }));
  const sent: SentActivity[] = [];
  const members = new Map<string, ConnectorMember>();
  const failures: { status: number; headers?: Record<string, string> }[] = [];
  let next = 0;

  const receive = (req: express.Request, res: express.Response) => {
    const failure = failures.shift();
    if (failure) {
      res.status(failure.status).set(failure.headers ?? {}).json({ error: { code: 'Failure', message: `stand-in answered ${failure.status}` } });
      return;
    }
    sent.push({ conversationId: String(req.params.conversationId), replyToId: req.params.activityId as string | undefined, activity: req.body, authorization: req.headers.authorization });
    res.status(200).json({ id: `activity-${++next}` });
  };
  app.post('/v3/conversations/:conversationId/activities', receive);
  app.post('/v3/conversations/:conversationId/activities/:activityId', receive);
  app.put('/v3/conversations/:conversationId/activities/:activityId', receive);
  app.get('/v3/conversations/:conversationId/members/:userId', (req, res) => {
    const m = members.get(String(req.params.userId));
    if (!m) {
      res.status(404).json({ error: { code: 'MemberNotFoundInConversation', message: 'not found' } });
      return;
    }
    res.json(m);
  });
  app.post('/v3/conversations', (req, res) => {
    res.status(201).json({ id: `a:${req.body?.members?.[0]?.id ?? 'new'}`, activityId: `activity-${++next}` });
  });

  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    sent,
    members,
    failNext: (...answers) => failures.push(...answers),
    cards: () => sent.flatMap((s) => (s.activity.attachments ?? []).map((a) => a.content)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
