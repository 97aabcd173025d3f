import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Clock } from '../../runtime/clock';
import { createWondeStandIn, type StandInSchool, type WondeStandIn } from '../../standins/wonde';

/** The Wonde stand-in (standins/wonde.ts) on a port of its own, as Wonde is to the service. */
export interface RunningWonde extends WondeStandIn {
  /** What WONDE_API_ORIGIN is set to. */
  origin: string;
  close(): Promise<void>;
}

export const STANDIN_SCHOOL = 'A1930499544';
export const STANDIN_TOKEN = 'standin-token-7e76896f9aca62569048c667db292d72';

export async function startWondeStandIn(clock: Clock, schools: StandInSchool[] = [{ id: STANDIN_SCHOOL, token: STANDIN_TOKEN }]): Promise<RunningWonde> {
  const standIn = createWondeStandIn(clock, schools);
  const app = express();
  app.use(standIn.router);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return Object.assign(standIn, {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        // A scripted timeout leaves a request unanswered: end it rather than wait for it.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
