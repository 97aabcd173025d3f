import { randomUUID } from 'node:crypto';
import type { AuthOptions } from '../api/auth';
import { meCapability } from '../api/me';
import { auditCapability } from '../audit/auditApi';
import { bookingCapability } from '../booking/capability';
import { teamsCapability, type TeamsOptions } from '../bot/teamsCapability';
import { TEAMS_COMMANDS } from '../bot/commands';
import type { CardAction, NoticeCard } from '../cards/cardAction';
import type { Command } from '../cards/command';
import { dashboardCapability } from '../dashboard/dashboardCapability';
import { digestCapability } from '../digest/capability';
import { evaluationCapability } from '../evaluation/capability';
import { planSchoolEvaluation } from '../evaluation/termlyReports';
import { DIGEST_COMMAND } from '../digest/digestCommand';
import { JobRunner } from '../jobs/jobRunner';
import { deliverMessage, type ChannelSender } from '../messaging/delivery';
import { DELIVER_MESSAGE } from '../messaging/outbox';
import { STAFF_NOTICES } from '../messaging/staffNotifier';
import type { Channel } from '../generated/prisma/client';
import type { Capability } from '../platform/capability';
import type { ServiceContext } from '../platform/context';
import type { UseCaseDeps } from '../platform/useCase';
import { evidenceCapability } from '../achievement/achievementApi';
import { privacyCapability } from '../privacy/privacyApi';
import { recordingCapability } from '../recording/capability';
import { RECORDING_COMMANDS } from '../recording/commands';
import { repliesCapability } from '../replies/capability';
import { retentionCapability } from '../retention/nightlyRetention';
import { rosterCapability } from '../roster/rosterApi';
import { planSchoolChanges } from '../scheduling/planner';
import { schedulerCapability, type Scheduler } from '../scheduling/scheduler';
import { schoolCapability } from '../settings/capability';
import { smsCapability } from '../sms/smsCapability';
import { legalPagesCapability } from '../teamsApp/legalPagesCapability';
import { misCapability } from '../mis/misApi';
import type { MisOptions } from '../mis/sync';
import { organisationsCapability } from '../organisations/capability';

/**
 * What the service is made of. Each capability is built here with what it needs and declares its
 * routes, card buttons, notices' cards, jobs and senders; this file assembles them (in the order
 * routes are mounted and work is started), so the folder that answers each route, verb and job is
 * named below and nothing is registered anywhere else.
 */

/** What a member of staff can type to the bot, in the order help and the Teams command menu list it. */
export function commandMenu(): Command[] {
  return [...TEAMS_COMMANDS.first, ...RECORDING_COMMANDS, DIGEST_COMMAND, ...TEAMS_COMMANDS.last];
}

export interface Composition {
  capabilities: Capability[];
  jobs: JobRunner;
  scheduler: Scheduler;
  cardActions: Record<string, CardAction>;
  noticeCards: Record<string, NoticeCard>;
}

export interface CompositionOptions {
  teams?: TeamsOptions;
  /** Tests: how long a sync run works before handing over, and how the Wonde client waits and retries. */
  mis?: Partial<MisOptions>;
  /** Tests only: senders in place of the capabilities' own (a provider that records, fails or hangs), given when the service is built. */
  senders?: (ctx: ServiceContext, own: Partial<Record<Channel, ChannelSender>>) => Partial<Record<Channel, ChannelSender>>;
}

export function compose(ctx: ServiceContext, auth: AuthOptions, options: CompositionOptions = {}): Composition {
  const jobs = new JobRunner({ pool: ctx.db.pool, clock: ctx.clock, logger: ctx.logger, workerId: `${process.pid}-${randomUUID().slice(0, 8)}` });
  const d: UseCaseDeps = { prisma: ctx.prisma, clock: ctx.clock, kick: () => jobs.kick() };
  const scheduler = schedulerCapability(ctx, jobs);
  // What a school's use case marked, planned before it answers (reminders already planned move at once).
  const replanSchool = async (schoolId: string) => {
    const planned = await planSchoolChanges(ctx.prisma, ctx.clock, schoolId);
    // Its calendar or organisations changed: so may the end of term its evaluation is sent at.
    await planSchoolEvaluation(ctx.prisma, ctx.clock, schoolId);
    jobs.kick();
    return planned;
  };

  const parts: Capability[] = [
    meCapability(ctx),
    schoolCapability({ ...d, replanSchool }),
    rosterCapability(ctx, d),
    misCapability(ctx, d, options.mis),
    evidenceCapability(ctx, d),
    auditCapability(ctx),
    retentionCapability(ctx),
    privacyCapability(ctx, d),
    scheduler,
    digestCapability(ctx),
    organisationsCapability({ ...d, replanSchool }),
    evaluationCapability(ctx, d),
    dashboardCapability(ctx, auth),
    bookingCapability(ctx, d),
    recordingCapability(ctx, d),
    repliesCapability(ctx, d),
    smsCapability(ctx, d),
    legalPagesCapability(ctx),
  ];
  const cardActions = merged(parts, 'cardActions');
  const teams = teamsCapability(ctx, { cardActions, noticeCards: merged(parts, 'noticeCards'), commands: commandMenu() }, options.teams);
  const capabilities = [...parts, teams];

  const own: Partial<Record<Channel, ChannelSender>> = merged(capabilities, 'senders');
  const senders = { ...own, ...options.senders?.(ctx, own) };
  jobs.register(DELIVER_MESSAGE, deliverMessage(ctx.prisma, ctx.clock, senders));
  for (const [kind, handler] of Object.entries(merged(capabilities, 'jobs'))) jobs.register(kind, handler);

  const noticeCards = merged(capabilities, 'noticeCards');
  // Every kind of staff notice is re-checked at delivery: one without a check is a mistake caught at start.
  const unchecked = STAFF_NOTICES.filter((kind) => !Object.hasOwn(noticeCards, kind));
  if (unchecked.length > 0) throw new Error(`staff notices with no check at delivery: ${unchecked.join(', ')}`);
  return { capabilities, jobs, scheduler, cardActions, noticeCards };
}

/** One capability's declarations of a kind, merged; two capabilities declaring the same key is a mistake caught at start. */
function merged<K extends 'cardActions' | 'noticeCards' | 'jobs' | 'senders'>(capabilities: Capability[], key: K): NonNullable<Capability[K]> {
  const all: Record<string, unknown> = {};
  for (const c of capabilities) {
    for (const [name, value] of Object.entries(c[key] ?? {})) {
      if (name in all) throw new Error(`${key} "${name}" is declared twice (again by ${c.name})`);
      all[name] = value;
    }
  }
  return all as NonNullable<Capability[K]>;
}
