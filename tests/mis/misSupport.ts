import { randomBytes } from 'node:crypto';
import type { ManualClock } from '../../runtime/clock';
import type { MisState } from '../../mis/connection';
import type { MisOptions } from '../../mis/sync';
import { startTestService, type RunningService } from '../support/testService';
import { startWondeStandIn, type RunningWonde } from '../support/wondeStandIn';
import type { StandInSchool } from '../../standins/wonde';

/**
 * The service with its MIS sync pointed at a Wonde stand-in on a port of its own (WONDE_API_ORIGIN),
 * a token key of the test's own, and a client that waits for nothing (it records what it was told
 * to wait) and gives up on a silent Wonde after 300 ms.
 */
export interface MisWorld {
  svc: RunningService;
  wonde: RunningWonde;
  clock: ManualClock;
  /** Waits the Wonde client was told to sit out (429) or chose (backoff), in ms. */
  waits: number[];
  close(): Promise<void>;
}

export const MIS_TOKEN_KEY = randomBytes(32).toString('base64');

export async function startMisWorld(clock: ManualClock, schools: StandInSchool[], o: { env?: Record<string, string>; client?: Partial<MisOptions['client']>; budgetMs?: number } = {}): Promise<MisWorld> {
  const wonde = await startWondeStandIn(clock, schools);
  const waits: number[] = [];
  const svc = await startTestService({
    clock,
    env: { WONDE_API_ORIGIN: wonde.origin, MIS_TOKEN_KEY, ...o.env },
    service: { mis: { budgetMs: o.budgetMs ?? 60_000, client: { sleep: async (ms) => void waits.push(ms), timeoutMs: 300, ...o.client } } },
  });
  return {
    svc,
    wonde,
    clock,
    waits,
    async close() {
      await svc.close();
      await wonde.close();
    },
  };
}

/** A school with an admin (who hears about revoked access) and a school-local clock of England. */
export async function schoolWithAdmin(svc: RunningService, name: string, adminEmail = `office@${name.toLowerCase().replace(/\W+/g, '')}.example`): Promise<{ schoolId: string; adminId: string }> {
  const school = await svc.ctx.prisma.school.create({ data: { name } });
  const admin = await svc.ctx.prisma.staff.create({ data: { schoolId: school.id, displayName: 'Office Admin', email: adminEmail, roles: ['ADMIN'] } });
  return { schoolId: school.id, adminId: admin.id };
}

export async function connect(svc: RunningService, schoolId: string, body: Record<string, unknown>): Promise<Response> {
  return svc.api(`/api/schools/${schoolId}/mis`, { method: 'POST', body: JSON.stringify(body) });
}

export async function misOf(svc: RunningService, schoolId: string): Promise<Extract<MisState, { state: 'connected' | 'revoked' | 'disconnected' }>> {
  const res = await svc.api(`/api/schools/${schoolId}/mis`);
  expect(res.status).toBe(200);
  return (await res.json()) as Extract<MisState, { state: 'connected' | 'revoked' | 'disconnected' }>;
}

/** Runs what is due now, as the minute tick would (a sync that hands over runs on in the same call). */
export const runDue = (svc: RunningService) => svc.service.jobs.runDue();
