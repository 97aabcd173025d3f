import type { Router } from 'express';
import { z } from 'zod';
import type { PrismaClient } from '../db/database';
import type { Clock } from '../runtime/clock';
import type { Principal } from '../domain/access';
import { canEditPupil } from '../domain/access';
import { principalOf } from '../api/auth';
import { actorOf } from '../audit/audit';
import { forbidden, notFound, route } from '../api/errors';
import { cancelConversation, offerSlots, openAdHocConversation, reschedule } from './booking';
import { MAX_SLOTS, MIN_SLOTS } from './slots';

/**
 * Booking routes for the key teacher (Teams and the dashboard call the same ones). A time is an
 * ISO date-time with an offset ("2026-12-01T15:30:00Z") or without one ("2026-12-01T15:30"),
 * which is school-local; the booking rules (booking/slots.ts) read it in the school's zone.
 */
const instant = z.iso.datetime({ offset: true, local: true, error: 'must be a date and time such as 2026-12-01T15:30 (school time) or 2026-12-01T15:30:00Z' });
const slotCount = `offer between ${MIN_SLOTS} and ${MAX_SLOTS} times`;
const slotsBody = z.object({ slots: z.array(instant).min(MIN_SLOTS, slotCount).max(MAX_SLOTS, slotCount) });
const rescheduleBody = z.union([z.object({ at: instant }), slotsBody]);
const cancelBody = z.object({ reason: z.string().trim().max(500).optional() });
const createBody = z.object({
  pupilId: z.uuid(),
  kind: z.enum(['INITIAL', 'REVIEW', 'ADDITIONAL']).default('ADDITIONAL'),
  dueBy: z.iso.date().optional(),
});

async function summary(prisma: PrismaClient, id: string) {
  const c = await prisma.structuredConversation.findUniqueOrThrow({
    where: { id },
    include: { bookingOffers: { include: { slots: { orderBy: { position: 'asc' } } }, orderBy: { createdAt: 'asc' } } },
  });
  return {
    id: c.id,
    pupilId: c.pupilId,
    kind: c.kind,
    status: c.status,
    dueBy: c.dueBy.toISOString().slice(0, 10),
    scheduledAt: c.scheduledAt,
    offers: c.bookingOffers.map((o) => ({
      id: o.id,
      contactId: o.contactId,
      status: o.status,
      respondedAt: o.respondedAt,
      slots: o.slots.map((s) => ({ position: s.position, startsAt: s.startsAt, chosen: s.chosen })),
    })),
  };
}

async function editableConversation(prisma: PrismaClient, p: Principal, id: string) {
  const c = await prisma.structuredConversation.findUnique({ where: { id }, include: { pupil: true } });
  if (!c) throw notFound('Conversation');
  if (!canEditPupil(p, c.pupil)) throw forbidden('Only the key teacher, a SENCO or an admin can book this conversation');
  return c;
}

/** `kick` runs the queued texts soon instead of at the next minute. */
export function mountBookingApi(api: Router, d: { prisma: PrismaClient; clock: Clock; kick(): void }): void {
  api.post(
    '/conversations',
    route(async (req, res) => {
      const p = principalOf(req);
      const body = createBody.parse(req.body ?? {});
      const pupil = await d.prisma.pupil.findUnique({ where: { id: body.pupilId } });
      if (!pupil) throw notFound('Pupil');
      if (!canEditPupil(p, pupil)) throw forbidden();
      const created = await d.prisma.$transaction((tx) => openAdHocConversation(tx, d.clock, actorOf(p), body.pupilId, body.kind, body.dueBy));
      res.status(201).json(await summary(d.prisma, created.id));
    }),
  );

  api.post(
    '/conversations/:id/offers',
    route(async (req, res) => {
      const p = principalOf(req);
      const id = z.uuid().parse(req.params.id);
      await editableConversation(d.prisma, p, id);
      const body = slotsBody.parse(req.body ?? {});
      await d.prisma.$transaction((tx) => offerSlots(tx, d.clock, actorOf(p), id, body.slots), { timeout: 20_000 });
      d.kick();
      res.status(201).json(await summary(d.prisma, id));
    }),
  );

  api.post(
    '/conversations/:id/reschedule',
    route(async (req, res) => {
      const p = principalOf(req);
      const id = z.uuid().parse(req.params.id);
      await editableConversation(d.prisma, p, id);
      const body = rescheduleBody.parse(req.body ?? {});
      await d.prisma.$transaction((tx) => reschedule(tx, d.clock, actorOf(p), id, body), { timeout: 20_000 });
      d.kick();
      res.json(await summary(d.prisma, id));
    }),
  );

  api.post(
    '/conversations/:id/cancel',
    route(async (req, res) => {
      const p = principalOf(req);
      const id = z.uuid().parse(req.params.id);
      await editableConversation(d.prisma, p, id);
      const body = cancelBody.parse(req.body ?? {});
      await d.prisma.$transaction((tx) => cancelConversation(tx, d.clock, actorOf(p), id, body.reason), { timeout: 20_000 });
      d.kick();
      res.json(await summary(d.prisma, id));
    }),
  );
}
